import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { fromBinary } from '@bufbuild/protobuf';
import { SlaWarningSchema, SupervisionEvents, WarningLevel } from '@ugov/contracts';
import { freePort, type NodeProcess, ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import shippedDefinitions from '../../apps/supervision/data/sla-definitions.json';
import { call, complaint, KEYS } from '../u-loop/http';

/**
 * SLA clocks through the real services, broker and database: dispatch's assignment starts a case's clocks,
 * processing's sign-off and reply stop them; a short sign-off limit fires yellow and red exactly once each
 * across a supervision restart and with two supervision replicas.
 */
const SIGN_OFF_SECONDS = 6; // yellow at 80%: 4.8 s
const definitionsFile = join(mkdtempSync(join(tmpdir(), 'ugov-sla-')), 'sla-definitions.json');
writeFileSync(
  definitionsFile,
  JSON.stringify({
    ...shippedDefinitions,
    version: 2,
    // No repeated alarm or escalation within a test run.
    defaults: {
      ...shippedDefinitions.defaults,
      repeatAlarmEvery: { amount: 600, unit: 'minutes' },
      escalateAfter: { amount: 600, unit: 'minutes' },
    },
    definitions: [
      { id: 'sign-off.test', hop: 'sign-off', match: {}, limit: { amount: SIGN_OFF_SECONDS / 60, unit: 'minutes' } },
      ...shippedDefinitions.definitions.filter((definition) => definition.hop !== 'sign-off'),
    ],
  }),
);
const supervisionEnvironment = { SLA_DEFINITIONS_FILE: definitionsFile, SLA_TIMER_POLL_MS: '100' };
const SUPERVISION_TOPICS = Object.values(SupervisionEvents).map((definition) => definition.topic);

describe('SLA clocks, timers and warnings', () => {
  const stack = new ServiceStack({
    services: ['intake', 'dispatch', 'processing', 'supervision'],
    environment: (service) => (service === 'supervision' ? supervisionEnvironment : {}),
  });
  let reader: TopicReader;
  let db: Client;
  let secondReplica: NodeProcess | undefined;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader(SUPERVISION_TOPICS, stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await secondReplica?.stop();
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const DEPARTMENT = 'city-housing';
  const submit = async (description = '小区门口的路灯坏了一个月，晚上很不安全') => {
    const response = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.portal,
      // A category of its own: short texts like these are left to a dispatcher by the classifier.
      complaint(description, { categoryCode: 'urban.municipal-facilities', location: { regionCode: '430104' } }),
    );
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const clocksOf = (caseId: string, count: number, key = KEYS.supervisor) =>
    waitFor(`${count} clocks of ${caseId}`, async () => {
      const response = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/clocks`, key);
      return response.status === 200 && response.body.length >= count ? response.body : undefined;
    });
  const warningsOf = async (caseId: string) =>
    (
      await db.query<{ threshold: string; level: string; scheduled_at: Date; fired_at: Date; order_due_at: Date | null }>(
        `SELECT threshold, level, scheduled_at, fired_at, order_due_at FROM supervision.sla_warnings WHERE case_id = $1 ORDER BY scheduled_at`,
        [caseId],
      )
    ).rows;
  const eventsOf = (caseId: string) =>
    Object.fromEntries(
      Object.entries(SupervisionEvents)
        .filter(([name]) => name !== 'anomalyDetected') // the anomaly rules' own, checked in anomalies-and-kpis
        .map(([name, definition]) => [name, reader.on(definition.topic, caseId).length]),
    );

  it('starts a case’s clocks on assignment and stops them on sign-off and reply', async () => {
    const caseId = await submit();
    const clocks = await clocksOf(caseId, 2);
    const byHop = Object.fromEntries(clocks.map((clock: { hop: string }) => [clock.hop, clock]));
    expect(byHop['sign-off']).toMatchObject({ state: 'running', departmentCode: DEPARTMENT, definitionId: 'sign-off.test', cycle: 1 });
    expect(byHop.reply).toMatchObject({
      state: 'running',
      stage: 'green',
      caseType: 'complaint',
      definitionId: 'reply.complaint',
      limit: { amount: 10, unit: 'workingDays' },
      breached: false,
      pausedMs: 0,
    });
    const assignmentId = byHop.reply.assignmentId;

    // A department reads its own clocks, never another's.
    expect((await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/clocks`, KEYS.department(DEPARTMENT))).status).toBe(200);
    expect((await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/clocks`, KEYS.department('city-transport'))).status).toBe(404);
    const foreign = await call(stack, 'supervision', 'GET', `/v1/clocks?department=${DEPARTMENT}`, KEYS.department('city-transport'));
    expect(foreign).toMatchObject({ status: 403, contentType: expect.stringContaining('application/problem+json') });
    const own = await call(stack, 'supervision', 'GET', '/v1/clocks', KEYS.department(DEPARTMENT));
    expect(own.body.map((clock: { caseId: string }) => clock.caseId)).toContain(caseId);
    const bad = await call(stack, 'supervision', 'GET', '/v1/clocks?state=late', KEYS.supervisor);
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'state' }] } });

    // Processing may get the assignment a moment after supervision does.
    await waitFor('processing to sign the assignment', async () => {
      const response = await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/sign`, KEYS.department(DEPARTMENT));
      return response.status === 200 ? true : undefined;
    });
    await waitFor('the sign-off clock to stop', async () => {
      const clocksNow = await clocksOf(caseId, 2);
      return clocksNow.find((clock: { hop: string; state: string }) => clock.hop === 'sign-off' && clock.state === 'stopped');
    });
    const replied = await call(stack, 'processing', 'POST', `/v1/assignments/${assignmentId}/reply`, KEYS.department(DEPARTMENT), {
      text: '路灯已修复，感谢您的反映。',
      outcome: 'resolved',
    });
    expect(replied.status).toBe(200);
    // The reply stops both and starts the clock of the follow-up call (回访) it schedules.
    const afterReply = await waitFor('the reply clock to stop', async () => {
      const clocksNow = await clocksOf(caseId, 3);
      return clocksNow.every((clock: { hop: string; state: string }) => (clock.hop === 'follow-up-call') === (clock.state === 'running'))
        ? clocksNow
        : undefined;
    });
    expect(
      afterReply.map((clock: { hop: string; state: string; breached: boolean }) => [clock.hop, clock.state, clock.breached]).sort(),
    ).toEqual([
      ['follow-up-call', 'running', false],
      ['reply', 'stopped', false],
      ['sign-off', 'stopped', false],
    ]);
    // Only the running clock keeps a timer row.
    const { rows } = await db.query('SELECT hop FROM supervision.sla_clock_timers WHERE case_id = $1', [caseId]);
    expect(rows.map((row: { hop: string }) => row.hop)).toEqual(['follow-up-call']);
  });

  it('fires yellow and red once each across a supervision crash and restart', async () => {
    const caseId = await submit('小区的路灯坏了，晚上很黑');
    const [signOff] = (await clocksOf(caseId, 2)).filter((clock: { hop: string }) => clock.hop === 'sign-off');
    await stack.kill('supervision'); // crashes before either threshold
    const redAt = Date.parse(signOff.dueAt);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, redAt - Date.now()) + 500));
    await stack.restart('supervision');
    await waitFor('yellow and red recorded', async () => ((await warningsOf(caseId)).length >= 2 ? true : undefined));
    await stack.restart('supervision'); // and once more after they fired: nothing fires again
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const warnings = await warningsOf(caseId);
    expect(warnings.map((warning) => [warning.threshold, warning.level])).toEqual([
      ['yellow', 'yellow'],
      ['red', 'red'],
    ]);
    expect(warnings[1].order_due_at).not.toBeNull();
    await waitFor('the warning events', async () => (eventsOf(caseId).orderOpened === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(eventsOf(caseId)).toEqual({ slaWarning: 2, reminderIssued: 1, orderOpened: 1, caseEscalated: 0 });
    const levels = reader
      .on(SupervisionEvents.slaWarning.topic, caseId)
      .map((message) => fromBinary(SlaWarningSchema, message.value!).level);
    expect(levels.sort()).toEqual([WarningLevel.YELLOW, WarningLevel.RED]);

    const listed = await call(stack, 'supervision', 'GET', `/v1/warnings?department=${DEPARTMENT}&level=red`, KEYS.supervisor);
    expect(listed.body.filter((warning: { caseId: string }) => warning.caseId === caseId)).toEqual([
      expect.objectContaining({ threshold: 'red', level: 'red', hop: 'sign-off', departmentCode: DEPARTMENT }),
    ]);
    const breached = await call(stack, 'supervision', 'GET', '/v1/clocks?state=breached', KEYS.supervisor);
    expect(
      breached.body.find((clock: { caseId: string; hop: string }) => clock.caseId === caseId && clock.hop === 'sign-off'),
    ).toMatchObject({
      breached: true,
      stage: 'red',
    });
  });

  it('fires yellow and red once each, within about a second, with two supervision replicas', async () => {
    const port = await freePort();
    secondReplica = stack.processOf('supervision', port, `${stack.topicPrefix}supervision-2`).start();
    await waitFor(
      'the second replica to be healthy',
      async () => {
        const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      90000,
    );
    const cases = await Promise.all(['东门的路灯坏了', '西门的路灯坏了', '南门的路灯坏了', '北门的路灯坏了'].map((text) => submit(text)));
    await Promise.all(cases.map((caseId) => clocksOf(caseId, 2)));
    await waitFor(
      'yellow and red for every case',
      async () => {
        const counts = await Promise.all(cases.map(async (caseId) => (await warningsOf(caseId)).length));
        return counts.every((count) => count >= 2) ? true : undefined;
      },
      30000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const caseId of cases) {
      const warnings = await warningsOf(caseId);
      expect(warnings.map((warning) => warning.threshold)).toEqual(['yellow', 'red']);
      for (const warning of warnings) expect(warning.fired_at.getTime() - warning.scheduled_at.getTime()).toBeLessThan(1200);
      expect(eventsOf(caseId)).toEqual({ slaWarning: 2, reminderIssued: 1, orderOpened: 1, caseEscalated: 0 });
    }
  });
});
