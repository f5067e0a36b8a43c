import {
  noticeOf,
  progressOf,
  rankOf,
  stateOfRank,
  updateWordsOf,
  withdrawalWordsOf,
  type ProgressUpdate,
  type UpdateDetails,
  type UpdateKind,
} from './request-progress';

let sequence = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute));
const update = (kind: UpdateKind, minute: number, assignmentId: string | null = 'a1', details: UpdateDetails = {}): ProgressUpdate => ({
  id: `${kind}.${(sequence += 1)}`,
  caseId: 'c',
  kind,
  assignmentId,
  at: at(minute),
  details,
});
const assigned = (minute: number, assignmentId = 'a1', lead = true) =>
  update('assigned', minute, assignmentId, {
    departmentCode: 'city-housing',
    departmentNames: { 'zh-Hans': '市住房和城乡建设局', en: 'City Housing Bureau' },
    lead,
    deadline: '2026-12-10T08:00:00.000Z',
  });

describe('progressOf', () => {
  it('is submitted with nothing recorded', () => {
    expect(progressOf([])).toMatchObject({ state: 'submitted', department: null, deadline: null, updatedAt: null });
  });

  it('follows a case through the loop, whatever order its updates were recorded in', () => {
    const updates = [
      assigned(1),
      update('signed', 2),
      update('started', 3),
      update('paused', 4, 'a1', { pause: 'clarification', question: '请提供具体楼栋号', waitUntil: '2026-12-01T08:00:00.000Z' }),
      update('resumed', 5, 'a1', { pause: 'clarification', how: 'answered', deadline: '2026-12-11T08:00:00.000Z' }),
      update('extension-decided', 6, 'a1', { approved: true, reason: '需协调供水公司检修', deadline: '2026-12-20T08:00:00.000Z' }),
      update('replied', 7),
      update('delivered', 8, null),
    ];
    const expected = {
      state: 'replied',
      department: { code: 'city-housing', names: { 'zh-Hans': '市住房和城乡建设局', en: 'City Housing Bureau' } },
      deadline: '2026-12-20T08:00:00.000Z',
      extensions: [{ reason: '需协调供水公司检修', deadline: '2026-12-20T08:00:00.000Z', decidedAt: at(6).toISOString() }],
      clarifications: [
        {
          question: '请提供具体楼栋号',
          askedAt: at(4).toISOString(),
          waitUntil: '2026-12-01T08:00:00.000Z',
          resolvedAt: at(5).toISOString(),
          how: 'answered',
        },
      ],
      mergedIntoTrackingNumber: null,
      deliveredAt: at(8).toISOString(),
      updatedAt: at(8).toISOString(),
    };
    expect(progressOf(updates)).toEqual(expected);
    expect(progressOf([...updates].reverse())).toEqual(expected);
    expect(progressOf([updates[3], updates[7], updates[0], updates[5], updates[1], updates[6], updates[2], updates[4]])).toEqual(expected);
  });

  it('waits for the requester while a clarification is open, and says the question', () => {
    const progress = progressOf([
      assigned(1),
      update('paused', 2, 'a1', { pause: 'clarification', question: '请提供具体楼栋号', waitUntil: null }),
    ]);
    expect(progress.state).toBe('awaiting-clarification');
    expect(noticeOf(progress, 'zh-Hans')).toBe('请补充说明：请提供具体楼栋号');
    expect(noticeOf(progress, 'en')).toBe('Please clarify: 请提供具体楼栋号');
  });

  it('tells why the deadline moved, and not after the answer', () => {
    const extended = [
      assigned(1),
      update('extension-decided', 2, 'a1', { approved: true, reason: '需现场勘查', deadline: '2026-12-20T08:00:00.000Z' }),
    ];
    expect(noticeOf(progressOf(extended), 'zh-Hans')).toBe('办理期限已延长至 2026-12-20T08:00:00.000Z，原因：需现场勘查');
    expect(noticeOf(progressOf([...extended, update('replied', 3)]), 'zh-Hans')).toBeNull();
  });

  it('keeps the deadline of a refused extension and lists only the granted ones', () => {
    const progress = progressOf([
      assigned(1),
      update('extension-decided', 2, 'a1', { approved: false, reason: '理由不足', deadline: '2026-12-10T08:00:00.000Z' }),
    ]);
    expect(progress.extensions).toEqual([]);
    expect(progress.deadline).toBe('2026-12-10T08:00:00.000Z');
  });

  it('goes back to handling on a redo, and a delivery of the earlier reply does not close it again', () => {
    const progress = progressOf([
      assigned(1),
      update('replied', 2),
      update('redo-ordered', 4, 'a1', { reason: '未解决', deadline: '2026-12-25T08:00:00.000Z' }),
      update('delivered', 3, null),
    ]);
    expect(progress).toMatchObject({ state: 'redo', deadline: '2026-12-25T08:00:00.000Z', deliveredAt: null });
  });

  it("ignores a co-handler's own steps and names the lead department", () => {
    const progress = progressOf([
      assigned(1),
      { ...assigned(1, 'co', false), details: { departmentCode: 'a2-water', lead: false } },
      update('paused', 3, 'co', { pause: 'clarification', question: 'x' }),
    ]);
    expect(progress).toMatchObject({ state: 'assigned', department: { code: 'city-housing' }, clarifications: [] });
  });

  it('closes a merged request with the case it joined', () => {
    expect(progressOf([update('merged', 1, null, { mergedIntoTrackingNumber: 'UG1' })])).toMatchObject({
      state: 'merged',
      mergedIntoTrackingNumber: 'UG1',
    });
  });
});

describe('words', () => {
  it('say each update plainly in both languages', () => {
    expect(updateWordsOf({ kind: 'replied', details: {} }, 'zh-Hans')).toBe('已办结，已答复');
    expect(updateWordsOf({ kind: 'replied', details: {} }, 'en')).toBe('Handled and answered');
    expect(updateWordsOf({ kind: 'extension-decided', details: { approved: false } }, 'en')).toBe('An extension was refused');
  });

  it('say who withdrew the request and when', () => {
    const at = new Date('2026-11-30T08:15:00Z');
    expect(withdrawalWordsOf(at, 'en')).toBe('Withdrawn by the requester at 2026-11-30T08:15:00.000Z');
    expect(withdrawalWordsOf(at, 'zh-Hans')).toBe('诉求人已于 2026-11-30T08:15:00.000Z 撤回此诉求');
  });

  it('rank states by their place in the list, both ways', () => {
    expect(stateOfRank(rankOf('merged'))).toBe('merged');
    expect(updateWordsOf({ kind: 'delivered', details: {} }, 'zh-Hans')).toBe('答复已送达诉求人');
  });
});
