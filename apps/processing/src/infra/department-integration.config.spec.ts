import { DepartmentIntegrationConfig } from './department-integration.config';

describe('department integration settings', () => {
  it('reads Kafka departments and webhook endpoints with their secrets', () => {
    const config = DepartmentIntegrationConfig.fromEnv({
      PROCESSING_KAFKA_DEPARTMENTS: 'city-transport, city-health',
      PROCESSING_WEBHOOK_URLS: 'city-housing=https://housing.example/hooks?x=1',
      PROCESSING_WEBHOOK_SECRETS: 'city-housing=0123456789abcdef',
    });
    expect([...config.kafkaDepartments]).toEqual(['city-transport', 'city-health']);
    expect(config.webhooks.get('city-housing')).toEqual({ url: 'https://housing.example/hooks?x=1', secret: '0123456789abcdef' });
  });

  it('integrates nobody by default', () => {
    const config = DepartmentIntegrationConfig.fromEnv({});
    expect(config.kafkaDepartments.size + config.webhooks.size).toBe(0);
  });

  it('names every wrong setting', () => {
    expect(() => DepartmentIntegrationConfig.fromEnv({ PROCESSING_KAFKA_DEPARTMENTS: 'City Transport' })).toThrow(
      /PROCESSING_KAFKA_DEPARTMENTS/,
    );
    expect(() => DepartmentIntegrationConfig.fromEnv({ PROCESSING_WEBHOOK_URLS: 'city-housing=ftp://x' })).toThrow(
      /the URL of city-housing must be http\(s\).*city-housing needs a secret/,
    );
    expect(() =>
      DepartmentIntegrationConfig.fromEnv({
        PROCESSING_WEBHOOK_URLS: 'city-housing=http://x',
        PROCESSING_WEBHOOK_SECRETS: 'city-housing=short',
      }),
    ).toThrow(/at least 16 characters/);
    expect(() => DepartmentIntegrationConfig.fromEnv({ PROCESSING_WEBHOOK_SECRETS: 'city-hrss=0123456789abcdef' })).toThrow(
      /city-hrss has no URL/,
    );
  });
});
