import demoCity from '../../catalog/demo-city.json';
import { validateCatalog, type CatalogDocument } from '../domain/catalog';
import { formatOf, parseCsv, routesFromCsv, routesToCsv } from './catalog-file';

const demo = demoCity as unknown as CatalogDocument;

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,"b,1","say ""hi"""\r\n"two\nlines",,x\n\n')).toEqual([
      ['a', 'b,1', 'say "hi"'],
      ['two\nlines', '', 'x'],
    ]);
  });
  it('refuses a quote left open', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/inside a quoted field/);
  });
});

describe('routes as CSV', () => {
  it('round-trips the demonstration city', () => {
    expect(routesFromCsv(routesToCsv(demo), demo).routes).toEqual(demo.routes);
  });

  it('replaces the routes of the categories it lists and keeps the others', () => {
    const csv =
      'category,level,lead,co,mode,time_limits\nurban.02.12,city,urban-management,housing,lead-co,complaint=3\nurban.02.12,district,urban-management,,,\n';
    const document = routesFromCsv(csv, demo);
    expect(document.routes.find((route) => route.category === 'urban.02.12')).toEqual({
      category: 'urban.02.12',
      levels: { city: { lead: 'urban-management', co: ['housing'], mode: 'lead-co' }, district: { lead: 'urban-management' } },
      timeLimits: { complaint: 3 },
    });
    expect(document.routes.filter((route) => route.category !== 'urban.02.12')).toEqual(
      demo.routes.filter((route) => route.category !== 'urban.02.12'),
    );
    expect(validateCatalog(document).problems).toEqual([]);
  });

  it('leaves every mistake for validation to name', () => {
    const csv =
      'category,level,lead,co,mode,time_limits\nurban.02.12,city,housing,,,complaint=soon\nurban.02.12,city,water,,,\nno.such,city,housing,,,\n';
    const problems = validateCatalog(routesFromCsv(csv, demo)).problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^routes\[\d+\]\.levels\.city \(again\): is not one of/),
        expect.stringMatching(/^routes\[\d+\]\.timeLimits\.complaint: must be a whole number/),
        'routes[517].category: unknown category "no.such"',
      ]),
    );
  });

  it('needs the category, level and lead columns', () => {
    expect(() => routesFromCsv('category,lead\nx,y\n', demo)).toThrow(/lacks level/);
  });
});

describe('formatOf', () => {
  it('goes by the file name', () => {
    expect(['a.json', 'b.YAML', 'c.yml', 'd.csv'].map(formatOf)).toEqual(['json', 'yaml', 'yaml', 'csv']);
    expect(() => formatOf('e.xlsx')).toThrow(/\.json, \.yaml, \.yml or \.csv/);
  });
});
