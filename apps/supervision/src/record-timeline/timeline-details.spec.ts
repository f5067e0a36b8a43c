import { create } from '@bufbuild/protobuf';
import {
  AssignmentSignedSchema,
  CaseEvaluatedSchema,
  CaseSubmittedSchema,
  DeliveryFailedSchema,
  CaseType,
  Channel,
  Events,
  HandlingPausedSchema,
  PauseKind,
  Rating,
  ReplyReviewedSchema,
  timestampFromDate,
} from '@ugov/contracts';
import { actorDetailsOf, timelineDetailsOf } from './timeline-details';

describe('timeline details', () => {
  it('names the actor of a hop: subject, roles, the department acted for, the key used', () => {
    const signed = create(AssignmentSignedSchema, {
      caseId: 'c1',
      assignmentId: 'a1',
      departmentCode: 'city-housing',
      signedAt: timestampFromDate(new Date()),
      actor: { subject: 'city-housing-system', roles: ['department-system'], departmentCode: 'city-housing' },
    });
    expect(timelineDetailsOf(Events.assignmentSigned.type, signed)).toEqual({
      assignmentId: 'a1',
      departmentCode: 'city-housing',
      actorSubject: 'city-housing-system',
      actorRoles: 'department-system',
      actorDepartment: 'city-housing',
    });
    const submitted = create(CaseSubmittedSchema, {
      caseId: 'c1',
      trackingNumber: 'UG1',
      type: CaseType.COMPLAINT,
      channel: Channel.KIOSK,
      actor: { subject: 'kiosk-vendor', roles: ['integrator'], keyId: 'k1' },
    });
    expect(timelineDetailsOf(Events.caseSubmitted.type, submitted)).toMatchObject({
      actorSubject: 'kiosk-vendor',
      actorRoles: 'integrator',
      actorKeyId: 'k1',
    });
  });

  it('adds nothing for an event without an actor (one a service emits on its own)', () => {
    expect(actorDetailsOf(undefined)).toEqual({});
  });

  it('shows a dead delivery with its channel, method, attempts and error, and a submitted case without its sealed contact', () => {
    const failed = create(DeliveryFailedSchema, { caseId: 'c1', deliveryId: 'd1', channel: Channel.SMS, method: 'sms', attempts: 3, lastError: 'the SMS gateway answered 503' });
    expect(timelineDetailsOf(Events.deliveryFailed.type, failed)).toEqual({
      deliveryId: 'd1',
      channel: 'sms',
      method: 'sms',
      attempts: '3',
      lastError: 'the SMS gateway answered 503',
    });
    const submitted = create(CaseSubmittedSchema, { caseId: 'c1', trackingNumber: 'UG1', type: CaseType.COMPLAINT, channel: Channel.SMS, sealedContact: 'c1.k.secret' });
    expect(JSON.stringify(timelineDetailsOf(Events.caseSubmitted.type, submitted))).not.toContain('c1.k.secret');
  });

  it('keeps what the clocks and evaluations need of a pause and a rating, never the question or the comment', () => {
    const paused = create(HandlingPausedSchema, {
      caseId: 'c1',
      assignmentId: 'a1',
      departmentCode: 'city-housing',
      kind: PauseKind.CLARIFICATION,
      question: '请提供您的门牌号',
      pausedAt: timestampFromDate(new Date()),
    });
    expect(timelineDetailsOf(Events.handlingPaused.type, paused)).toEqual({
      assignmentId: 'a1',
      departmentCode: 'city-housing',
      pauseKind: 'clarification',
    });
    const evaluated = create(CaseEvaluatedSchema, {
      caseId: 'c1',
      trackingNumber: 'UG1',
      evaluationId: 'e1',
      assignmentId: 'a1',
      departmentCode: 'city-housing',
      rating: Rating.DISSATISFIED,
      comment: '张三说处理太慢，电话13800000000',
      reRating: false,
      actor: { subject: 'tracking:UG1', roles: ['requester'] },
    });
    const details = timelineDetailsOf(Events.caseEvaluated.type, evaluated);
    expect(details).toMatchObject({ evaluationId: 'e1', assignmentId: 'a1', rating: '2', reRating: 'false' });
    expect(JSON.stringify(details)).not.toContain('13800000000');
  });

  it('shows a review decision with what was decided and by whom', () => {
    const reviewed = create(ReplyReviewedSchema, {
      caseId: 'c1',
      reviewId: 'r1',
      decision: 'withhold',
      disclosure: 'withheld',
      withheldReason: 'state-secret',
      visibility: 'hidden',
      published: false,
      actor: { subject: 'dev-reviewer', roles: ['reviewer'] },
    });
    expect(timelineDetailsOf(Events.replyReviewed.type, reviewed)).toEqual({
      reviewId: 'r1',
      decision: 'withhold',
      disclosure: 'withheld',
      withheldReason: 'state-secret',
      visibility: 'hidden',
      published: 'false',
      actorSubject: 'dev-reviewer',
      actorRoles: 'reviewer',
    });
  });
});
