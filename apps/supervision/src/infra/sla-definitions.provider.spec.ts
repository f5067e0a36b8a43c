import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@ugov/platform';
import { loadSlaDefinitions } from './sla-definitions.provider';

describe('loadSlaDefinitions', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ugov-sla-definitions-'));

  it('loads the shipped file unless SLA_DEFINITIONS_FILE names another (YAML or JSON)', () => {
    expect(loadSlaDefinitions({}).version).toBe(1);
    const file = join(folder, 'sla.yaml');
    writeFileSync(
      file,
      [
        'version: 7',
        'defaults:',
        '  yellowAt: 0.75',
        '  repeatAlarmEvery: { amount: 1, unit: workingDays }',
        '  escalateAfter: { amount: 5, unit: workingDays }',
        '  orderLimit: { amount: 3, unit: workingDays }',
        '  supervisingBody: city-supervision-office',
        'definitions:',
        '  - { id: reply, hop: reply, match: {}, limit: { amount: 10, unit: workingDays } }',
      ].join('\n'),
    );
    expect(loadSlaDefinitions({ SLA_DEFINITIONS_FILE: file })).toMatchObject({ version: 7, defaults: { yellowAt: 0.75 } });
  });

  it('stops with the setting, the file and the reason', () => {
    const bad = join(folder, 'bad.yaml');
    writeFileSync(bad, 'version: 1\ndefaults: {}\n');
    expect(() => loadSlaDefinitions({ SLA_DEFINITIONS_FILE: bad })).toThrow(ConfigError);
    expect(() => loadSlaDefinitions({ SLA_DEFINITIONS_FILE: bad })).toThrow(`SLA_DEFINITIONS_FILE: ${bad}: defaults.`);
    expect(() => loadSlaDefinitions({ SLA_DEFINITIONS_FILE: join(folder, 'missing.yaml') })).toThrow(/SLA_DEFINITIONS_FILE: cannot read/);
  });
});
