import { parseImportArguments } from './import-arguments';

describe('parseImportArguments', () => {
  it('reads the file, --dry-run and --effective in either spelling', () => {
    expect(parseImportArguments(['city.yaml'])).toEqual({ file: 'city.yaml', dryRun: false });
    expect(parseImportArguments(['--dry-run', 'routes.csv', '--effective', '2026-12-01'])).toEqual({
      file: 'routes.csv',
      dryRun: true,
      effectiveFrom: new Date('2026-11-30T16:00:00Z'),
    });
    expect(parseImportArguments(['city.json', '--effective=2027-01-01'])).toMatchObject({
      effectiveFrom: new Date('2026-12-31T16:00:00Z'),
    });
    expect(parseImportArguments(['--help'])).toBe('help');
  });

  it('names every problem at once', () => {
    expect(() => parseImportArguments(['a.xlsx', '--effective', '2026-02-30', '--force'])).toThrow(
      'unknown option --force\na.xlsx: a catalog file ends in .json, .yaml, .yml or .csv\n--effective "2026-02-30" is not a day such as 2026-12-01',
    );
    expect(() => parseImportArguments([])).toThrow('a catalog file is required');
    expect(() => parseImportArguments(['a.json', 'b.json', '--effective'])).toThrow(
      /--effective needs a day[\s\S]*one file at a time, not 2/,
    );
  });
});
