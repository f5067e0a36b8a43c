/**
 * `npm run catalog:import -- <file> [--dry-run] [--effective YYYY-MM-DD]`: checks a catalog file and stores it as
 * dispatch's next catalog version. Prints a validation report that lists every problem, with a progress bar on a
 * terminal. Running services load the new version before they route their next case.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { migrateServiceDatabase, serviceDataSourceOptions } from '@ugov/persistence';
import type { CatalogDocument } from '../../apps/dispatch/src/domain/catalog';
import { importCatalog } from '../../apps/dispatch/src/import-catalog/import-catalog';
import { CatalogFileError, formatOf, readCatalogFile } from '../../apps/dispatch/src/infra/catalog-file';
import { latestCatalogDocument } from '../../apps/dispatch/src/infra/catalog-version.repository';
import { dispatchEntities, dispatchMigrations } from '../../apps/dispatch/src/infra/dispatch.database';
import { ArgumentError, parseImportArguments, USAGE } from './import-arguments';

/** A bar on stderr when it is a terminal (redrawn at most every 1%); a line per quarter otherwise. */
function progressBar(label: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const percent = Math.floor((done / Math.max(total, 1)) * 100);
    if (percent === shown) return;
    if (process.stderr.isTTY) {
      const filled = Math.round(percent / 4);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${percent}% (${done}/${total})${done === total ? '\n' : ''}`,
      );
    } else if (percent % 25 === 0) process.stderr.write(`${label}: ${percent}% (${done}/${total})\n`);
    shown = percent;
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseImportArguments(argv);
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { file, dryRun, effectiveFrom } = parsed;
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ugov';
  const dataSource = await new DataSource(
    serviceDataSourceOptions({ url, schema: 'dispatch', entities: dispatchEntities, migrations: dispatchMigrations }),
  ).initialize();
  try {
    await migrateServiceDatabase(dataSource, 'dispatch');
    let base: { version: number; document: CatalogDocument } | undefined;
    if (formatOf(file) === 'csv') {
      base = await latestCatalogDocument(dataSource);
      if (!base)
        throw new CatalogFileError('a CSV holds routes only, and the database has no catalog version yet: import a whole catalog first');
      process.stdout.write(`routes from ${file} applied to catalog version ${base.version}\n`);
    }
    const raw = readCatalogFile(file, base?.document);
    const report = await importCatalog(
      {
        raw,
        effectiveFrom: effectiveFrom ?? new Date(),
        source: resolve(file),
        importedBy: `catalog:import (${process.env.USER ?? 'unknown user'})`,
        dryRun,
        onProgress: progressBar('checking'),
      },
      (work) => dataSource.transaction((manager) => work(manager)),
    );
    const { regions, departments, categories, routes } = report.counts;
    process.stdout.write(`${file}: ${regions} regions, ${departments} departments, ${categories} categories, ${routes} routes\n`);
    if (report.problems.length > 0) {
      process.stdout.write(`${report.problems.length} problem(s); nothing was stored:\n`);
      for (const { path, message } of report.problems) process.stdout.write(`  ${path}: ${message}\n`);
      return 1;
    }
    if (!report.version) {
      process.stdout.write('valid (dry run: nothing was stored)\n');
      return 0;
    }
    process.stdout.write(
      `stored as catalog version ${report.version.version}, in force from ${report.version.effectiveFrom.toISOString()}\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CatalogFileError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`catalog:import failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
