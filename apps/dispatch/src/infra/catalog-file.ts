import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CASE_TYPE_NAMES, type CatalogDocument, type LevelRule, type Route } from '../domain/catalog';

export class CatalogFileError extends Error {
  override readonly name = 'CatalogFileError';
}

export type CatalogFileFormat = 'json' | 'yaml' | 'csv';

export function formatOf(file: string): CatalogFileFormat {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  if (extension === '.csv') return 'csv';
  throw new CatalogFileError(`${file}: a catalog file ends in .json, .yaml, .yml or .csv`);
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (quoted) {
      if (char === '"' && body[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[index + 1] === '\n') index++;
      endRow();
    } else field += char;
  }
  if (quoted) throw new CatalogFileError('the CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''));
}

export const CSV_COLUMNS = ['category', 'level', 'lead', 'co', 'mode', 'time_limits'] as const;

/**
 * The dispatch catalog as a spreadsheet: one row per category and level (`category,level,lead,co,mode,time_limits`,
 * co-handlers separated by `|`, time limits as `complaint=5;help=2` on any row of the category). The categories
 * it lists get exactly these routes; every other part of the catalog is kept from `base`.
 */
export function routesFromCsv(text: string, base: CatalogDocument): CatalogDocument {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CatalogFileError('the CSV is empty');
  const columns = header.map((name) => name.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((name) => name !== 'co' && name !== 'mode' && name !== 'time_limits' && !columns.includes(name));
  if (missing.length > 0) throw new CatalogFileError(`the CSV header lacks ${missing.join(', ')} (columns: ${CSV_COLUMNS.join(',')})`);
  const cell = (cells: string[], name: string) => (cells[columns.indexOf(name)] ?? '').trim();
  const routes = new Map<string, { levels: Record<string, LevelRule>; timeLimits?: Record<string, number | string> }>();
  for (const cells of rows) {
    const category = cell(cells, 'category');
    const route = routes.get(category) ?? { levels: {} };
    const co = cell(cells, 'co');
    const mode = cell(cells, 'mode');
    const rule = { lead: cell(cells, 'lead'), ...(co ? { co: co.split('|').map((kind) => kind.trim()) } : {}), ...(mode ? { mode } : {}) };
    const level = cell(cells, 'level');
    // A level given twice is kept as an unknown key so that validation names it rather than one row silently winning.
    route.levels[route.levels[level] ? `${level} (again)` : level] = rule as LevelRule;
    for (const pair of cell(cells, 'time_limits').split(';').filter(Boolean)) {
      const [type, days] = pair.split('=').map((part) => part.trim());
      route.timeLimits = { ...route.timeLimits, [type]: /^\d+$/.test(days ?? '') ? Number(days) : (days ?? '') };
    }
    routes.set(category, route);
  }
  const replaced = base.routes.map((route) =>
    routes.has(route.category) ? { category: route.category, ...routes.get(route.category)! } : route,
  );
  const added = [...routes].filter(([category]) => !base.routes.some((route) => route.category === category));
  return { ...base, routes: [...replaced, ...added.map(([category, route]) => ({ category, ...route }))] as Route[] };
}

/** The CSV of a catalog's routes, the format `routesFromCsv` reads. */
export function routesToCsv(document: CatalogDocument): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [CSV_COLUMNS.join(',')];
  for (const route of document.routes) {
    const limits = CASE_TYPE_NAMES.filter((type) => route.timeLimits?.[type] !== undefined)
      .map((type) => `${type}=${route.timeLimits![type]}`)
      .join(';');
    Object.entries(route.levels).forEach(([level, rule], index) =>
      lines.push(
        [route.category, level, rule!.lead, (rule!.co ?? []).join('|'), rule!.mode ?? '', index === 0 ? limits : ''].map(quote).join(','),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Reads a catalog document from JSON or YAML, or the routes of one from CSV on top of `base`; not yet validated. */
export function readCatalogFile(file: string, base?: CatalogDocument): unknown {
  const format = formatOf(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogFileError(`cannot read ${file} (${(error as Error).message})`);
  }
  try {
    if (format === 'json') return JSON.parse(text);
    if (format === 'yaml') return parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new CatalogFileError(`${file} is not valid ${format.toUpperCase()}: ${(error as Error).message}`);
  }
  if (!base) throw new CatalogFileError(`${file}: a CSV holds routes only, and there is no catalog to apply them to`);
  return routesFromCsv(text, base);
}
