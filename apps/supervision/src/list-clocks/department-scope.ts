import { ForbiddenException } from '@nestjs/common';
import { actsForDepartment, hasRole, type Principal } from '@ugov/platform';

/**
 * The department a list is limited to: department staff and systems read only their own (asking for another's is a
 * 403; one acting for several names which); oversight staff and dispatchers read the one they ask for, or all.
 */
export function departmentInScope(principal: Principal, requested: string | undefined, what: string): string | undefined {
  if (hasRole(principal, 'supervisor') || hasRole(principal, 'dispatcher')) return requested;
  const department = requested ?? (principal.departments.length === 1 ? principal.departments[0] : undefined);
  if (department === undefined)
    throw new ForbiddenException(`${principal.subject} acts for several departments: name one with ?department= to read the ${what}`);
  if (!actsForDepartment(principal, department))
    throw new ForbiddenException(`${principal.subject} may not read the ${what} of ${department}`);
  return department;
}
