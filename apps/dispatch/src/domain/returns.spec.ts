import demoCity from '../../catalog/demo-city.json';
import { parseCatalog } from './catalog';
import { afterReturn, type ReturnedCase } from './returns';
import { assignmentsExcluding, assignmentsFor } from './routing';

const catalog = parseCatalog(demoCity);
const propertyManagement = catalog.category('urban.property-management')!;
const furong = catalog.region('430103')!;
const muyunStreet = catalog.region('430103003')!;
const codes = (planned: { assignments: readonly { department: { code: string }; role: string }[] } | undefined) =>
  planned?.assignments.map(({ department, role }) => `${role}:${department.code}`);

describe('assignmentsExcluding: routing that leaves out the departments that returned a case', () => {
  it('routes as assignmentsFor when nothing is excluded', () => {
    expect(assignmentsExcluding(propertyManagement, muyunStreet, catalog, new Set())).toEqual(
      assignmentsFor(propertyManagement, muyunStreet, catalog),
    );
  });

  it('gives way to the next less specific level when the lead is excluded', () => {
    expect(codes(assignmentsFor(propertyManagement, furong, catalog))).toEqual(['lead:a2-housing']);
    const planned = assignmentsExcluding(propertyManagement, furong, catalog, new Set(['a2-housing']));
    expect(planned).toMatchObject({ level: 'city' });
    expect(codes(planned)).toEqual(['lead:city-housing']);
  });

  it('goes from a street (直派) to its district, and leaves an excluded copy out', () => {
    expect(codes(assignmentsFor(propertyManagement, muyunStreet, catalog))).toEqual(['lead:a2-muyun-street', 'copy:a2-housing']);
    expect(codes(assignmentsExcluding(propertyManagement, muyunStreet, catalog, new Set(['a2-muyun-street'])))).toEqual([
      'lead:a2-housing',
    ]);
    expect(codes(assignmentsExcluding(propertyManagement, muyunStreet, catalog, new Set(['a2-housing'])))).toEqual([
      'lead:a2-muyun-street',
    ]);
  });

  it('leaves an excluded co-handler out of a joint case', () => {
    const drains = catalog.category('urban.02.11')!;
    const city = catalog.region(catalog.document.city)!;
    expect(codes(assignmentsFor(drains, city, catalog))).toEqual(['lead:city-housing', 'co:city-urban-management']);
    const planned = assignmentsExcluding(drains, city, catalog, new Set(['city-urban-management']));
    expect(codes(planned)).toEqual(['lead:city-housing']);
  });

  it('finds nobody when every level’s lead is excluded', () => {
    expect(assignmentsExcluding(propertyManagement, furong, catalog, new Set(['a2-housing', 'city-housing']))).toBeUndefined();
  });
});

describe('afterReturn: re-route (改派) or arbitration (派单争议审核)', () => {
  const returned = (overrides: Partial<ReturnedCase>): ReturnedCase => ({
    category: propertyManagement,
    region: furong,
    returns: 1,
    returnedBy: new Set(['a2-housing']),
    stillHolding: new Set(),
    ...overrides,
  });

  it('re-routes a case returned up to the limit, excluding every department that returned it', () => {
    const next = afterReturn(returned({ returns: 1 }), catalog, 2);
    expect(next.kind === 'reroute' && codes(next.planned)).toEqual(['lead:city-housing']);
    expect(afterReturn(returned({ returns: 2 }), catalog, 2)).toMatchObject({ kind: 'reroute' });
  });

  it('sends a case returned more than the limit to arbitration, whoever could still take it', () => {
    expect(afterReturn(returned({ returns: 3 }), catalog, 2)).toEqual({
      kind: 'arbitration',
      reason: 'returned 3 times, more than the 2 allowed before arbitration',
    });
    expect(afterReturn(returned({ returns: 1 }), catalog, 0)).toMatchObject({ kind: 'arbitration' });
    expect(afterReturn(returned({ returns: 3 }), catalog, 3)).toMatchObject({ kind: 'reroute' });
  });

  it('sends a case to arbitration when no department remains', () => {
    expect(afterReturn(returned({ returns: 2, returnedBy: new Set(['a2-housing', 'city-housing']) }), catalog, 2)).toEqual({
      kind: 'arbitration',
      reason: 'no department remains: every candidate returned the case',
    });
  });

  it('gives no second assignment to a department still holding a part, and never makes a co-handler or copy the only one', () => {
    const street = returned({ region: muyunStreet, returnedBy: new Set(['a2-muyun-street']), stillHolding: new Set(['a2-housing']) });
    expect(afterReturn(street, catalog, 2)).toMatchObject({ kind: 'arbitration', reason: expect.stringContaining('a2-housing') });
  });
});
