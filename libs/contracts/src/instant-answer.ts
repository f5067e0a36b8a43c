import { create } from '@bufbuild/protobuf';
import type { CaseAnswered } from './gen/ugov/dispatch/v1/dispatch_events_pb';
import { CaseRepliedSchema, Outcome, type CaseReplied } from './gen/ugov/processing/v1/processing_events_pb';

/**
 * A consultation the knowledge base answered at once (即办), as the reply it stands for: outcome "explained", no
 * department, and the answer's id where an assignment's would be. Publication delivers it and intake shows it so.
 */
export function instantAnswerAsReply(answered: CaseAnswered): CaseReplied {
  return create(CaseRepliedSchema, {
    caseId: answered.caseId,
    assignmentId: answered.answerId,
    departmentCode: '',
    replyText: answered.answerText,
    outcome: Outcome.EXPLAINED,
    repliedAt: answered.answeredAt,
    channel: answered.channel,
    trackingNumber: answered.trackingNumber,
  });
}
