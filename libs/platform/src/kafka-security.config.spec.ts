import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKafkaSecurity } from './kafka-security.config';
import { loadInfrastructureConfig } from './config';

const directory = mkdtempSync(join(tmpdir(), 'ugov-kafka-tls-'));
const pem = (name: string, kind: string) => {
  const path = join(directory, name);
  writeFileSync(path, `-----BEGIN ${kind}-----\nMIIB\n-----END ${kind}-----\n`);
  return path;
};
const CA = pem('ca.pem', 'CERTIFICATE');
const CERT = pem('client.pem', 'CERTIFICATE');
const KEY = pem('client.key', 'PRIVATE KEY');

const read = (env: NodeJS.ProcessEnv) => {
  const problems: string[] = [];
  return { security: readKafkaSecurity(env, problems), problems };
};

describe('Kafka security settings', () => {
  it('is plaintext without SASL by default', () => {
    expect(read({})).toEqual({ security: {}, problems: [] });
  });

  it('reads TLS with the CA and client certificate files, and SCRAM credentials', () => {
    const { security, problems } = read({
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: CA,
      KAFKA_SSL_CERT_FILE: CERT,
      KAFKA_SSL_KEY_FILE: KEY,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'ugov-intake',
      KAFKA_SASL_PASSWORD: 'p4ss',
    });
    expect(problems).toEqual([]);
    expect(security.tls?.ca).toContain('BEGIN CERTIFICATE');
    expect(security.tls?.key).toContain('BEGIN PRIVATE KEY');
    expect(security.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'ugov-intake', password: 'p4ss' });
  });

  it.each([
    [{ KAFKA_SSL: 'yes' }, 'KAFKA_SSL: must be true or false'],
    [{ KAFKA_SSL_CA_FILE: CA }, 'KAFKA_SSL_CA_FILE: needs KAFKA_SSL=true'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: join(directory, 'missing.pem') }, 'KAFKA_SSL_CA_FILE: cannot read'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: __filename }, 'holds no PEM block'],
    [{ KAFKA_SSL: 'true', KAFKA_SSL_CERT_FILE: CERT }, 'give both (mutual TLS) or neither'],
    [{ KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_MECHANISM: required'],
    [{ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'must be one of plain, scram-sha-256, scram-sha-512'],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u' }, 'KAFKA_SASL_PASSWORD: required'],
    [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, 'plain sends the password in clear'],
  ])('refuses %p, naming the setting', (env, problem) => {
    expect(read(env).problems.join('\n')).toContain(problem);
  });

  it('never prints the password', () => {
    expect(() => loadInfrastructureConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2-secret' })).toThrow(
      /KAFKA_SASL_MECHANISM/,
    );
    try {
      loadInfrastructureConfig({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2-secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2-secret');
    }
  });

  it('is part of every service and tool configuration', () => {
    expect(loadInfrastructureConfig({ KAFKA_SSL: 'true' }).kafkaSecurity).toEqual({ tls: { ca: undefined, cert: undefined, key: undefined } });
  });
});
