import { effectiveFromDate } from '../../apps/dispatch/src/domain/catalog-version';
import { formatOf } from '../../apps/dispatch/src/infra/catalog-file';

export interface ImportArguments {
  readonly file: string;
  readonly dryRun: boolean;
  /** Absent: in force at once. */
  readonly effectiveFrom?: Date;
}

export const USAGE = `usage: npm run catalog:import -- <file.json|file.yaml|file.csv> [--dry-run] [--effective YYYY-MM-DD]
  <file>       a whole catalog (JSON or YAML), or routes only (CSV: category,level,lead,co,mode,time_limits),
               which replace the routes of the categories they list in the latest version
  --dry-run    check and report only; store nothing
  --effective  the day (China time) from which accepted cases are routed by it; without it, at once
Reads DATABASE_URL like the services do. Exit code 0 imported (or valid, with --dry-run), 1 problems in the
catalog or a failure, 2 bad arguments.`;

export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

/** Every problem with the arguments is named, all at once; `help` when --help was asked for. */
export function parseImportArguments(argv: readonly string[]): ImportArguments | 'help' {
  const problems: string[] = [];
  const files: string[] = [];
  let dryRun = false;
  let effective: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--help' || argument === '-h') return 'help';
    if (argument === '--dry-run') dryRun = true;
    else if (argument === '--effective' || argument.startsWith('--effective=')) {
      const value = argument.includes('=') ? argument.slice('--effective='.length) : argv[++index];
      if (effective !== undefined) problems.push('--effective is given twice');
      else if (!value || value.startsWith('--')) problems.push('--effective needs a day, YYYY-MM-DD');
      effective = value ?? '';
    } else if (argument.startsWith('-')) problems.push(`unknown option ${argument}`);
    else files.push(argument);
  }
  if (files.length === 0) problems.push('a catalog file is required');
  if (files.length > 1) problems.push(`one file at a time, not ${files.length}`);
  if (files.length === 1) {
    try {
      formatOf(files[0]);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const effectiveFrom = effective ? effectiveFromDate(effective) : undefined;
  if (effective && !effective.startsWith('--') && !effectiveFrom)
    problems.push(`--effective "${effective}" is not a day such as 2026-12-01`);
  if (problems.length > 0) throw new ArgumentError(problems.join('\n'));
  return { file: files[0], dryRun, ...(effectiveFrom ? { effectiveFrom } : {}) };
}
