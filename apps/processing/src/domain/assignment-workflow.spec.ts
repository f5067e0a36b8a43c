import { DomainError } from '@ugov/domain';
import {
  acknowledgeNotices,
  addCoHandler,
  addSupplement,
  ASSIGNMENT_STATUSES,
  clarificationExpired,
  decideExtension,
  issueNotice,
  orderRedo,
  pauseHandling,
  releaseCoHandler,
  replyToAssignment,
  requestExtension,
  resumeHandling,
  returnAssignment,
  signAssignment,
  startHandling,
  submitPart,
  withdrawAssignment,
  type AssignmentState,
  type AssignmentStatus,
} from './assignment-workflow';

const hour = 3_600_000;
const assignedAt = new Date('2026-11-20T10:00:00Z');
const now = new Date('2026-11-22T10:00:00Z');
/** A 10-day limit. */
const originalDeadline = new Date(assignedAt.getTime() + 240 * hour);
const later = (hours: number) => new Date(now.getTime() + hours * hour);

const base: AssignmentState = {
  id: 'a1',
  departmentCode: 'city-housing',
  status: 'assigned',
  assignedAt,
  deadline: originalDeadline,
  originalDeadline,
  signedAt: null,
  startedAt: null,
  repliedAt: null,
  returnedAt: null,
  handlingRole: 'lead',
  leadAssignmentId: null,
  coHandlers: [],
  extension: null,
  pause: null,
  redoCount: 0,
  notices: [],
  supplements: [],
  withdrawalReason: null,
};

/** The assignment as it stands in each status. */
function inStatus(status: AssignmentStatus): AssignmentState {
  const pause =
    status === 'awaiting-clarification'
      ? { kind: 'clarification' as const, question: '请提供具体楼栋号', since: new Date(now.getTime() - hour), until: later(48) }
      : status === 'in-consultation'
        ? { kind: 'consultation' as const, question: '征求第三方意见', since: new Date(now.getTime() - hour), until: null }
        : null;
  const handlingRole = status === 'reported' || status === 'released' ? 'co-handler' : 'lead';
  return { ...base, status, pause, handlingRole, signedAt: status === 'assigned' ? null : assignedAt };
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error.code;
  }
  return undefined;
}

/** The code refusing a command that needs another status, by the status the assignment is in. */
const wrongStatus: Record<AssignmentStatus, string> = {
  assigned: 'assignment-not-signed',
  signed: 'assignment-wrong-status',
  'in-progress': 'assignment-wrong-status',
  'awaiting-clarification': 'assignment-paused',
  'in-consultation': 'assignment-paused',
  replied: 'assignment-already-replied',
  returned: 'assignment-returned',
  reported: 'assignment-reported',
  released: 'assignment-released',
  withdrawn: 'assignment-withdrawn',
};

interface Transition {
  readonly name: string;
  readonly apply: (assignment: AssignmentState) => AssignmentState;
  /** Status before → status after, for every status it is legal in. */
  readonly legal: Partial<Record<AssignmentStatus, AssignmentStatus>>;
  /** The code when illegal, if not the one `wrongStatus` gives. */
  readonly refusal?: string | ((status: AssignmentStatus) => string);
}

const reply = { text: '已派人维修', outcome: 'resolved' as const };
const working = (status: AssignmentStatus) => ({ [status]: status });

const transitions: Transition[] = [
  {
    name: 'sign 签收',
    apply: (a) => signAssignment(a, now),
    legal: { assigned: 'signed' },
    refusal: (status) => (status === 'withdrawn' ? 'assignment-withdrawn' : 'assignment-already-signed'),
  },
  {
    name: 'return 退单',
    apply: (a) => returnAssignment(a, '不属于本部门职责', now),
    legal: { assigned: 'returned' },
    refusal: (status) => (status === 'withdrawn' ? 'assignment-withdrawn' : 'return-after-sign-off'),
  },
  { name: 'start', apply: (a) => startHandling(a, now), legal: { signed: 'in-progress' } },
  { name: 'reply 办结', apply: (a) => replyToAssignment(a, reply, now), legal: { signed: 'replied', 'in-progress': 'replied' } },
  {
    name: 'request an extension 延期',
    apply: (a) =>
      requestExtension(a, { reason: '需协调多个部门', requestedDeadline: new Date(originalDeadline.getTime() + 24 * hour) }, now),
    legal: { ...working('signed'), ...working('in-progress'), ...working('awaiting-clarification'), ...working('in-consultation') },
  },
  {
    name: 'ask the requester for clarification',
    apply: (a) => pauseHandling(a, { kind: 'clarification', question: '请提供具体楼栋号', until: later(48) }, now),
    legal: { signed: 'awaiting-clarification', 'in-progress': 'awaiting-clarification' },
  },
  {
    name: 'consult a third party',
    apply: (a) => pauseHandling(a, { kind: 'consultation', question: '征求第三方意见', until: null }, now),
    legal: { signed: 'in-consultation', 'in-progress': 'in-consultation' },
  },
  {
    name: 'record the clarification',
    apply: (a) => resumeHandling(a, 'answered', now),
    legal: { 'awaiting-clarification': 'in-progress' },
    refusal: 'not-awaiting-clarification',
  },
  {
    name: 'end the consultation',
    apply: (a) => resumeHandling(a, 'ended', now),
    legal: { 'in-consultation': 'in-progress' },
    refusal: 'not-in-consultation',
  },
  { name: 'redo 重办', apply: (a) => orderRedo(a, { reason: '群众不满意', deadline: later(72) }, now), legal: { replied: 'in-progress' } },
  {
    name: 'withdraw 撤回 (the requester)',
    apply: (a) => withdrawAssignment(a, '问题已自行解决'),
    legal: {
      assigned: 'withdrawn',
      signed: 'withdrawn',
      'in-progress': 'withdrawn',
      'awaiting-clarification': 'withdrawn',
      'in-consultation': 'withdrawn',
    },
  },
  {
    name: 'supplement 补充 (the requester)',
    apply: (a) => addSupplement(a, { id: 's1', text: '补充：灯杆编号 A-17', attachmentUrls: [], at: now }),
    legal: {
      ...working('assigned'),
      ...working('signed'),
      ...working('in-progress'),
      ...working('awaiting-clarification'),
      ...working('in-consultation'),
      ...working('replied'),
    },
  },
  {
    name: 'issue a supervision order 督办',
    apply: (a) => issueNotice(a, { id: 'n1', kind: 'supervision-order', text: '请于三日内办结' }, now),
    legal: {
      ...working('assigned'),
      ...working('signed'),
      ...working('in-progress'),
      ...working('awaiting-clarification'),
      ...working('in-consultation'),
    },
  },
];

describe('assignment workflow', () => {
  describe.each(transitions)('$name', ({ apply, legal, refusal }) => {
    const statuses = ASSIGNMENT_STATUSES.map((status) => [status] as const);

    it.each(statuses)('from %s', (status) => {
      const expected = legal[status];
      if (expected) {
        expect(apply(inStatus(status)).status).toBe(expected);
      } else {
        const code = typeof refusal === 'function' ? refusal(status) : (refusal ?? wrongStatus[status]);
        expect(codeOf(() => apply(inStatus(status)))).toBe(code);
      }
    });
  });

  it('goes assigned → signed → in progress → replied, stamping each step', () => {
    const signed = signAssignment(base, now);
    const started = startHandling(signed, later(1));
    const replied = replyToAssignment(started, reply, later(2));
    expect(replied).toMatchObject({ status: 'replied', signedAt: now, startedAt: later(1), repliedAt: later(2) });
  });

  it('requires a reason for a return, for a not-resolvable reply, for a refusal and for a redo', () => {
    expect(codeOf(() => returnAssignment(base, '  ', now))).toBe('reason-required');
    const signed = signAssignment(base, now);
    expect(codeOf(() => replyToAssignment(signed, { text: '无法处理', outcome: 'not-resolvable' }, now))).toBe('reason-required');
    expect(replyToAssignment(signed, { text: '无法处理', outcome: 'not-resolvable', reason: '不属于本市管辖' }, now).status).toBe(
      'replied',
    );
    const requested = requestExtension(
      signed,
      { reason: '需现场勘查', requestedDeadline: new Date(originalDeadline.getTime() + hour) },
      now,
    );
    expect(codeOf(() => decideExtension(requested, { approved: false }, now))).toBe('reason-required');
    expect(codeOf(() => requestExtension(signed, { reason: '', requestedDeadline: later(300) }, now))).toBe('reason-required');
    const replied = replyToAssignment(signed, reply, now);
    expect(codeOf(() => orderRedo(replied, { reason: '', deadline: later(72) }, now))).toBe('reason-required');
    expect(codeOf(() => orderRedo(replied, { reason: '不满意', deadline: now }, now))).toBe('deadline-in-past');
  });

  describe('the requester: withdrawal 撤回 and supplements 补充', () => {
    it('stops a paused assignment and keeps the reason; a reason is required', () => {
      const withdrawn = withdrawAssignment(inStatus('awaiting-clarification'), '问题已自行解决');
      expect(withdrawn).toMatchObject({ status: 'withdrawn', pause: null, withdrawalReason: '问题已自行解决' });
      expect(codeOf(() => withdrawAssignment(base, ' '))).toBe('reason-required');
    });

    it('refuses every command on a withdrawn assignment', () => {
      const withdrawn = withdrawAssignment(base, '不需要了');
      expect(codeOf(() => signAssignment(withdrawn, now))).toBe('assignment-withdrawn');
      expect(codeOf(() => startHandling(withdrawn, now))).toBe('assignment-withdrawn');
      expect(codeOf(() => orderRedo(withdrawn, { reason: '不满意', deadline: later(72) }, now))).toBe('assignment-withdrawn');
      expect(codeOf(() => withdrawAssignment(withdrawn, '再撤回'))).toBe('assignment-withdrawn');
    });

    it('keeps supplements in order and the same one once', () => {
      const first = { id: 's1', text: '灯杆编号 A-17', attachmentUrls: ['https://media.example.cn/a.jpg'], at: now };
      const second = { id: 's2', text: '晚上八点后不亮', attachmentUrls: [], at: later(1) };
      const supplemented = addSupplement(addSupplement(addSupplement(base, first), second), first);
      expect(supplemented.supplements.map((supplement) => supplement.id)).toEqual(['s1', 's2']);
    });
  });

  describe('extension 延期', () => {
    const signed = signAssignment(base, now);
    const limit = originalDeadline.getTime() - assignedAt.getTime();

    it('extends by at most the original limit, and only beyond the deadline in force', () => {
      const furthest = new Date(originalDeadline.getTime() + limit);
      expect(requestExtension(signed, { reason: '需现场勘查', requestedDeadline: furthest }, now).extension?.decision).toBe('pending');
      expect(
        codeOf(() => requestExtension(signed, { reason: '需现场勘查', requestedDeadline: new Date(furthest.getTime() + 1) }, now)),
      ).toBe('extension-too-long');
      expect(codeOf(() => requestExtension(signed, { reason: '需现场勘查', requestedDeadline: originalDeadline }, now))).toBe(
        'extension-not-later',
      );
    });

    it('is asked for once: approved moves the deadline, refused keeps it, and neither can be asked again or decided twice', () => {
      const requestedDeadline = new Date(originalDeadline.getTime() + 48 * hour);
      const requested = requestExtension(signed, { reason: '需现场勘查', requestedDeadline }, now);
      const approved = decideExtension(requested, { approved: true }, later(1));
      expect(approved).toMatchObject({ deadline: requestedDeadline, extension: { decision: 'approved', decidedAt: later(1) } });
      const refused = decideExtension(requested, { approved: false, reason: '理由不充分' }, later(1));
      expect(refused).toMatchObject({ deadline: originalDeadline, extension: { decision: 'refused', decisionReason: '理由不充分' } });
      for (const decided of [approved, refused]) {
        expect(codeOf(() => requestExtension(decided, { reason: '再延', requestedDeadline: later(500) }, now))).toBe(
          'extension-already-requested',
        );
        expect(codeOf(() => decideExtension(decided, { approved: true }, now))).toBe('extension-not-pending');
      }
      expect(codeOf(() => requestExtension(requested, { reason: '再延', requestedDeadline }, now))).toBe('extension-already-requested');
      expect(codeOf(() => decideExtension(signed, { approved: true }, now))).toBe('extension-not-pending');
    });

    it('cannot be decided once the assignment is replied to', () => {
      const requested = requestExtension(
        signed,
        { reason: '需现场勘查', requestedDeadline: new Date(originalDeadline.getTime() + hour) },
        now,
      );
      expect(codeOf(() => decideExtension(replyToAssignment(requested, reply, now), { approved: true }, now))).toBe(
        'assignment-already-replied',
      );
    });
  });

  describe('pauses', () => {
    const signed = signAssignment(base, now);

    it('moves the deadline by the time the clock stood still', () => {
      const waiting = pauseHandling(signed, { kind: 'clarification', question: '请提供楼栋号', until: later(48) }, now);
      expect(waiting.status).toBe('awaiting-clarification');
      const answered = resumeHandling(waiting, 'answered', later(5));
      expect(answered).toMatchObject({ status: 'in-progress', pause: null, deadline: new Date(originalDeadline.getTime() + 5 * hour) });
      const consulting = pauseHandling(signed, { kind: 'consultation', question: '征求第三方意见', until: null }, now);
      expect(resumeHandling(consulting, 'ended', later(24)).deadline).toEqual(new Date(originalDeadline.getTime() + 24 * hour));
    });

    it('ends a clarification wait when it expires, counting the pause only to its end', () => {
      const waiting = pauseHandling(signed, { kind: 'clarification', question: '请提供楼栋号', until: later(48) }, now);
      expect(clarificationExpired(waiting, later(47))).toBe(false);
      expect(codeOf(() => resumeHandling(waiting, 'expired', later(47)))).toBe('wait-not-over');
      expect(clarificationExpired(waiting, later(48))).toBe(true);
      expect(resumeHandling(waiting, 'expired', later(100)).deadline).toEqual(new Date(originalDeadline.getTime() + 48 * hour));
    });

    it('needs a question, and a future end to the wait for the requester', () => {
      expect(codeOf(() => pauseHandling(signed, { kind: 'clarification', question: ' ', until: later(1) }, now))).toBe('question-required');
      expect(codeOf(() => pauseHandling(signed, { kind: 'clarification', question: '楼栋号?', until: null }, now))).toBe('wait-required');
      expect(codeOf(() => pauseHandling(signed, { kind: 'clarification', question: '楼栋号?', until: now }, now))).toBe('wait-required');
    });

    it('does not let a consultation be answered as a clarification, nor the reverse', () => {
      const consulting = pauseHandling(signed, { kind: 'consultation', question: '征求意见', until: null }, now);
      expect(codeOf(() => resumeHandling(consulting, 'answered', now))).toBe('not-awaiting-clarification');
      const waiting = pauseHandling(signed, { kind: 'clarification', question: '楼栋号?', until: later(1) }, now);
      expect(codeOf(() => resumeHandling(waiting, 'ended', now))).toBe('not-in-consultation');
    });
  });

  it('redoes a replied case with its own deadline, counting the redos', () => {
    const replied = replyToAssignment(signAssignment(base, now), reply, now);
    const redo = orderRedo(replied, { reason: '群众不满意', deadline: later(72) }, later(1));
    expect(redo).toMatchObject({ status: 'in-progress', deadline: later(72), redoCount: 1, repliedAt: null });
    expect(replyToAssignment(redo, reply, later(2)).status).toBe('replied');
  });

  describe('joint handling', () => {
    const lead = addCoHandler(addCoHandler(signAssignment(base, now), { departmentCode: 'city-transport', assignmentId: 'c1' }), {
      departmentCode: 'city-environment',
      assignmentId: 'c2',
    });
    const coHandlerOf = (departmentCode: string, id: string): AssignmentState =>
      signAssignment({ ...base, id, departmentCode, handlingRole: 'co-handler', leadAssignmentId: lead.id }, now);

    it('closes the case only when every co-handler has reported or been released', () => {
      expect(codeOf(() => replyToAssignment(lead, reply, now))).toBe('co-handlers-pending');
      const reported = submitPart(coHandlerOf('city-transport', 'c1'), lead, '已清理路面', later(1));
      expect(reported.coAssignment.status).toBe('reported');
      expect(reported.lead.coHandlers[0]).toMatchObject({ state: 'reported', part: '已清理路面', at: later(1) });
      expect(codeOf(() => replyToAssignment(reported.lead, reply, now))).toBe('co-handlers-pending');
      const released = releaseCoHandler(coHandlerOf('city-environment', 'c2'), reported.lead, later(2));
      expect(released.coAssignment.status).toBe('released');
      expect(replyToAssignment(released.lead, reply, later(3)).status).toBe('replied');
    });

    it('lets a co-handler report once, never reply, return or be released after reporting', () => {
      const coAssignment = coHandlerOf('city-transport', 'c1');
      expect(codeOf(() => replyToAssignment(coAssignment, reply, now))).toBe('co-handler-reports-to-lead');
      expect(codeOf(() => returnAssignment({ ...coAssignment, status: 'assigned' }, '不归我管', now))).toBe('co-handler-reports-to-lead');
      expect(codeOf(() => submitPart(coAssignment, lead, ' ', now))).toBe('text-required');
      const { lead: afterPart } = submitPart(coAssignment, lead, '已清理路面', now);
      expect(codeOf(() => submitPart(coAssignment, afterPart, '再报', now))).toBe('co-handler-already-reported');
      expect(codeOf(() => releaseCoHandler(coAssignment, afterPart, now))).toBe('co-handler-already-reported');
      expect(codeOf(() => submitPart(lead, lead, '部分', now))).toBe('assignment-is-lead');
    });

    it('adds each co-handler once, never the lead itself, and only to an open lead assignment', () => {
      expect(codeOf(() => addCoHandler(lead, { departmentCode: 'city-transport', assignmentId: 'c3' }))).toBe('co-handler-already-joined');
      expect(codeOf(() => addCoHandler(lead, { departmentCode: 'city-housing', assignmentId: 'c3' }))).toBe('co-handler-already-joined');
      expect(codeOf(() => addCoHandler(coHandlerOf('city-transport', 'c1'), { departmentCode: 'city-hrss', assignmentId: 'c3' }))).toBe(
        'co-handler-reports-to-lead',
      );
      const replied = replyToAssignment(signAssignment(base, now), reply, now);
      expect(codeOf(() => addCoHandler(replied, { departmentCode: 'city-hrss', assignmentId: 'c3' }))).toBe('assignment-already-replied');
      expect(codeOf(() => releaseCoHandler(coHandlerOf('city-hrss', 'c9'), lead, now))).toBe('co-handler-not-found');
    });
  });

  describe('supervision notices 督办 / 催办', () => {
    it('must be acknowledged before the reply; acknowledging takes every one not yet acknowledged', () => {
      const signed = signAssignment(base, now);
      const reminded = issueNotice(signed, { id: 'n1', kind: 'reminder', text: '请尽快办理' }, now);
      expect(codeOf(() => replyToAssignment(reminded, reply, now))).toBe('notices-unacknowledged');
      const first = acknowledgeNotices(reminded, later(1));
      expect(first.acknowledged).toEqual(['n1']);
      expect(first.assignment.notices[0]).toMatchObject({ kind: 'reminder', acknowledgedAt: later(1) });
      expect(codeOf(() => acknowledgeNotices(first.assignment, now))).toBe('no-notice-to-acknowledge');
      const ordered = issueNotice(first.assignment, { id: 'n2', kind: 'supervision-order', text: '限期办结' }, later(2));
      const second = acknowledgeNotices(ordered, later(3));
      expect(second.acknowledged).toEqual(['n2']);
      expect(second.assignment.notices.map((notice) => notice.acknowledgedAt)).toEqual([later(1), later(3)]);
      expect(codeOf(() => issueNotice(signed, { id: 'n3', kind: 'supervision-order', text: '' }, now))).toBe('text-required');
      expect(replyToAssignment(second.assignment, reply, now).status).toBe('replied');
    });
  });
});
