import shippedDefinitions from '../../data/sla-definitions.json';
import { definitionFor, InvalidSlaDefinitionsError, parseSlaDefinitions, type ClockSubject } from './sla-definitions';

const shipped = parseSlaDefinitions(shippedDefinitions, 'shipped');
const subject = (fields: Partial<ClockSubject>): ClockSubject => ({
  hop: 'reply',
  caseType: 'complaint',
  urgency: 'general',
  categoryCode: 'housing.repair',
  departmentCode: 'city-housing',
  ...fields,
});

describe('SLA definitions', () => {
  it('the shipped file gives the mission limits', () => {
    expect(shipped.version).toBe(1);
    expect(shipped.defaults).toMatchObject({ yellowAt: 0.8, escalateAfter: { amount: 5, unit: 'workingDays' } });
    const limitOf = (fields: Partial<ClockSubject>) => definitionFor(shipped, subject(fields))?.limit;
    expect(limitOf({ caseType: 'consultation' })).toEqual({ amount: 3, unit: 'workingDays' });
    expect(limitOf({ caseType: 'help' })).toEqual({ amount: 5, unit: 'workingDays' });
    expect(limitOf({ caseType: 'suggestion' })).toEqual({ amount: 7, unit: 'workingDays' });
    expect(limitOf({ caseType: 'complaint' })).toEqual({ amount: 10, unit: 'workingDays' });
    expect(limitOf({ caseType: '' })).toEqual({ amount: 10, unit: 'workingDays' });
    expect(limitOf({ caseType: 'complaint', urgency: 'urgent' })).toEqual({ amount: 120, unit: 'minutes' });
    expect(limitOf({ hop: 'sign-off' })).toEqual({ amount: 2, unit: 'workingHours' });
    expect(limitOf({ hop: 'sign-off', urgency: 'urgent' })).toEqual({ amount: 30, unit: 'minutes' });
    expect(limitOf({ hop: 'rectification' })).toEqual({ amount: 15, unit: 'workingDays' });
  });

  it('the most specific matching definition wins, the first on a tie', () => {
    const definitions = parseSlaDefinitions(
      {
        ...shippedDefinitions,
        definitions: [
          { id: 'any', hop: 'reply', match: {}, limit: { amount: 10, unit: 'workingDays' } },
          { id: 'housing', hop: 'reply', match: { departmentCode: 'city-housing' }, limit: { amount: 8, unit: 'workingDays' } },
          { id: 'repair', hop: 'reply', match: { categoryCode: 'housing.repair' }, limit: { amount: 6, unit: 'workingDays' } },
          {
            id: 'housing-help',
            hop: 'reply',
            match: { departmentCode: 'city-housing', caseType: 'help' },
            limit: { amount: 4, unit: 'workingDays' },
          },
        ],
      },
      'spec',
    );
    expect(definitionFor(definitions, subject({}))?.id).toBe('housing');
    expect(definitionFor(definitions, subject({ caseType: 'help' }))?.id).toBe('housing-help');
    expect(definitionFor(definitions, subject({ departmentCode: 'city-transport' }))?.id).toBe('repair');
    expect(definitionFor(definitions, subject({ departmentCode: 'city-transport', categoryCode: 'bus' }))?.id).toBe('any');
    expect(definitionFor(definitions, subject({ hop: 'sign-off' }))).toBeUndefined();
  });

  it('tells two documents apart by digest', () => {
    const changed = parseSlaDefinitions({ ...shippedDefinitions, defaults: { ...shippedDefinitions.defaults, yellowAt: 0.7 } }, 'spec');
    expect(changed.digest).not.toBe(shipped.digest);
    expect(parseSlaDefinitions(shippedDefinitions, 'again').digest).toBe(shipped.digest);
  });

  it.each([
    [{ version: 0 }, 'version'],
    [{ extra: 1 }, 'document.extra'],
    [{ defaults: { ...shippedDefinitions.defaults, yellowAt: 1.2 } }, 'defaults.yellowAt'],
    [{ defaults: { ...shippedDefinitions.defaults, supervisingBody: '' } }, 'defaults.supervisingBody'],
    [{ definitions: [] }, 'definitions'],
    [{ definitions: [{ id: 'x', hop: 'lunch', limit: { amount: 1, unit: 'minutes' } }] }, 'definitions[0].hop'],
    [{ definitions: [{ id: 'x', hop: 'reply', limit: { amount: 1.5, unit: 'workingDays' } }] }, 'definitions[0].limit.amount'],
    [{ definitions: [{ id: 'x', hop: 'reply', limit: { amount: 1, unit: 'weeks' } }] }, 'definitions[0].limit.unit'],
    [
      { definitions: [{ id: 'x', hop: 'reply', match: { urgency: 'soon' }, limit: { amount: 1, unit: 'minutes' } }] },
      'definitions[0].match.urgency',
    ],
    [
      { definitions: [{ id: 'x', hop: 'reply', match: { region: 'a' }, limit: { amount: 1, unit: 'minutes' } }] },
      'definitions[0].match.region',
    ],
    [
      {
        definitions: [
          { id: 'x', hop: 'reply', limit: { amount: 1, unit: 'minutes' } },
          { id: 'x', hop: 'reply', limit: { amount: 2, unit: 'minutes' } },
        ],
      },
      'definitions[1].id',
    ],
  ])('refuses %j, naming %s', (change, where) => {
    const parse = () => parseSlaDefinitions({ ...shippedDefinitions, ...change }, 'file.json');
    expect(parse).toThrow(InvalidSlaDefinitionsError);
    expect(parse).toThrow(`file.json: ${where}: `);
  });
});
