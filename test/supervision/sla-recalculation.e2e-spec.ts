import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadWorkingCalendar } from '@ugov/calendar';
import { CaseType, Channel, Events, Outcome, RoutingBasis, timestampFromDate, type EventDefinition } from '@ugov/contracts';
import { decodeEvent, encodeEvent } from '@ugov/messaging';
import { newTraceContext } from '@ugov/observability';
import { migrateServiceDatabase, poolOf, runInTransaction, serviceDataSourceOptions } from '@ugov/persistence';
import { createTestDatabase, repoRoot } from '@ugov/testing';
import shippedDefinitions from '../../apps/supervision/data/sla-definitions.json';
import { parseSlaDefinitions } from '../../apps/supervision/src/domain/sla-definitions';
import { supervisionEntities, supervisionMigrations } from '../../apps/supervision/src/infra/supervision.database';
import { RecordTimelineEntryHandler } from '../../apps/supervision/src/record-timeline/record-timeline-entry.handler';
import { UpdateSlaClocksHandler } from '../../apps/supervision/src/update-sla-clocks/update-sla-clocks.handler';
import { RecordEvaluationsAndFollowUpsHandler } from '../../apps/supervision/src/record-evaluation/record-evaluations-and-follow-ups.handler';
import { RecordFollowUpHandler } from '../../apps/supervision/src/record-follow-up/record-follow-up.handler';

const CLI = join(repoRoot, 'dist', 'scripts', 'sla-recalculate', 'sla-recalculate.js');

/** `npm run sla:recalculate` rebuilds the clocks from the timeline after a definition and a calendar change, and records it. */
describe('recalculating SLA clocks', () => {
  let dataSource: DataSource;
  let url: string;
  let drop: () => Promise<void>;
  const caseId = randomUUID();
  const assignmentId = randomUUID();

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase('sla_recalculation'));
    dataSource = await new DataSource(
      serviceDataSourceOptions({
        url,
        schema: 'supervision',
        entities: supervisionEntities,
        migrations: supervisionMigrations,
        poolSize: 2,
      }),
    ).initialize();
    await migrateServiceDatabase(dataSource, 'supervision');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  const decoded = <Def extends EventDefinition>(
    definition: Def,
    body: Parameters<typeof encodeEvent<Def>>[2],
    time: Date,
    key = caseId,
  ) => {
    const encoded = encodeEvent(definition, key, body, newTraceContext(), time);
    return decodeEvent(definition, { ...encoded, value: Buffer.from(encoded.value!), partition: 0, offset: '0', timestamp: time });
  };
  const clock = async (hop: string) =>
    (
      await dataSource.query(
        'SELECT state, due_at, definition_id, definitions_version FROM supervision.sla_clocks WHERE case_id = $1 AND hop = $2',
        [caseId, hop],
      )
    )[0];
  /** The reply clock's thresholds still to fire, by name. */
  const timers = async (): Promise<Record<string, { fire_at: Date }>> => {
    const [row] = await dataSource.query(`SELECT pending FROM supervision.sla_clock_timers WHERE case_id = $1 AND hop = 'reply'`, [caseId]);
    return Object.fromEntries(
      (row?.pending ?? []).map((timer: { threshold: string; fireAt: string }) => [timer.threshold, { fire_at: new Date(timer.fireAt) }]),
    );
  };
  const runCli = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ exitCode: number; output: string }> =>
    new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: url, ...env } }, (error, stdout, stderr) =>
        resolve({ exitCode: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
      );
    });

  it('moves due times and unfired timers onto new definitions and a new calendar, keeps fired ones, and records the run', async () => {
    const handler = new RecordTimelineEntryHandler(
      new UpdateSlaClocksHandler(loadWorkingCalendar(), parseSlaDefinitions(shippedDefinitions, 'shipped')),
      new RecordEvaluationsAndFollowUpsHandler(loadWorkingCalendar()),
    );
    const assignedAt = new Date('2026-09-30T03:00:00Z'); // 30 September 2026, 11:00 China time
    const assigned = decoded(
      Events.caseAssigned,
      {
        caseId,
        assignmentId,
        departmentCode: 'city-housing',
        departmentName: '市住建局',
        categoryCode: 'urban.property-management',
        routingBasis: RoutingBasis.CATEGORY_CODE,
        deadline: timestampFromDate(new Date('2026-10-20T16:00:00Z')),
        assignedAt: timestampFromDate(assignedAt),
        caseType: CaseType.COMPLAINT,
        channel: Channel.WEB_PORTAL,
        trackingNumber: `T-${caseId}`,
        description: '物业乱收费',
        regionCode: '430103',
      },
      assignedAt,
    );
    await runInTransaction(poolOf(dataSource), (transaction) => handler.execute([assigned], transaction));
    // 10 working days from 1 October: National Day off, the make-up Saturday 10 October counted → end of 20 October.
    expect(await clock('reply')).toMatchObject({
      state: 'running',
      due_at: new Date('2026-10-20T16:00:00Z'),
      definition_id: 'reply.complaint',
      definitions_version: 1,
    });
    expect((await timers()).red).toEqual({ fire_at: new Date('2026-10-20T16:00:00Z') });
    // As if the yellow warning had gone out already.
    const yellowBefore = (await timers()).yellow.fire_at;
    await dataSource.query(
      `INSERT INTO supervision.sla_warnings (warning_id, case_id, assignment_id, hop, cycle, threshold, level, department_code, due_at, scheduled_at, fired_at)
       VALUES (gen_random_uuid(), $1, $2, 'reply', 1, 'yellow', 'yellow', 'city-housing', '2026-10-20T16:00:00Z', $3, now())`,
      [caseId, assignmentId, yellowBefore],
    );

    const folder = mkdtempSync(join(tmpdir(), 'ugov-sla-recalculation-'));
    const definitionsFile = join(folder, 'sla.yaml');
    const changed = {
      ...shippedDefinitions,
      version: 2,
      definitions: shippedDefinitions.definitions.map((definition) =>
        definition.id === 'reply.complaint' ? { ...definition, limit: { amount: 5, unit: 'workingDays' } } : definition,
      ),
    };
    writeFileSync(definitionsFile, JSON.stringify(changed)); // JSON is YAML too
    const calendarFile = join(folder, 'calendar.json');
    writeFileSync(calendarFile, JSON.stringify({ years: [], days: [{ date: '2026-10-09', kind: 'rest', name: 'a regional holiday' }] }));

    const bad = await runCli({ SLA_DEFINITIONS_FILE: join(folder, 'missing.yaml') });
    expect(bad).toMatchObject({ exitCode: 2, output: expect.stringContaining('SLA_DEFINITIONS_FILE') });

    const run = await runCli(
      { SLA_DEFINITIONS_FILE: definitionsFile, CALENDAR_OVERRIDES_FILE: calendarFile },
      '--reason',
      'complaints in 5 days; 9 October off',
    );
    expect(run.output).toContain('2 clocks, 2 changed');
    expect(run.exitCode).toBe(0);
    // 5 working days: 8 October, (9 October now off), 10, 12, 13, 14 October.
    expect(await clock('reply')).toMatchObject({ due_at: new Date('2026-10-14T16:00:00Z'), definitions_version: 2 });
    const after = await timers();
    expect(after.red).toEqual({ fire_at: new Date('2026-10-14T16:00:00Z') });
    // Fired: not pending again, so never fired twice, and its warning keeps the time it was due.
    expect(after.yellow).toBeUndefined();
    const [warning] = await dataSource.query(
      `SELECT scheduled_at FROM supervision.sla_warnings WHERE case_id = $1 AND threshold = 'yellow'`,
      [caseId],
    );
    expect(warning.scheduled_at).toEqual(yellowBefore);
    const recorded = await dataSource.query(
      'SELECT reason, definitions_version, events_replayed, clocks_recalculated, clocks_changed FROM supervision.sla_recalculations',
    );
    expect(recorded).toEqual([
      {
        reason: 'complaints in 5 days; 9 October off',
        definitions_version: 2,
        events_replayed: 1,
        clocks_recalculated: 2,
        clocks_changed: 2,
      },
    ]);
    expect(
      (await dataSource.query('SELECT version FROM supervision.sla_definition_versions ORDER BY version')).map(
        (row: { version: number }) => row.version,
      ),
    ).toEqual([2]);

    // Run again on the same inputs: nothing changes.
    const again = await runCli({ SLA_DEFINITIONS_FILE: definitionsFile, CALENDAR_OVERRIDES_FILE: calendarFile });
    expect(again.output).toContain('2 clocks, 0 changed');
  });

  it('replays a recorded follow-up call (回访): its clock stays stopped when it was recorded, on the new limit', async () => {
    const definitions = parseSlaDefinitions(shippedDefinitions, 'shipped');
    const clocks = new UpdateSlaClocksHandler(loadWorkingCalendar(), definitions);
    const handler = new RecordTimelineEntryHandler(clocks, new RecordEvaluationsAndFollowUpsHandler(loadWorkingCalendar()));
    const repliedCase = randomUUID();
    const repliedAt = new Date('2026-09-30T08:00:00Z'); // 16:00 China time, on the eve of National Day
    const replied = decoded(
      Events.caseReplied,
      {
        caseId: repliedCase,
        assignmentId,
        departmentCode: 'city-housing',
        replyText: '已处理。',
        outcome: Outcome.RESOLVED,
        repliedAt: timestampFromDate(repliedAt),
      },
      repliedAt,
      repliedCase,
    );
    await runInTransaction(poolOf(dataSource), (transaction) => handler.execute([replied], transaction));
    const followUpClock = async () =>
      (
        await dataSource.query(
          `SELECT state, due_at, ended_at, definitions_version FROM supervision.sla_clocks WHERE case_id = $1 AND hop = 'follow-up-call'`,
          [repliedCase],
        )
      )[0];
    // One working day after the reply: National Day (1–7 October) off, the end of 8 October.
    expect(await followUpClock()).toMatchObject({ state: 'running', due_at: new Date('2026-10-08T16:00:00Z'), ended_at: null });

    const [{ follow_up_id }] = await dataSource.query('SELECT follow_up_id FROM supervision.follow_ups WHERE case_id = $1', [repliedCase]);
    const recorded = await new RecordFollowUpHandler(dataSource, clocks).execute(follow_up_id, 'dev-supervisor', {
      reached: true,
      satisfied: true,
      note: '已回访',
    });
    expect(await followUpClock()).toMatchObject({ state: 'stopped', ended_at: recorded.recorded_at });

    const definitionsFile = join(mkdtempSync(join(tmpdir(), 'ugov-sla-recalculation-')), 'sla.json');
    writeFileSync(
      definitionsFile,
      JSON.stringify({
        ...shippedDefinitions,
        version: 3,
        definitions: shippedDefinitions.definitions.map((definition) =>
          definition.hop === 'follow-up-call' ? { ...definition, limit: { amount: 3, unit: 'workingDays' } } : definition,
        ),
      }),
    );
    const run = await runCli({ SLA_DEFINITIONS_FILE: definitionsFile }, '--reason', 'follow-up calls in 3 days');
    expect(run.exitCode).toBe(0);
    // 8, 9 and the make-up Saturday 10 October; still stopped when the call was recorded.
    expect(await followUpClock()).toMatchObject({
      state: 'stopped',
      ended_at: recorded.recorded_at,
      due_at: new Date('2026-10-10T16:00:00Z'),
      definitions_version: 3,
    });
  });
});
