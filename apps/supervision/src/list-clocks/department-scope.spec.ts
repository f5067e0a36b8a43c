import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@ugov/platform';
import { departmentInScope } from './department-scope';

describe('departmentInScope', () => {
  it('keeps a department to its own', () => {
    const housing: Principal = { roles: ['department'], subject: 'dev-city-housing-handler', departments: ['city-housing'] };
    expect(departmentInScope(housing, undefined, 'clocks')).toBe('city-housing');
    expect(departmentInScope(housing, 'city-housing', 'clocks')).toBe('city-housing');
    expect(() => departmentInScope(housing, 'city-transport', 'clocks')).toThrow(ForbiddenException);
  });

  it('asks staff acting for several departments to name one', () => {
    const both: Principal = { roles: ['department'], subject: 'leader', departments: ['city-housing', 'a2-housing'] };
    expect(departmentInScope(both, 'a2-housing', 'clocks')).toBe('a2-housing');
    expect(() => departmentInScope(both, undefined, 'clocks')).toThrow(ForbiddenException);
  });

  it('lets oversight staff and dispatchers choose, or see all', () => {
    for (const role of ['supervisor', 'dispatcher'] as const) {
      const caller: Principal = { roles: [role], subject: 'x', departments: [] };
      expect(departmentInScope(caller, undefined, 'warnings')).toBeUndefined();
      expect(departmentInScope(caller, 'city-transport', 'warnings')).toBe('city-transport');
    }
  });
});
