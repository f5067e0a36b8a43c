import type { MessageInitShape } from '@bufbuild/protobuf';
import type { ActorSchema } from '@ugov/contracts';
import type { Principal } from './principal';

/** The actor an event records for a state change the principal made (for a department, the one it acted for). */
export function actorOf(principal: Principal, departmentCode = ''): MessageInitShape<typeof ActorSchema> {
  return { subject: principal.subject, roles: [...principal.roles], departmentCode, keyId: principal.keyId ?? '' };
}
