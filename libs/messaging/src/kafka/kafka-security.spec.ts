import { kafkajsSecurityOf } from './kafka-security';

describe('kafkajsSecurityOf', () => {
  it('leaves a plaintext connection without TLS or SASL', () => {
    expect(kafkajsSecurityOf(undefined)).toEqual({});
    expect(kafkajsSecurityOf({})).toEqual({});
  });

  it('verifies the brokers against the given CA, and presents a client certificate for mutual TLS', () => {
    expect(kafkajsSecurityOf({ tls: {} })).toEqual({ ssl: { rejectUnauthorized: true } });
    expect(kafkajsSecurityOf({ tls: { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' } })).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['CA PEM'], cert: 'CERT PEM', key: 'KEY PEM' },
    });
  });

  it('passes the SASL mechanism and credentials as kafkajs names them', () => {
    expect(kafkajsSecurityOf({ tls: {}, sasl: { mechanism: 'scram-sha-512', username: 'dept-city-housing', password: 's3cret' } })).toEqual({
      ssl: { rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'dept-city-housing', password: 's3cret' },
    });
  });
});
