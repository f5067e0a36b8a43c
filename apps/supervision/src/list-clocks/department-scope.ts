import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@ugov/platform';

/**
 * The department a list is limited to: a department caller reads only its own (asking for another's is a 403);
 * oversight staff and dispatchers read the one they ask for, or all.
 */
export function departmentInScope(principal: Principal, requested: string | undefined, what: string): string | undefined {
  if (principal.role !== 'department') return requested;
  if (requested !== undefined && requested !== principal.subject)
    throw new ForbiddenException(`department ${principal.subject} may not read the ${what} of ${requested}`);
  return principal.subject;
}
