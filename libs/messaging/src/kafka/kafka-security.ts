import type { KafkaConfig } from 'kafkajs';

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** How a client proves itself to the cluster and protects the connection; nothing set means plaintext, no SASL. */
export interface KafkaSecurity {
  /** TLS to the brokers, verified against `ca` (PEM) or the system's CAs; `cert` + `key` for mutual TLS. */
  readonly tls?: { readonly ca?: string; readonly cert?: string; readonly key?: string };
  readonly sasl?: { readonly mechanism: SaslMechanism; readonly username: string; readonly password: string };
}

/** The kafkajs form of the settings (the only place that knows it). Certificates are always verified. */
export function kafkajsSecurityOf(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const config: Pick<KafkaConfig, 'ssl' | 'sasl'> = {};
  if (security?.tls) {
    const { ca, cert, key } = security.tls;
    config.ssl = { rejectUnauthorized: true, ...(ca ? { ca: [ca] } : {}), ...(cert && key ? { cert, key } : {}) };
  }
  if (security?.sasl) {
    const { mechanism, username, password } = security.sasl;
    config.sasl = { mechanism, username, password } as KafkaConfig['sasl'];
  }
  return config;
}
