import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '@ugov/platform';
import shippedDefinitions from '../../data/sla-definitions.json';
import { InvalidSlaDefinitionsError, parseSlaDefinitions, type SlaDefinitions } from '../domain/sla-definitions';

export const SLA_DEFINITIONS = Symbol('SLA_DEFINITIONS');

/**
 * The SLA definitions in force: SLA_DEFINITIONS_FILE (YAML or JSON) when set, else the shipped
 * apps/supervision/data/sla-definitions.json. A missing or invalid file stops the process with the reason.
 */
export function loadSlaDefinitions(env: NodeJS.ProcessEnv = process.env): SlaDefinitions {
  const file = env.SLA_DEFINITIONS_FILE;
  try {
    if (!file) return parseSlaDefinitions(shippedDefinitions, 'apps/supervision/data/sla-definitions.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`SLA_DEFINITIONS_FILE: cannot read ${file}: ${(error as Error).message}`);
    }
    return parseSlaDefinitions(parseYaml(text), file, text);
  } catch (error) {
    if (error instanceof InvalidSlaDefinitionsError) throw new ConfigError(`SLA_DEFINITIONS_FILE: ${error.message}`);
    throw error;
  }
}

export const slaDefinitionsProvider: Provider = {
  provide: SLA_DEFINITIONS,
  useFactory: () => {
    const definitions = loadSlaDefinitions();
    new Logger('SlaDefinitions').log(`SLA definitions version ${definitions.version} (sha256 ${definitions.digest.slice(0, 12)}…)`);
    return definitions;
  },
};

/**
 * Records the definitions document in force (once per version and digest) at start-up, and says when open
 * clocks were measured on another one: `npm run sla:recalculate` brings them onto it.
 */
@Injectable()
export class RecordSlaDefinitionsInForce implements OnApplicationBootstrap {
  private readonly logger = new Logger('SlaDefinitions');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SLA_DEFINITIONS) private readonly definitions: SlaDefinitions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { version, digest } = this.definitions;
    await this.dataSource.query(
      `INSERT INTO supervision.sla_definition_versions (version, digest, document) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [version, digest, JSON.stringify(this.definitions)],
    );
    const [{ stale }]: { stale: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS stale FROM supervision.sla_clocks WHERE ended_at IS NULL AND definitions_digest <> $1`,
      [digest],
    );
    if (stale > 0)
      this.logger.warn(
        `${stale} open clock(s) were measured on other SLA definitions than version ${version}: run npm run sla:recalculate`,
      );
  }
}
