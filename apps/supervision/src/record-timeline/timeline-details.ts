import {
  CaseType,
  caseTypeName,
  channelName,
  Events,
  outcomeName,
  timestampDate,
  type Actor,
  type ArbitrationOpened,
  type AssignmentSigned,
  type CaseAnswered,
  type CaseAssigned,
  type CaseMerged,
  type CaseReplied,
  type CaseSubmitted,
  type CaseTriaged,
  type CaseEvaluated,
  type CaseWithdrawn,
  type AssignmentReturned,
  type DeliveryFailed,
  type ExtensionDecided,
  type ExtensionRequested,
  type HandlingPaused,
  type HandlingResumed,
  type RedoOrdered,
  type ReplyDelivered,
  type ReplyReviewed,
  PauseKind,
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
        // What the KPIs group by, kept so that they can be recomputed from the timeline alone (scripts/kpis-recompute).
        ...(event.departmentName ? { departmentName: event.departmentName } : {}),
        ...(event.departmentLevel ? { departmentLevel: event.departmentLevel } : {}),
        ...(event.regionCode ? { regionCode: event.regionCode } : {}),
        // The case type picks the reply limit of the clocks this assignment starts.
        ...(event.caseType === CaseType.UNSPECIFIED ? {} : { type: caseTypeName(event.caseType) }),
        deadline: timestampDate(event.deadline!).toISOString(),
        ...(event.reassignment
          ? {
              reassignedBecause: event.reassignment.reason,
              returns: String(event.reassignment.returns),
              ...(event.reassignment.arbitrated ? { arbitratedBy: event.reassignment.decidedBy } : {}),
            }
          : {}),
      };
    }
    case Events.arbitrationOpened.type: {
      const event = body as ArbitrationOpened;
      return { reason: event.reason, returns: String(event.returns), returnedBy: event.returnedByDepartmentCodes.join(',') };
    }
    case Events.caseMerged.type: {
      const event = body as CaseMerged;
      return { mergedIntoCaseId: event.mergedIntoCaseId, mergedIntoTrackingNumber: event.mergedIntoTrackingNumber };
    }
    case Events.caseAnswered.type: {
      const event = body as CaseAnswered;
      return { answerId: event.answerId, entryCode: event.entryCode, categoryCode: event.categoryCode };
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
    case Events.replyReviewed.type: {
      // What the reviewer decided and who, never the reply's text.
      const event = body as ReplyReviewed;
      return {
        reviewId: event.reviewId,
        decision: event.decision,
        disclosure: event.disclosure,
        ...(event.withheldReason ? { withheldReason: event.withheldReason } : {}),
        visibility: event.visibility,
        published: String(event.published),
        ...actorDetailsOf(event.actor),
      };
    }
    // What the SLA clocks and evaluations need (clock-rules.ts), never the texts (reasons, questions, comments).
    case Events.assignmentReturned.type: {
      const event = body as AssignmentReturned;
      return { assignmentId: event.assignmentId, departmentCode: event.departmentCode, ...actorDetailsOf(event.actor) };
    }
    case Events.handlingPaused.type: {
      const event = body as HandlingPaused;
      return {
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        pauseKind: pauseKindName(event.kind),
        ...(event.waitUntil ? { waitUntil: timestampDate(event.waitUntil).toISOString() } : {}),
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.handlingResumed.type: {
      const event = body as HandlingResumed;
      return {
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        pauseKind: pauseKindName(event.kind),
        ...(event.deadline ? { deadline: timestampDate(event.deadline).toISOString() } : {}),
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.extensionRequested.type: {
      const event = body as ExtensionRequested;
      return {
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        ...(event.requestedDeadline ? { requestedDeadline: timestampDate(event.requestedDeadline).toISOString() } : {}),
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.extensionDecided.type: {
      const event = body as ExtensionDecided;
      return {
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        approved: String(event.approved),
        ...(event.deadline ? { deadline: timestampDate(event.deadline).toISOString() } : {}),
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.redoOrdered.type: {
      const event = body as RedoOrdered;
      return {
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        redoCount: String(event.redoCount),
        ...(event.deadline ? { deadline: timestampDate(event.deadline).toISOString() } : {}),
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.caseEvaluated.type: {
      const event = body as CaseEvaluated;
      return {
        evaluationId: event.evaluationId,
        assignmentId: event.assignmentId,
        departmentCode: event.departmentCode,
        rating: String(event.rating),
        reRating: String(event.reRating),
        ...actorDetailsOf(event.actor),
      };
    }
    case Events.caseWithdrawn.type:
      return { ...actorDetailsOf((body as CaseWithdrawn).actor) };
    default:
      return {};
  }
}

function pauseKindName(kind: PauseKind): string {
  return kind === PauseKind.CLARIFICATION ? 'clarification' : kind === PauseKind.CONSULTATION ? 'consultation' : 'unspecified';
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
