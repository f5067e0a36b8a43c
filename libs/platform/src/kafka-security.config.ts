import { readFileSync } from 'node:fs';
import { SASL_MECHANISMS, type KafkaSecurity, type SaslMechanism } from '@ugov/messaging';

const PEM = /-----BEGIN [A-Z ]+-----/;

/**
 * KAFKA_SSL (true/false), KAFKA_SSL_CA_FILE, KAFKA_SSL_CERT_FILE + KAFKA_SSL_KEY_FILE (mutual TLS), KAFKA_SASL_MECHANISM
 * (plain, scram-sha-256, scram-sha-512) with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD. Files are read once, here;
 * a problem is named without printing a secret. PLAIN sends the password as it is, so it needs TLS.
 */
export function readKafkaSecurity(env: NodeJS.ProcessEnv, problems: string[]): KafkaSecurity {
  const ssl = env.KAFKA_SSL ?? 'false';
  if (ssl !== 'true' && ssl !== 'false') problems.push(`KAFKA_SSL: must be true or false, got "${ssl}"`);
  const tlsWanted = ssl === 'true';

  const pemFile = (variable: string): string | undefined => {
    const path = env[variable];
    if (path === undefined) return undefined;
    if (!tlsWanted) problems.push(`${variable}: needs KAFKA_SSL=true`);
    try {
      const content = readFileSync(path, 'utf8');
      if (!PEM.test(content)) problems.push(`${variable}: ${path} holds no PEM block`);
      return content;
    } catch (error) {
      problems.push(`${variable}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      return undefined;
    }
  };
  const ca = pemFile('KAFKA_SSL_CA_FILE');
  const cert = pemFile('KAFKA_SSL_CERT_FILE');
  const key = pemFile('KAFKA_SSL_KEY_FILE');
  if ((env.KAFKA_SSL_CERT_FILE === undefined) !== (env.KAFKA_SSL_KEY_FILE === undefined))
    problems.push('KAFKA_SSL_CERT_FILE, KAFKA_SSL_KEY_FILE: give both (mutual TLS) or neither');

  const security: { tls?: KafkaSecurity['tls']; sasl?: KafkaSecurity['sasl'] } = {};
  if (tlsWanted) security.tls = { ca, cert, key };

  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined) problems.push('KAFKA_SASL_MECHANISM: required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set');
  } else if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
    problems.push(`KAFKA_SASL_MECHANISM: must be one of ${SASL_MECHANISMS.join(', ')}, got "${env.KAFKA_SASL_MECHANISM}"`);
  } else {
    if (!username) problems.push(`KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (!password) problems.push(`KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=${mechanism}`);
    if (mechanism === 'plain' && !tlsWanted) problems.push('KAFKA_SASL_MECHANISM: plain sends the password in clear; it needs KAFKA_SSL=true');
    if (username && password) security.sasl = { mechanism: mechanism as SaslMechanism, username, password };
  }
  return security;
}
