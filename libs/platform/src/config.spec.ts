import { ConfigError, loadServiceConfig } from './config';

const DEV = { UGOV_DEV_AUTH: 'true' };
const CITY_IDP = { UGOV_JWKS_URL: 'https://id.city.example/jwks', UGOV_JWT_ISSUER: 'https://id.city.example' };

describe('loadServiceConfig', () => {
  it('runs with the local defaults when development credentials are switched on', () => {
    const config = loadServiceConfig('dispatch', DEV);
    expect(config).toMatchObject({
      port: 3002,
      databaseUrl: 'postgres://ugov_dispatch@127.0.0.1:5432/ugov',
      kafkaBrokers: ['127.0.0.1:9092'],
      kafkaGroupId: 'ugov.dispatch',
    });
    expect(config.auth.devKeys.size).toBeGreaterThan(0);
    expect(config.auth.staffTokens).toMatchObject({
      jwks: { url: 'http://127.0.0.1:3009/.well-known/jwks.json' },
      issuer: 'http://127.0.0.1:3009',
      audience: 'ugov',
      clockSkewSeconds: 30,
    });
  });

  it('prefixes the consumer group with the topic prefix, so environments sharing a cluster stay apart', () => {
    expect(loadServiceConfig('intake', { ...DEV, KAFKA_TOPIC_PREFIX: 'staging.' }).kafkaGroupId).toBe('staging.ugov.intake');
  });

  it('names every wrong setting at once', () => {
    const env = {
      PROCESSING_PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      KAFKA_BROKERS: 'no-port',
      UGOV_DEV_AUTH: 'yes',
      UGOV_JWKS_URL: 'ftp://x',
      UGOV_JWT_CLOCK_SKEW_SECONDS: '-1',
    };
    expect(() => loadServiceConfig('processing', env)).toThrow(ConfigError);
    try {
      loadServiceConfig('processing', env);
    } catch (error) {
      const message = (error as Error).message;
      for (const variable of [
        'PROCESSING_PORT',
        'DATABASE_URL',
        'KAFKA_BROKERS',
        'UGOV_DEV_AUTH',
        'UGOV_JWKS_URL',
        'UGOV_JWT_CLOCK_SKEW_SECONDS',
      ])
        expect(message).toContain(variable);
    }
  });

  it('trusts no development credential by default, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      expect(() => loadServiceConfig('intake', { NODE_ENV })).toThrow(/UGOV_JWKS_URL or UGOV_JWKS_FILE: required/);
      expect(() => loadServiceConfig('intake', { NODE_ENV })).toThrow(/UGOV_JWT_ISSUER: required/);
      expect(loadServiceConfig('intake', { NODE_ENV, ...CITY_IDP }).auth.devKeys.size).toBe(0);
    }
  });

  it("takes the city's identity provider settings", () => {
    const config = loadServiceConfig('intake', { ...CITY_IDP, UGOV_JWT_AUDIENCE: 'ugov-prod', UGOV_JWT_ROLES_CLAIM: 'realm_access.roles' });
    expect(config.auth).toMatchObject({
      devAuth: false,
      staffTokens: {
        jwks: { url: CITY_IDP.UGOV_JWKS_URL },
        issuer: CITY_IDP.UGOV_JWT_ISSUER,
        audience: 'ugov-prod',
        rolesClaim: 'realm_access.roles',
      },
    });
  });

  it('says that UGOV_API_KEYS is no longer read, rather than ignore it', () => {
    expect(() => loadServiceConfig('intake', { ...DEV, UGOV_API_KEYS: 'x' })).toThrow(/UGOV_API_KEYS: no longer read/);
  });

  it("connects as the service's own role, never with DATABASE_URL's administrator credentials", () => {
    const env = { ...DEV, DATABASE_URL: 'postgres://admin:secret@db.city:6432/ugov?sslmode=require', INTAKE_DATABASE_PASSWORD: 'p@ss' };
    expect(loadServiceConfig('intake', env).databaseUrl).toBe('postgres://ugov_intake:p%40ss@db.city:6432/ugov?sslmode=require');
    expect(loadServiceConfig('supervision', env).databaseUrl).toBe('postgres://ugov_supervision@db.city:6432/ugov?sslmode=require');
  });

  it("takes a service's own URL as it is, and names it when it is wrong without printing its password", () => {
    const own = 'postgres://intake_app:pw@db.city/ugov';
    expect(loadServiceConfig('intake', { ...DEV, INTAKE_DATABASE_URL: own }).databaseUrl).toBe(own);
    expect(() => loadServiceConfig('intake', { ...DEV, INTAKE_DATABASE_URL: 'postgres://x:topsecret@' })).toThrow(/INTAKE_DATABASE_URL: .*x:\*\*\*@/);
    expect(() => loadServiceConfig('intake', { ...DEV, INTAKE_DATABASE_URL: 'postgres://x:topsecret@' })).not.toThrow(/topsecret/);
  });
});
