import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Sql } from '@ugov/persistence';
import { parseCatalog } from '../domain/catalog';
import { versionInForce, type CatalogVersion } from '../domain/catalog-version';
import { initialCatalogDocument } from './catalog.provider';
import { publishCatalogVersions } from '../publish-catalog/publish-catalog-versions';
import { catalogVersionsAfter, insertCatalogVersion, lastCatalogVersion } from './catalog-version.repository';

/** Since always: the first catalog answers for every case accepted before a later version takes effect. */
const SINCE_ALWAYS = new Date('2000-01-01T00:00:00+08:00');

/**
 * Every catalog version, checked and indexed in memory. On start-up the first catalog (the demonstration city or
 * DISPATCH_CATALOG_FILE) is imported if the database has none, and every version not yet published is published (for
 * intake, through the outbox). Versions imported since, by this process or another
 * (the admin API of another replica, the import command), are loaded by `refresh`, which costs one indexed read.
 */
@Injectable()
export class CatalogVersions implements OnModuleInit {
  private readonly logger = new Logger(CatalogVersions.name);
  private versions: CatalogVersion[] = [];

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const { document, source } = initialCatalogDocument();
    const catalog = parseCatalog(document);
    const { seeded, published } = await this.dataSource.transaction(async (manager) => {
      const first = await insertCatalogVersion(
        manager,
        { document: catalog.document, effectiveFrom: SINCE_ALWAYS, source, importedBy: 'start-up' },
        true,
      );
      // The seeded version, and any stored before versions were published, go to intake through the outbox.
      return { seeded: first, published: await publishCatalogVersions(manager) };
    });
    if (seeded) this.logger.log(`no catalog version yet: imported ${source} as version ${seeded.version}`);
    if (published.length > 0) this.logger.log(`catalog version(s) ${published.join(', ')} published`);
    await this.refresh(this.dataSource);
  }

  /** Loads the versions imported since the last look. */
  async refresh(sql: Sql): Promise<void> {
    const known = this.versions.at(-1)?.version ?? 0;
    if ((await lastCatalogVersion(sql)) <= known) return;
    for (const row of await catalogVersionsAfter(sql, known)) {
      this.versions = [...this.versions, { version: row.version, effectiveFrom: row.effectiveFrom, catalog: parseCatalog(row.document) }];
      this.logger.log(`catalog version ${row.version} loaded, in force from ${row.effectiveFrom.toISOString()}`);
    }
  }

  /** The version in force at an instant (a case's acceptance). */
  inForceAt(instant: Date): CatalogVersion {
    const version = versionInForce(this.versions, instant);
    if (!version) throw new Error('no catalog version is loaded');
    return version;
  }
}
