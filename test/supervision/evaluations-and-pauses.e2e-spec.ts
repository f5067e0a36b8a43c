import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDateOf, loadWorkingCalendar, nextCivilDate, startOfChinaDate } from '@ugov/calendar';
import { Events, Rating, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { ServiceStack, waitFor } from '@ugov/testing';
import shippedDefinitions from '../../apps/supervision/data/sla-definitions.json';
import { call, KEYS, submitComplaint } from '../u-loop/http';

/**
 * Processing's pauses, extensions and redos move supervision's clocks; intake's evaluations (好差评) open
 * rectification (整改), which the redo's reply closes; every reply schedules a follow-up call (回访) that a
 * supervisor records, its SLA clock (hop follow-up-call) running from the reply until the call is recorded. The real
 * services, broker and database. Intake has no evaluation or withdrawal route yet,
 * so the test produces those two events itself, encoded and published by the project's own Kafka bus (libs/messaging).
 *
 * The reply limit is set in wall-clock minutes here, so that a pause of seconds shows in `pausedMs` whatever
 * day the test runs (a limit in working days does not count the day of acceptance); the unit specs
 * (clock-rules.spec.ts) time the same rules on the working-day calendar.
 */
const REPLY_MINUTES = 600;
/** Short enough that the follow-up call's red alarm fires while the test waits for it. */
const FOLLOW_UP_SECONDS = 5;
const definitionsFile = join(mkdtempSync(join(tmpdir(), 'ugov-sla-')), 'sla-definitions.json');
writeFileSync(
  definitionsFile,
  JSON.stringify({
    ...shippedDefinitions,
    version: 2,
    definitions: [
      { id: 'reply.test', hop: 'reply', match: {}, limit: { amount: REPLY_MINUTES, unit: 'minutes' } },
      { id: 'follow-up-call.test', hop: 'follow-up-call', match: {}, limit: { amount: FOLLOW_UP_SECONDS / 60, unit: 'minutes' } },
      ...shippedDefinitions.definitions.filter((definition) => definition.hop !== 'reply' && definition.hop !== 'follow-up-call'),
    ],
  }),
);

interface Clock {
  hop: string;
  cycle: number;
  assignmentId: string;
  state: string;
  startedAt: string;
  dueAt: string;
  pausedMs: number;
  pauses: { from: string; to: string }[];
  pausedSince: string | null;
  deadline: { setAt: string; until: string } | null;
  breached: boolean;
}

describe('clocks of pauses, extensions, redos and withdrawals; evaluations, rectification and follow-up calls', () => {
  const stack = new ServiceStack({
    services: ['intake', 'dispatch', 'processing', 'supervision'],
    environment: (service) => (service === 'supervision' ? { SLA_DEFINITIONS_FILE: definitionsFile, SLA_TIMER_POLL_MS: '100' } : {}),
  });
  let bus: KafkaMessageBus;
  const calendar = loadWorkingCalendar();
  const DEPARTMENT = 'city-housing';
  const housing = KEYS.department(DEPARTMENT);
  const DISPATCHER = 'dev-dispatcher-key';

  beforeAll(async () => {
    await stack.start();
    bus = stack.busFor('ugov-test-evaluations');
  });

  afterAll(async () => {
    await bus?.close();
    await stack.stop();
  });

  const submit = async (description: string) => {
    const response = await submitComplaint(stack, description, {
      categoryCode: 'urban.municipal-facilities',
      location: { regionCode: '430104' },
    });
    return { caseId: response.body.id as string, trackingNumber: response.body.trackingNumber as string };
  };
  const clocksOf = async (caseId: string): Promise<Clock[]> => {
    const response = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/clocks`, KEYS.supervisor);
    return response.status === 200 ? response.body : [];
  };
  const clockWhen = (caseId: string, what: string, test: (clock: Clock) => boolean) =>
    waitFor(`${what} (case ${caseId})`, async () => (await clocksOf(caseId)).find(test));
  const act = (assignmentId: string, action: string, key: string, body?: unknown) =>
    call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/${action}`, key, body);
  /** Processing may get the assignment a moment after supervision does. */
  const sign = (assignmentId: string) =>
    waitFor('processing to sign the assignment', async () =>
      (await act(assignmentId, 'sign', housing)).status === 200 ? true : undefined,
    );
  const evaluate = (caseId: string, trackingNumber: string, assignmentId: string, rating: Rating, reRating = false) => {
    const evaluationId = randomUUID();
    const event = encodeEvent(Events.caseEvaluated, caseId, {
      caseId,
      trackingNumber,
      evaluationId,
      assignmentId,
      departmentCode: DEPARTMENT,
      rating,
      comment: '处理太慢',
      reRating,
      evaluatedAt: timestampFromDate(new Date()),
      actor: { subject: `tracking:${trackingNumber}`, roles: ['requester'] },
    });
    return bus.publish([event]).then(() => evaluationId);
  };
  const evaluationsOf = async (caseId: string, query = '', key = KEYS.supervisor) => {
    const response = await call(stack, 'supervision', 'GET', `/v1/evaluations?limit=500${query}`, key);
    expect(response.status).toBe(200);
    return (response.body as { caseId: string }[]).filter((evaluation) => evaluation.caseId === caseId) as any[];
  };
  const followUpsOf = async (caseId: string, status = 'pending') => {
    const response = await call(stack, 'supervision', 'GET', `/v1/follow-ups?due=2100-12-31&status=${status}&limit=500`, KEYS.supervisor);
    expect(response.status).toBe(200);
    return (response.body as { caseId: string }[]).filter((followUp) => followUp.caseId === caseId) as any[];
  };
  /** The end (China time) of the last day of a limit in working days that starts the day after `from`. */
  const endOfWorkingDays = (from: Date, days: number) =>
    startOfChinaDate(nextCivilDate(calendar.dueDate(chinaDateOf(from), days))).toISOString();

  it('a clarification pauses the reply clock and shows its pause; an approved extension makes it due at the deadline granted', async () => {
    const { caseId } = await submit('小区门口的路灯坏了一个月，晚上很不安全');
    const reply = await clockWhen(caseId, 'the reply clock', (clock) => clock.hop === 'reply');
    expect(reply).toMatchObject({ state: 'running', pausedMs: 0, pauses: [], pausedSince: null, deadline: null });
    const { assignmentId } = reply;
    await sign(assignmentId);

    const waitUntil = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    expect((await act(assignmentId, 'clarification', housing, { question: '请提供具体楼栋号', waitUntil })).status).toBe(200);
    const paused = await clockWhen(caseId, 'the reply clock paused', (clock) => clock.hop === 'reply' && clock.state === 'paused');
    expect(paused.pausedSince).not.toBeNull();
    expect(paused.pausedMs).toBeGreaterThanOrEqual(0);
    expect(await clockWhen(caseId, 'the wait for the requester', (clock) => clock.hop === 'clarification-wait')).toMatchObject({
      state: 'running',
      assignmentId,
    });
    // The due time of a paused clock is as if it resumed now: it moves on while the pause lasts.
    const later = await waitFor('the paused clock’s due time to move on', async () => {
      const now = (await clocksOf(caseId)).find((clock) => clock.hop === 'reply')!;
      return now.state === 'paused' && Date.parse(now.dueAt) > Date.parse(paused.dueAt) ? now : undefined;
    });
    expect(later.pausedMs).toBeGreaterThan(0);

    expect((await act(assignmentId, 'clarification/answer', housing, { answer: '3栋2单元' })).status).toBe(200);
    const resumed = await clockWhen(caseId, 'the reply clock running again', (clock) => clock.hop === 'reply' && clock.state === 'running');
    expect(resumed.pauses).toHaveLength(1);
    expect(resumed.pausedSince).toBeNull();
    const pause = Date.parse(resumed.pauses[0].to) - Date.parse(resumed.pauses[0].from);
    expect(resumed.pausedMs).toBe(pause);
    expect(Date.parse(resumed.dueAt)).toBe(Date.parse(resumed.startedAt) + REPLY_MINUTES * 60_000 + pause);
    expect(
      await clockWhen(caseId, 'the wait ended', (clock) => clock.hop === 'clarification-wait' && clock.state === 'stopped'),
    ).toBeTruthy();

    // The department asks for more time; the dispatcher's decision is timed, and an approval moves the reply's due time.
    const assignment = await call(stack, 'processing', 'GET', `/v1/assignments/${assignmentId}`, housing);
    const requestedDeadline = new Date(Date.parse(assignment.body.deadline) + 2 * 24 * 3600 * 1000).toISOString();
    expect((await act(assignmentId, 'extension', housing, { reason: '需协调供电公司', requestedDeadline })).status).toBe(200);
    const decision = await clockWhen(caseId, 'the decision clock', (clock) => clock.hop === 'extension-decision');
    expect(decision).toMatchObject({ state: 'running', assignmentId });
    expect(decision.dueAt).toBe(endOfWorkingDays(new Date(decision.startedAt), 1));
    expect((await act(assignmentId, 'extension/decision', DISPATCHER, { approved: true })).status).toBe(200);
    const extended = await clockWhen(caseId, 'the reply clock extended', (clock) => clock.hop === 'reply' && clock.deadline !== null);
    expect(extended).toMatchObject({ state: 'running', dueAt: requestedDeadline, deadline: { until: requestedDeadline } });
    expect(
      await clockWhen(caseId, 'the decision clock stopped', (clock) => clock.hop === 'extension-decision' && clock.state === 'stopped'),
    ).toMatchObject({ breached: false });
  });

  it('a bad rating opens rectification with its deadline; the redo’s reply closes it; the re-rating is recorded against it; follow-up calls are scheduled and recorded', async () => {
    const { caseId, trackingNumber } = await submit('小区楼下的下水道堵了，污水横流');
    const { assignmentId } = await clockWhen(caseId, 'the reply clock', (clock) => clock.hop === 'reply');
    await sign(assignmentId);
    expect((await act(assignmentId, 'reply', housing, { text: '已安排疏通。', outcome: 'resolved' })).status).toBe(200);
    await clockWhen(caseId, 'the reply clock stopped', (clock) => clock.hop === 'reply' && clock.state === 'stopped');

    // The reply schedules the first follow-up call, the working day after it.
    const [first] = await waitFor('the follow-up call after the reply', async () => {
      const found = await followUpsOf(caseId);
      return found.length === 1 ? found : undefined;
    });
    expect(first).toMatchObject({ assignmentId, departmentCode: DEPARTMENT, afterRectification: false, status: 'pending' });
    expect(first.dueOn).toBe(calendar.dueDate(chinaDateOf(new Date(first.closedAt)), 1));
    expect(first.dueOn > chinaDateOf(new Date(first.closedAt))).toBe(true);
    // Scheduling it started the call's clock at the reply, due at the follow-up-call limit.
    const firstCall = await clockWhen(caseId, 'the follow-up call’s clock', (clock) => clock.hop === 'follow-up-call');
    expect(firstCall).toMatchObject({
      assignmentId,
      cycle: 1,
      startedAt: first.closedAt,
      dueAt: new Date(Date.parse(first.closedAt) + FOLLOW_UP_SECONDS * 1000).toISOString(),
    });

    // 不满意: rectification opens, due at the end of the rectification limit (15 working days) after the day of the rating.
    const evaluationId = await evaluate(caseId, trackingNumber, assignmentId, Rating.DISSATISFIED);
    const [bad] = await waitFor('the bad rating with its rectification', async () => {
      const found = await evaluationsOf(caseId, '&bad=true');
      return found.length === 1 ? found : undefined;
    });
    expect(bad).toMatchObject({
      evaluationId,
      assignmentId,
      departmentCode: DEPARTMENT,
      rating: 2,
      ratingName: 'dissatisfied',
      bad: true,
      reRating: false,
      rectification: { cycle: 1, state: 'running', closedAt: null },
    });
    expect(bad.rectification.dueAt).toBe(endOfWorkingDays(new Date(bad.rectification.openedAt), 15));
    expect(JSON.stringify(bad)).not.toContain('处理太慢'); // the requester's comment stays with intake
    const rectification = (await clocksOf(caseId)).find((clock) => clock.hop === 'rectification')!;
    expect(rectification).toMatchObject({ state: 'running', cycle: 1, dueAt: bad.rectification.dueAt });

    // A department reads its own evaluations, never another's.
    expect(await evaluationsOf(caseId, '', housing)).toHaveLength(1);
    expect(await evaluationsOf(caseId, '', KEYS.department('city-transport'))).toHaveLength(0);
    const foreign = await call(stack, 'supervision', 'GET', `/v1/evaluations?department=${DEPARTMENT}`, KEYS.department('city-transport'));
    expect(foreign).toMatchObject({ status: 403, contentType: expect.stringContaining('application/problem+json') });
    const badQuery = await call(stack, 'supervision', 'GET', '/v1/evaluations?bad=maybe', KEYS.supervisor);
    expect(badQuery).toMatchObject({ status: 400, body: { errors: [{ field: 'bad' }] } });

    // Processing orders the redo (重办) a bad first rating calls for, with its own deadline: a new reply cycle due then.
    const redo = await clockWhen(caseId, 'the redo’s reply cycle', (clock) => clock.hop === 'reply' && clock.cycle === 2);
    expect(redo).toMatchObject({ state: 'running', deadline: { until: redo.dueAt } });
    expect(Date.parse(redo.dueAt)).toBeGreaterThan(Date.now());
    expect((await act(assignmentId, 'reply', housing, { text: '已彻底疏通并更换管道。', outcome: 'resolved' })).status).toBe(200);
    const closed = await waitFor('the rectification closed by the redo’s reply', async () => {
      const [found] = await evaluationsOf(caseId, '&bad=true');
      return found?.rectification.state === 'stopped' ? found : undefined;
    });
    expect(closed.rectification.closedAt).not.toBeNull();
    expect(await clockWhen(caseId, 'the redo’s reply cycle stopped', (clock) => clock.hop === 'reply' && clock.cycle === 2)).toMatchObject({
      state: 'stopped',
      breached: false,
    });

    // The re-rating is recorded against the rectification, and opens no other one even when bad.
    const reRatingId = await evaluate(caseId, trackingNumber, assignmentId, Rating.VERY_DISSATISFIED, true);
    const reRating = await waitFor('the re-rating', async () =>
      (await evaluationsOf(caseId)).find((evaluation) => evaluation.evaluationId === reRatingId),
    );
    expect(reRating).toMatchObject({ reRating: true, bad: true, rectification: { cycle: 1, state: 'stopped' } });
    expect((await clocksOf(caseId)).filter((clock) => clock.hop === 'rectification')).toHaveLength(1);

    // The department's 满意率 counts the latest rating of each rated assignment: this one, rated badly, is its only one.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const kpis = await call(stack, 'supervision', 'GET', `/v1/kpis?from=${today}&to=${today}&level=department`, KEYS.supervisor);
    expect(kpis.status).toBe(200);
    expect(kpis.body.items.find((row: { key: string }) => row.key === DEPARTMENT)).toMatchObject({ satisfactionRate: 0 });

    // The redo's reply schedules the second follow-up call, after the rectification.
    const second = await waitFor('the follow-up call after the rectification', async () =>
      (await followUpsOf(caseId)).find((followUp) => followUp.afterRectification),
    );
    expect(second.dueOn).toBe(calendar.dueDate(chinaDateOf(new Date(second.closedAt)), 1));
    // Its clock is the call's second cycle (the first call's cycle closed by the newer reply); left unrecorded past its
    // limit, it fires the red alarm with a supervision order like any hop, and is listed among the overdue clocks.
    expect(
      await clockWhen(caseId, 'the second follow-up call’s clock', (clock) => clock.hop === 'follow-up-call' && clock.cycle === 2),
    ).toMatchObject({ state: 'running', startedAt: second.closedAt });
    expect((await clocksOf(caseId)).find((clock) => clock.hop === 'follow-up-call' && clock.cycle === 1)).toMatchObject({ state: 'reset' });
    const red = await waitFor('the follow-up call’s red alarm', async () => {
      const response = await call(
        stack,
        'supervision',
        'GET',
        `/v1/warnings?level=red&department=${DEPARTMENT}&limit=500`,
        KEYS.supervisor,
      );
      return (response.body as { caseId: string; hop: string; cycle: number }[]).find(
        (warning) => warning.caseId === caseId && warning.hop === 'follow-up-call' && warning.cycle === 2,
      ) as { orderDueAt: string | null } | undefined;
    });
    expect(red.orderDueAt).not.toBeNull();
    const overdue = await call(
      stack,
      'supervision',
      'GET',
      `/v1/clocks?state=breached&department=${DEPARTMENT}&limit=1000`,
      KEYS.supervisor,
    );
    expect(
      (overdue.body as { caseId: string; hop: string }[]).filter((clock) => clock.caseId === caseId).map((clock) => clock.hop),
    ).toEqual(['follow-up-call']);

    // Recording a call is a supervisor's, once; bad bodies name the field.
    const record = (id: string, key: string, body: unknown) => call(stack, 'supervision', 'POST', `/v1/follow-ups/${id}/record`, key, body);
    expect((await record(second.followUpId, housing, { reached: true, note: '已回访' })).status).toBe(403);
    expect(await record(second.followUpId, KEYS.supervisor, { reached: 'yes', note: '已回访' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'reached' }] },
    });
    expect(await record(second.followUpId, KEYS.supervisor, { reached: false, satisfied: true, note: '无人接听' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'satisfied' }] },
    });
    expect(await record(second.followUpId, KEYS.supervisor, { reached: true, satisfied: true })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'note' }] },
    });
    const recorded = await record(second.followUpId, KEYS.supervisor, {
      reached: true,
      satisfied: true,
      note: '已电话回访，群众表示满意。',
    });
    expect(recorded).toMatchObject({
      status: 200,
      body: { followUpId: second.followUpId, status: 'recorded', reached: true, satisfied: true, recordedBy: expect.any(String) },
    });
    expect(await record(second.followUpId, KEYS.supervisor, { reached: false, note: '再记一次' })).toMatchObject({
      status: 409,
      body: { code: 'follow-up-already-recorded' },
    });
    expect((await record(randomUUID(), KEYS.supervisor, { reached: false, note: '无此回访' })).status).toBe(404);
    expect((await followUpsOf(caseId, 'recorded')).map((followUp) => followUp.followUpId)).toEqual([second.followUpId]);
    // Recording the call stopped its clock (late: the alarm fired first), in the same transaction as the record.
    expect((await clocksOf(caseId)).find((clock) => clock.hop === 'follow-up-call' && clock.cycle === 2)).toMatchObject({
      state: 'stopped',
      breached: true,
      endedAt: recorded.body.recordedAt,
    });
    expect((await followUpsOf(caseId)).map((followUp) => followUp.followUpId)).toEqual([first.followUpId]);
    expect((await call(stack, 'supervision', 'GET', '/v1/follow-ups?due=2026-13-01', KEYS.supervisor)).body).toMatchObject({
      errors: [{ field: 'due' }],
    });
  });

  it('a withdrawal stops every clock of the case', async () => {
    const { caseId, trackingNumber } = await submit('单元门禁坏了很久，陌生人随意进出');
    const { assignmentId } = await clockWhen(caseId, 'the reply clock', (clock) => clock.hop === 'reply');
    await sign(assignmentId);
    expect(
      (
        await act(assignmentId, 'extension', housing, {
          reason: '需要协调物业',
          requestedDeadline: new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString(),
        })
      ).status,
    ).toBe(200);
    await clockWhen(caseId, 'the decision clock', (clock) => clock.hop === 'extension-decision');
    await bus.publish([
      encodeEvent(Events.caseWithdrawn, caseId, {
        caseId,
        trackingNumber,
        reason: '问题已自行解决',
        withdrawnAt: timestampFromDate(new Date()),
        actor: { subject: `tracking:${trackingNumber}`, roles: ['requester'] },
      }),
    ]);
    const stopped = await waitFor('every clock stopped', async () => {
      const clocks = await clocksOf(caseId);
      return clocks.length === 3 && clocks.every((clock) => clock.state === 'stopped') ? clocks : undefined;
    });
    expect(stopped.map((clock) => clock.hop).sort()).toEqual(['extension-decision', 'reply', 'sign-off']);
  });
});
