/**
 * Who may call ugov. Integrators send cases in; department staff (handlers and their leaders) and
 * department systems act on their own departments' assignments; dispatchers route and triage; reviewers
 * check replies before publication; supervisors read everything and change only supervision orders;
 * administrators manage the catalog, integrators and keys; a requester reaches only their own case.
 */
export const ROLES = [
  'integrator',
  'department',
  'department-system',
  'dispatcher',
  'reviewer',
  'supervisor',
  'admin',
  'requester',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose principal acts for departments, and only for those in its `departments`. */
export const DEPARTMENT_ROLES: readonly Role[] = ['department', 'department-system'];

export interface Principal {
  /** The integrator's name, the staff member's or system's subject in the identity provider, or a department code. */
  readonly subject: string;
  readonly roles: readonly Role[];
  /** The department codes a department principal acts for (one for a department system); empty for others. */
  readonly departments: readonly string[];
  /** The integrator key used, when the caller is an integrator with a managed key. */
  readonly keyId?: string;
  /** Channels this caller may submit cases for; absent means any. */
  readonly channels?: readonly string[];
  /** Integrator operations this caller may use (see @Operation); absent means any. */
  readonly operations?: readonly string[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.includes(role);
}

/** True when the principal acts for this department as department staff or its system (others never do). */
export function actsForDepartment(principal: Principal, departmentCode: string): boolean {
  return principal.roles.some((role) => DEPARTMENT_ROLES.includes(role)) && principal.departments.includes(departmentCode);
}

/** Who did it, as recorded in logs and events: `role:subject` plus the key or departments that matter. */
export function describePrincipal(principal: Principal): string {
  const extra = principal.keyId ? ` key ${principal.keyId}` : principal.departments.length ? ` for ${principal.departments.join(',')}` : '';
  return `${principal.roles.join('+')}:${principal.subject}${extra}`;
}

/** The field problem when a caller submits for a channel its key does not allow, or undefined when it may. */
export function channelProblem(principal: Principal, channel: string): { field: string; reason: string } | undefined {
  if (!principal.channels || principal.channels.includes(channel)) return undefined;
  return { field: 'channel', reason: `this key may submit for channel ${principal.channels.join(', ') || 'none'}, not for "${channel}"` };
}
