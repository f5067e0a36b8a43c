import { ConfigError, loadServiceConfig } from './config';

describe('loadServiceConfig', () => {
  it('runs with the local defaults', () => {
    const config = loadServiceConfig('dispatch', {});
    expect(config).toMatchObject({
      port: 3002,
      databaseUrl: 'postgres://ugov_dispatch@127.0.0.1:5432/ugov',
      kafkaBrokers: ['127.0.0.1:9092'],
      kafkaGroupId: 'ugov.dispatch',
    });
    expect(config.apiKeys.size).toBeGreaterThan(0);
  });

  it('prefixes the consumer group with the topic prefix, so environments sharing a cluster stay apart', () => {
    expect(loadServiceConfig('intake', { KAFKA_TOPIC_PREFIX: 'staging.' }).kafkaGroupId).toBe('staging.ugov.intake');
  });

  it('names every wrong setting at once', () => {
    const env = { PROCESSING_PORT: 'eighty', DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'no-port', UGOV_API_KEYS: 'short=integrator:x' };
    expect(() => loadServiceConfig('processing', env)).toThrow(ConfigError);
    try {
      loadServiceConfig('processing', env);
    } catch (error) {
      const message = (error as Error).message;
      for (const variable of ['PROCESSING_PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'UGOV_API_KEYS']) expect(message).toContain(variable);
    }
  });

  it('refuses to run in production on the public development keys', () => {
    expect(() => loadServiceConfig('intake', { NODE_ENV: 'production' })).toThrow(/UGOV_API_KEYS: required in production/);
  });

  it("connects as the service's own role, never with DATABASE_URL's administrator credentials", () => {
    const env = { DATABASE_URL: 'postgres://admin:secret@db.city:6432/ugov?sslmode=require', INTAKE_DATABASE_PASSWORD: 'p@ss' };
    expect(loadServiceConfig('intake', env).databaseUrl).toBe('postgres://ugov_intake:p%40ss@db.city:6432/ugov?sslmode=require');
    expect(loadServiceConfig('supervision', env).databaseUrl).toBe('postgres://ugov_supervision@db.city:6432/ugov?sslmode=require');
  });

  it("takes a service's own URL as it is, and names it when it is wrong without printing its password", () => {
    const own = 'postgres://intake_app:pw@db.city/ugov';
    expect(loadServiceConfig('intake', { INTAKE_DATABASE_URL: own }).databaseUrl).toBe(own);
    expect(() => loadServiceConfig('intake', { INTAKE_DATABASE_URL: 'postgres://x:topsecret@' })).toThrow(/INTAKE_DATABASE_URL: .*x:\*\*\*@/);
    expect(() => loadServiceConfig('intake', { INTAKE_DATABASE_URL: 'postgres://x:topsecret@' })).not.toThrow(/topsecret/);
  });
});
