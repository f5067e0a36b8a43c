import { ConfigError, codeProblemOf } from '@ugov/platform';

/** Which departments integrate their own systems over Kafka (a stream of their assignments, a command topic). */
export class DepartmentIntegrationConfig {
  constructor(readonly kafkaDepartments: ReadonlySet<string>) {}

  /** `PROCESSING_KAFKA_DEPARTMENTS`: department codes, comma-separated; empty (the default) integrates none. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): DepartmentIntegrationConfig {
    const codes = (env.PROCESSING_KAFKA_DEPARTMENTS ?? '')
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean);
    const problems = codes.map((code) => codeProblemOf(`PROCESSING_KAFKA_DEPARTMENTS entry "${code}"`, code)).filter(Boolean);
    if (problems.length > 0) throw new ConfigError(problems.join('; '));
    return new DepartmentIntegrationConfig(new Set(codes));
  }
}
