import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadWorkingCalendar } from '@ugov/calendar';
import { Events } from '@ugov/contracts';
import { decodeEvent, encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { migrateServiceDatabase, poolOf, runInTransaction, serviceDataSourceOptions } from '@ugov/persistence';
import { caseSubmittedBody, createTestDatabase, repoRoot, ServiceStack, waitFor } from '@ugov/testing';
import { AnchorAuditChainPeriodically } from '../../apps/supervision/src/anchor-audit-chain/anchor-audit-chain.job';
import { RecordTimelineEntryHandler } from '../../apps/supervision/src/record-timeline/record-timeline-entry.handler';
import { loadSlaDefinitions } from '../../apps/supervision/src/infra/sla-definitions.provider';
import { supervisionEntities, supervisionMigrations } from '../../apps/supervision/src/infra/supervision.database';
import { UpdateSlaClocksHandler } from '../../apps/supervision/src/update-sla-clocks/update-sla-clocks.handler';
import { RecordEvaluationsAndFollowUpsHandler } from '../../apps/supervision/src/record-evaluation/record-evaluations-and-follow-ups.handler';
import { verifyAuditChain } from '../../apps/supervision/src/verify-audit-chain/verify-audit-chain.query';
import { call, KEYS } from '../u-loop/http';

const CLI = join(repoRoot, 'dist', 'scripts', 'audit-verify', 'audit-verify.js');
const CASES = 30;

/** Supervision's audit chain, attacked as someone with SQL access to its database would. */
describe('the audit chain', () => {
  const stack = new ServiceStack({ services: ['supervision'] });
  let bus: KafkaMessageBus;
  let database: DataSource;
  const caseIds = Array.from({ length: CASES }, () => randomUUID());

  beforeAll(async () => {
    await stack.start();
    bus = stack.busFor('ugov-test-audit-chain');
    database = await new DataSource({ type: 'postgres', url: stack.databaseUrl }).initialize();
    // Two events per case on two topics, keyed by case over all the partitions: supervision handles them in
    // concurrent batches, which must still make one chain.
    await bus.publish(caseIds.map((caseId, index) => encodeEvent(Events.caseSubmitted, caseId, caseSubmittedBody(caseId, index))));
    await bus.publish(
      caseIds.map((caseId) =>
        encodeEvent(Events.caseTriaged, caseId, { caseId, reason: 'no catalog rule', trackingNumber: `T-${caseId}` }),
      ),
    );
    await waitFor('every event on the timeline', async () => (await count()) === 2 * CASES);
  });

  afterAll(async () => {
    await bus?.close();
    await database?.destroy();
    await stack.stop();
  });

  const count = async () => (await database.query('SELECT count(*)::int AS n FROM supervision.timeline_entries'))[0].n as number;
  const verify = async (key = KEYS.supervisor) => call(stack, 'supervision', 'GET', '/v1/audit/verify', key);
  const eventAt = async (seq: number): Promise<string> =>
    (await database.query('SELECT event_id FROM supervision.timeline_entries WHERE chain_seq = $1', [seq]))[0].event_id;
  const runCli = (...args: string[]): Promise<{ exitCode: number; output: string }> =>
    new Promise((resolve) => {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
      execFile(
        process.execPath,
        [CLI, ...args],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: stack.databaseUrl }, timeout: 60000 },
        (error, stdout, stderr) =>
          resolve({ exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}${stderr}` }),
      );
    });

  it('chains every record once, in one unbroken sequence, and verifies it', async () => {
    const seqs = (await database.query('SELECT chain_seq FROM supervision.timeline_entries ORDER BY chain_seq')).map(
      (row: { chain_seq: string }) => Number(row.chain_seq),
    );
    expect(seqs).toEqual(Array.from({ length: 2 * CASES }, (_, index) => index + 1));
    const verified = await verify();
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      ok: true,
      entriesVerified: 2 * CASES,
      head: { seq: 2 * CASES, entryHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      anchorsChecked: 0,
    });
    const [digest] = await database.query('SELECT length(event_digest) AS bytes FROM supervision.timeline_entries WHERE chain_seq = 1');
    expect(digest.bytes).toBe(32);

    const cli = await runCli('--anchor', `${verified.body.head.seq}:${verified.body.head.entryHash}`);
    expect(cli).toEqual({ exitCode: 0, output: expect.stringContaining(`audit chain intact: ${2 * CASES} entries, 1 anchor(s) checked`) });
  });

  it('keeps the case timeline as it was', async () => {
    const timeline = await call(stack, 'supervision', 'GET', `/v1/cases/${caseIds[0]}/timeline`, KEYS.supervisor);
    expect(timeline.status).toBe(200);
    expect(timeline.body.hops.map((hop: { type: string }) => hop.type)).toEqual([Events.caseSubmitted.type, Events.caseTriaged.type]);
    expect(Object.keys(timeline.body.hops[0]).sort()).toEqual(
      ['causationId', 'correlationId', 'details', 'eventId', 'occurredAt', 'recordedAt', 'service', 'source', 'type'].sort(),
    );
  });

  it('names a row whose content was edited, and is intact again once it is put back', async () => {
    const eventId = await eventAt(7);
    const [{ details }] = await database.query('SELECT details FROM supervision.timeline_entries WHERE chain_seq = 7');
    await database.query(`UPDATE supervision.timeline_entries SET details = details || '{"reason": "resolved"}' WHERE chain_seq = 7`);
    const verified = await verify();
    expect(verified.body).toMatchObject({ ok: false, entriesVerified: 6, firstBreak: { seq: 7, eventId, reason: 'altered' } });
    const cli = await runCli();
    expect(cli.exitCode).toBe(1);
    expect(cli.output).toContain(`first broken link: entry 7, event ${eventId}`);

    await database.query('UPDATE supervision.timeline_entries SET details = $1 WHERE chain_seq = 7', [JSON.stringify(details)]);
    expect((await verify()).body.ok).toBe(true);
  });

  it('names a row whose time was moved', async () => {
    const eventId = await eventAt(12);
    await database.query(`UPDATE supervision.timeline_entries SET occurred_at = occurred_at - interval '1 day' WHERE chain_seq = 12`);
    expect((await verify()).body.firstBreak).toMatchObject({ seq: 12, eventId, reason: 'altered' });
    await database.query(`UPDATE supervision.timeline_entries SET occurred_at = occurred_at + interval '1 day' WHERE chain_seq = 12`);
    expect((await verify()).body.ok).toBe(true);
  });

  it('names a deleted row, and a deletion hidden by renumbering', async () => {
    const eventId = await eventAt(20);
    await database.query('CREATE TABLE supervision.stolen AS SELECT * FROM supervision.timeline_entries WHERE chain_seq = 20');
    await database.query('DELETE FROM supervision.timeline_entries WHERE chain_seq = 20');
    expect((await verify()).body).toMatchObject({
      ok: false,
      entriesVerified: 19,
      firstBreak: { seq: 20, eventId: null, reason: 'missing' },
    });

    const next = await eventAt(21);
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = -chain_seq WHERE chain_seq > 20');
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = -chain_seq - 1 WHERE chain_seq < 0');
    expect((await verify()).body.firstBreak).toMatchObject({ seq: 20, eventId: next, reason: 'unlinked' });
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = -chain_seq - 1 WHERE chain_seq >= 20');
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = -chain_seq WHERE chain_seq < 0');

    await database.query('INSERT INTO supervision.timeline_entries SELECT * FROM supervision.stolen');
    await database.query('DROP TABLE supervision.stolen');
    expect(await eventAt(20)).toBe(eventId);
    expect((await verify()).body.ok).toBe(true);
  });

  it('names two rows swapped', async () => {
    const third = await eventAt(3);
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = -1 WHERE chain_seq = 2');
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = 2 WHERE chain_seq = 3');
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = 3 WHERE chain_seq = -1');
    expect((await verify()).body.firstBreak).toMatchObject({ seq: 2, eventId: third, reason: 'unlinked' });
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = -1 WHERE chain_seq = 3');
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = 3 WHERE chain_seq = 2');
    await database.query('UPDATE supervision.timeline_entries SET chain_seq = 2 WHERE chain_seq = -1');
    expect((await verify()).body.ok).toBe(true);
  });

  it('names the last rows deleted, even with the head moved back, against a published anchor', async () => {
    const published = (await verify()).body.head;
    await database.query('CREATE TABLE supervision.stolen AS SELECT * FROM supervision.timeline_entries WHERE chain_seq = $1', [
      published.seq,
    ]);
    await database.query('DELETE FROM supervision.timeline_entries WHERE chain_seq = $1', [published.seq]);
    expect((await verify()).body.firstBreak).toMatchObject({ seq: published.seq, eventId: null, reason: 'truncated' });

    await database.query(
      `UPDATE supervision.audit_chain_head SET seq = seq - 1, entry_hash = (SELECT entry_hash FROM supervision.timeline_entries WHERE chain_seq = $1)`,
      [published.seq - 1],
    );
    expect((await verify()).body.ok).toBe(true); // the database agrees with itself …
    const cli = await runCli('--anchor', `${published.seq}:${published.entryHash}`); // … but not with what was published
    expect(cli.exitCode).toBe(1);
    expect(cli.output).toContain(`first broken link: entry ${published.seq}`);
    expect(cli.output).toContain('truncated');

    await database.query('INSERT INTO supervision.timeline_entries SELECT * FROM supervision.stolen');
    await database.query('DROP TABLE supervision.stolen');
    await database.query('UPDATE supervision.audit_chain_head SET seq = $1, entry_hash = $2', [
      published.seq,
      Buffer.from(published.entryHash, 'hex'),
    ]);
    expect((await verify()).body.ok).toBe(true);
  });

  it('names a row slipped in outside the chain', async () => {
    await database.query(`ALTER TABLE supervision.timeline_entries
       ALTER COLUMN chain_seq DROP NOT NULL, ALTER COLUMN previous_hash DROP NOT NULL, ALTER COLUMN entry_hash DROP NOT NULL`);
    const forged = randomUUID();
    await database.query(
      `INSERT INTO supervision.timeline_entries (event_id, case_id, event_type, service, source, occurred_at, recorded_at, correlation_id, details)
       VALUES ($1, $2, $3, 'dispatch', '/ugov/dispatch', now(), now(), $1, '{}')`,
      [forged, caseIds[0], Events.assignmentSigned.type],
    );
    expect((await verify()).body.firstBreak).toMatchObject({ seq: null, eventId: forged, reason: 'unchained' });
  });

  it('is for supervisors only', async () => {
    expect(await verify(KEYS.portal)).toMatchObject({ status: 403, contentType: expect.stringContaining('application/problem+json') });
    expect((await verify('')).status).toBe(401);
  });
});

describe('the audit chain migration', () => {
  it('chains the rows recorded before it, oldest first', async () => {
    const { url, drop } = await createTestDatabase('audit_migration');
    const settings = { url, schema: 'supervision', entities: supervisionEntities };
    const before = await new DataSource(
      serviceDataSourceOptions({
        ...settings,
        // Every migration before the one that chains the timeline.
        migrations: supervisionMigrations.slice(
          0,
          supervisionMigrations.findIndex((migration) => migration.name === 'ChainTheTimeline1765100000000'),
        ),
      }),
    ).initialize();
    try {
      await migrateServiceDatabase(before, 'supervision');
      for (const [index, minute] of [3, 1, 2].entries())
        await before.query(
          `INSERT INTO supervision.timeline_entries (event_id, case_id, event_type, service, source, occurred_at, recorded_at, correlation_id, details)
           VALUES ($1, $2, $3, 'intake', '/ugov/intake', $4, $4, $1, '{"trackingNumber": "T-1"}')`,
          [`legacy-${index}`, randomUUID(), Events.caseSubmitted.type, new Date(Date.UTC(2026, 10, 30, 8, minute))],
        );
    } finally {
      await before.destroy();
    }
    const after = await new DataSource(serviceDataSourceOptions({ ...settings, migrations: supervisionMigrations })).initialize();
    try {
      await migrateServiceDatabase(after, 'supervision');
      const rows = await after.query('SELECT event_id, chain_seq FROM supervision.timeline_entries ORDER BY chain_seq');
      expect(rows).toEqual([
        { event_id: 'legacy-1', chain_seq: '1' },
        { event_id: 'legacy-2', chain_seq: '2' },
        { event_id: 'legacy-0', chain_seq: '3' },
      ]);
      expect(await verifyAuditChain(after)).toMatchObject({ ok: true, entriesVerified: 3, head: { seq: 3 } });
    } finally {
      await after.destroy();
      await drop();
    }
  });
});

describe('appending to the audit chain concurrently', () => {
  it('keeps one chain when many transactions append at once, as replicas and partitions do, and its anchors catch a rewritten tail', async () => {
    const { url, drop } = await createTestDatabase('audit_concurrency');
    const dataSource = await new DataSource(
      serviceDataSourceOptions({
        url,
        schema: 'supervision',
        entities: supervisionEntities,
        migrations: supervisionMigrations,
        poolSize: 8,
      }),
    ).initialize();
    try {
      await migrateServiceDatabase(dataSource, 'supervision');
      const handler = new RecordTimelineEntryHandler(
        new UpdateSlaClocksHandler(loadWorkingCalendar(), loadSlaDefinitions()),
        new RecordEvaluationsAndFollowUpsHandler(loadWorkingCalendar()),
      );
      const batchOf = () =>
        Array.from({ length: 10 }, (_, index) => {
          const caseId = randomUUID();
          const encoded = encodeEvent(Events.caseSubmitted, caseId, caseSubmittedBody(caseId, index));
          const message = { ...encoded, value: Buffer.from(encoded.value!), partition: 0, offset: '0', timestamp: new Date() };
          return decodeEvent(Events.caseSubmitted, message);
        });
      const batches = Array.from({ length: 8 }, batchOf);
      // The same batch twice as well: what is already recorded is not chained again.
      await Promise.all(
        [...batches, batches[0]].map((batch) => runInTransaction(poolOf(dataSource), (transaction) => handler.execute(batch, transaction))),
      );
      const seqs = await dataSource.query('SELECT chain_seq::int AS seq FROM supervision.timeline_entries ORDER BY chain_seq');
      expect(seqs.map((row: { seq: number }) => row.seq)).toEqual(Array.from({ length: 80 }, (_, index) => index + 1));
      expect(await verifyAuditChain(dataSource)).toMatchObject({ ok: true, entriesVerified: 80, head: { seq: 80 } });

      // An anchor of entry 80, then the chain rewritten from entry 40 on, hashes and head included.
      await new AnchorAuditChainPeriodically(dataSource).anchor();
      await new AnchorAuditChainPeriodically(dataSource).anchor(); // a second replica: the same head, recorded once
      expect(await dataSource.query('SELECT seq::int FROM supervision.audit_anchors')).toEqual([{ seq: 80 }]);
      const rewritten: { event_id: string }[] = await dataSource.query(
        'SELECT event_id FROM supervision.timeline_entries WHERE chain_seq >= 40 ORDER BY chain_seq',
      );
      await dataSource.query('DELETE FROM supervision.timeline_entries WHERE chain_seq >= 40');
      await dataSource.query(
        'UPDATE supervision.audit_chain_head SET seq = 39, entry_hash = (SELECT entry_hash FROM supervision.timeline_entries WHERE chain_seq = 39)',
      );
      const byId = new Map(batches.flat().map((event) => [event.envelope.id, event]));
      const [first, ...rest] = rewritten.map((row) => byId.get(row.event_id)!);
      // The same events again, the first of them with its time moved: a chain that verifies by itself.
      const forged = { ...first, envelope: { ...first.envelope, time: new Date(first.envelope.time.getTime() - 86400000) } };
      await runInTransaction(poolOf(dataSource), (transaction) => handler.execute([forged, ...rest], transaction));
      expect(await verifyAuditChain(dataSource)).toMatchObject({
        ok: false,
        entriesVerified: 79,
        anchorsChecked: 1,
        head: { seq: 80 },
        firstBreak: { seq: 80, reason: 'anchor-mismatch' },
      });
    } finally {
      await dataSource.destroy();
      await drop();
    }
  });
});
