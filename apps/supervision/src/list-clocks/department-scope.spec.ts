import { ForbiddenException } from '@nestjs/common';
import { departmentInScope } from './department-scope';

describe('departmentInScope', () => {
  it('keeps a department to its own', () => {
    const housing = { role: 'department' as const, subject: 'city-housing' };
    expect(departmentInScope(housing, undefined, 'clocks')).toBe('city-housing');
    expect(departmentInScope(housing, 'city-housing', 'clocks')).toBe('city-housing');
    expect(() => departmentInScope(housing, 'city-transport', 'clocks')).toThrow(ForbiddenException);
  });

  it('lets oversight staff and dispatchers choose, or see all', () => {
    for (const role of ['supervisor', 'dispatcher'] as const) {
      expect(departmentInScope({ role, subject: 'x' }, undefined, 'warnings')).toBeUndefined();
      expect(departmentInScope({ role, subject: 'x' }, 'city-transport', 'warnings')).toBe('city-transport');
    }
  });
});
