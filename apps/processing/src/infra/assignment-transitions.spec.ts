import { Events, PauseEnd, PauseKind, timestampDate } from '@ugov/contracts';
import type { AssignmentEntity } from './assignment.entity';
import { pausedHandling, resumedHandling } from './assignment-transitions';

describe('resumedHandling', () => {
  const hour = 3_600_000;
  const since = new Date('2026-11-23T09:00:00Z');
  const until = new Date('2026-11-25T09:00:00Z');
  const deadline = new Date('2026-12-04T18:00:00Z');
  const paused = (kind: 'clarification' | 'consultation') =>
    ({
      id: 'a1',
      caseId: '4d1c3b7e-1111-4c2a-9a5e-000000000001',
      departmentCode: 'city-housing',
      status: kind === 'clarification' ? 'awaiting-clarification' : 'in-consultation',
      startedAt: null,
      deadline,
      pause: { kind, question: '请提供具体楼栋号', since, until: kind === 'clarification' ? until : null },
    }) as unknown as AssignmentEntity;

  it.each([
    ['answered', 'clarification', PauseKind.CLARIFICATION, PauseEnd.ANSWERED, '在3栋'],
    ['ended', 'consultation', PauseKind.CONSULTATION, PauseEnd.ENDED, '第三方同意'],
  ] as const)(
    '%s: resumes at the command, the pause added to the deadline, the answer in the event',
    (by, kind, eventKind, how, answer) => {
      const at = new Date(since.getTime() + 5 * hour);
      const { changed, events } = resumedHandling(paused(kind), by, at, answer);

      expect(changed).toHaveLength(1);
      expect(changed[0]).toMatchObject({ status: 'in-progress', pause: null, deadline: new Date(deadline.getTime() + 5 * hour) });
      expect(events).toHaveLength(1);
      expect(events[0].definition).toBe(Events.handlingResumed);
      const body = events[0].body as Record<string, unknown>;
      expect(body).toMatchObject({ assignmentId: 'a1', departmentCode: 'city-housing', kind: eventKind, how, answer });
      expect(timestampDate(body.resumedAt as never)).toEqual(at);
      expect(timestampDate(body.deadline as never)).toEqual(changed[0].deadline);
    },
  );

  it('expired: resumes at the end of the wait, not when it is noticed, with no answer', () => {
    const noticed = new Date(until.getTime() + 3 * hour);
    const { changed, events } = resumedHandling(paused('clarification'), 'expired', noticed);

    expect(changed[0].deadline).toEqual(new Date(deadline.getTime() + (until.getTime() - since.getTime())));
    const body = events[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ kind: PauseKind.CLARIFICATION, how: PauseEnd.EXPIRED, answer: '' });
    expect(timestampDate(body.resumedAt as never)).toEqual(until);
  });
});

describe('pausedHandling', () => {
  const at = new Date('2026-11-23T09:00:00Z');
  const signed = {
    id: 'a1',
    caseId: '4d1c3b7e-1111-4c2a-9a5e-000000000001',
    departmentCode: 'city-housing',
    status: 'signed',
    startedAt: null,
    deadline: new Date('2026-12-04T18:00:00Z'),
    pause: null,
  } as unknown as AssignmentEntity;

  it('clarification: waits until the time given, which the event carries', () => {
    const until = new Date('2026-11-26T09:00:00Z');
    const { changed, events } = pausedHandling(signed, { kind: 'clarification', question: '请提供具体楼栋号', until }, at);

    expect(changed[0]).toMatchObject({ status: 'awaiting-clarification', pause: { kind: 'clarification', until } });
    expect(events[0].definition).toBe(Events.handlingPaused);
    const body = events[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ assignmentId: 'a1', kind: PauseKind.CLARIFICATION, question: '请提供具体楼栋号' });
    expect(timestampDate(body.pausedAt as never)).toEqual(at);
    expect(timestampDate(body.waitUntil as never)).toEqual(until);
  });

  it('consultation: open-ended, so the event has no end of the wait', () => {
    const { changed, events } = pausedHandling(signed, { kind: 'consultation', question: '征求第三方意见', until: null }, at);

    expect(changed[0]).toMatchObject({ status: 'in-consultation', pause: { kind: 'consultation', until: null } });
    const body = events[0].body as Record<string, unknown>;
    expect(body).toMatchObject({ kind: PauseKind.CONSULTATION, question: '征求第三方意见' });
    expect(body.waitUntil).toBeUndefined();
  });
});
