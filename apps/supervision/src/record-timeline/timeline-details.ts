import {
  caseTypeName,
  channelName,
  Events,
  outcomeName,
  timestampDate,
  type Actor,
  type AssignmentSigned,
  type CaseAssigned,
  type CaseReplied,
  type CaseSubmitted,
  type CaseTriaged,
  type DeliveryFailed,
  type ReplyDelivered,
} from '@ugov/contracts';

/**
 * What oversight staff need to read a hop at a glance: who holds the case and by when, never the
 * requester's identity or the full texts (those stay with the services that own them).
 */
export function timelineDetailsOf(eventType: string, body: unknown): Record<string, string> {
  switch (eventType) {
    case Events.caseSubmitted.type: {
      const event = body as CaseSubmitted;
      return {
        trackingNumber: event.trackingNumber,
        type: caseTypeName(event.type),
        channel: channelName(event.channel),
        categoryCode: event.categoryCode,
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.caseAssigned.type: {
      const event = body as CaseAssigned;
      return {
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        categoryCode: event.categoryCode,
        deadline: timestampDate(event.deadline!).toISOString(),
      };
    }
    case Events.caseTriaged.type:
      return { reason: (body as CaseTriaged).reason };
    case Events.assignmentSigned.type: {
      const event = body as AssignmentSigned;
      return { assignmentId: event.assignmentId, departmentCode: event.departmentCode, ...actorDetailsOf(event.actor) };
    }
    case Events.caseReplied.type: {
      const event = body as CaseReplied;
      return {
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        outcome: outcomeName(event.outcome),
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.replyDelivered.type: {
      const event = body as ReplyDelivered;
      return { deliveryId: event.deliveryId, channel: channelName(event.channel) };
    }
    case Events.deliveryFailed.type: {
      // Which way and why it failed, never to whom.
      const event = body as DeliveryFailed;
      return {
        deliveryId: event.deliveryId,
        channel: channelName(event.channel),
        method: event.method,
        attempts: String(event.attempts),
        lastError: event.lastError,
      };
    }
    default:
      return {};
  }
}

/** Who made the hop happen: subject, roles, the department acted for and the key used, where the event says. */
export function actorDetailsOf(actor: Actor | undefined): Record<string, string> {
  if (!actor?.subject) return {};
  return {
    actorSubject: actor.subject,
    actorRoles: actor.roles.join(','),
    ...(actor.departmentCode ? { actorDepartment: actor.departmentCode } : {}),
    ...(actor.keyId ? { actorKeyId: actor.keyId } : {}),
  };
}
