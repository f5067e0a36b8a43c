import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { knowCatalogVersions } from '../domain/intake-catalog';
import { catalogVersions, lastCatalogVersion } from './catalog-version.repository';

/** How often a process looks for versions stored since (by its own consumer or another replica's): one indexed read. */
const REFRESH_MS = 1000;

/**
 * Keeps the catalog versions of intake.catalog_versions in memory (domain/intake-catalog.ts), so that Open311 and the
 * service-application rules read the version in force without a query. Loaded at start-up, then refreshed.
 */
@Injectable()
export class CatalogVersions implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CatalogVersions.name);
  private known = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(
      () => this.refresh().catch((error: Error) => this.logger.warn(`catalog refresh: ${error.message}`)),
      REFRESH_MS,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Loads the versions when one was stored since the last look. */
  async refresh(): Promise<void> {
    const last = await lastCatalogVersion(this.dataSource);
    if (last <= this.known) return;
    const versions = await catalogVersions(this.dataSource);
    knowCatalogVersions(versions);
    this.known = last;
    this.logger.log(`catalog versions up to ${last} loaded`);
  }
}
