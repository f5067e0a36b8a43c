import { Client } from 'pg';
import { AnomalyKind, Events, SupervisionEvents } from '@ugov/contracts';
import { chinaDateOf } from '@ugov/calendar';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, complaint, KEYS } from '../u-loop/http';

/** RFC 4180 read back: quoted fields, doubled quotes, CRLF line ends. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  return rows;
}

/** The CSV as records keyed by its header; the BOM must be there (fetch's text() would drop it), and is taken off. */
function records(bytes: Uint8Array): Record<string, string>[] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)));
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}

/**
 * Anomalies and KPIs through the real services, Kafka and PostgreSQL: a case returned twice is 推诿, a reply faster
 * than the configured minimum is 体外循环, a merged repeat is a repeat complaint, each once; departments are ranked
 * and zoned from what they did, the CSV exports read back to the same numbers, and a department sees only its own.
 */
describe('anomalies and KPIs', () => {
  const stack = new ServiceStack({
    services: ['intake', 'dispatch', 'processing', 'supervision'],
    environment: (service) =>
      service === 'supervision'
        ? // Every reply of this test is "too fast" (under an hour); the sweep runs often, a short grace after each reply.
          { ANOMALY_MIN_REPLY_SECONDS: '3600', ANOMALY_SWEEP_MS: '200', ANOMALY_REPLY_CHECK_GRACE_MS: '500' }
        : {},
  });
  let reader: TopicReader;
  let db: Client;
  const today = chinaDateOf(new Date());

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([SupervisionEvents.anomalyDetected.topic, Events.caseAssigned.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const submit = async (description: string, categoryCode: string, regionCode = '430104', requester?: { name: string; phone: string }) => {
    const body = complaint(description, { categoryCode, location: { regionCode } });
    const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, requester ? { ...body, requester } : body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const leadAssignments = (caseId: string) =>
    reader.on(Events.caseAssigned.topic, caseId).map((message) => decodeEvent(Events.caseAssigned, message).body);
  const assignmentNumber = (caseId: string, count: number) =>
    waitFor(`assignment ${count} of ${caseId}`, async () => leadAssignments(caseId)[count - 1]);
  const act = (assignmentId: string, department: string, action: 'sign' | 'reply' | 'return', body?: unknown) =>
    waitFor(`${department} to ${action} ${assignmentId}`, async () => {
      const response = await call(
        stack,
        'processing',
        'POST',
        `/v1/assignments/${assignmentId}/${action}`,
        KEYS.department(department),
        body,
      );
      return response.status === 200 ? response : undefined;
    });
  const csvOf = async (path: string, key: string) => {
    const response = await fetch(`${stack.url('supervision')}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'text/csv; charset=utf-8']);
    return records(new Uint8Array(await response.arrayBuffer()));
  };
  const anomalyEvents = (caseId: string) =>
    reader
      .on(SupervisionEvents.anomalyDetected.topic, caseId)
      .map((message) => decodeEvent(SupervisionEvents.anomalyDetected, message).body);
  const anomaliesOf = (caseId: string, kind: string) =>
    waitFor(`a ${kind} anomaly of ${caseId}`, async () => {
      const response = await call(stack, 'supervision', 'GET', `/v1/anomalies?kind=${kind}`, KEYS.supervisor);
      const found = response.body.filter((anomaly: { caseId: string }) => anomaly.caseId === caseId);
      return found.length > 0 ? found : undefined;
    });
  const recordedOnTimeline = (caseId: string, type: string, count: number) =>
    waitFor(`${count} ${type} of ${caseId} on the timeline`, async () => {
      const { rows } = await db.query(
        'SELECT count(*)::int AS n FROM supervision.timeline_entries WHERE case_id = $1 AND event_type = $2',
        [caseId, type],
      );
      return rows[0].n >= count ? true : undefined;
    });

  it('finds 推诿 when a case is returned twice, once, and shows it to the departments concerned only', async () => {
    // A street-level case: the street returns it to the district, the district to the city.
    const caseId = await submit('小区物业乱收停车费，业主意见很大', 'urban.property-management', '430103003');
    const first = await assignmentNumber(caseId, 1);
    await act(first.assignmentId, first.departmentCode, 'return', { reason: '物业收费监管属区住建局职责' });
    const second = await assignmentNumber(caseId, 2);
    await recordedOnTimeline(caseId, Events.assignmentReturned.type, 1);
    expect(await db.query(`SELECT * FROM supervision.anomalies WHERE case_id = $1`, [caseId])).toMatchObject({ rowCount: 0 });

    await act(second.assignmentId, second.departmentCode, 'return', { reason: '涉及全市物业收费政策，请市住建局处理' });
    const [anomaly] = await anomaliesOf(caseId, 'shirking');
    expect(anomaly).toMatchObject({
      kind: 'shirking',
      reason: 'returned',
      caseId,
      departmentCode: second.departmentCode,
      details: { returns: '2', threshold: '2', returnedBy: `${first.departmentCode},${second.departmentCode}` },
    });
    await waitFor('the anomaly event', async () => (anomalyEvents(caseId).length > 0 ? true : undefined));

    // A third return fires nothing more: once per case and kind.
    const third = await assignmentNumber(caseId, 3);
    await act(third.assignmentId, third.departmentCode, 'return', { reason: '属区级事权，不应由市级办理' });
    await recordedOnTimeline(caseId, Events.assignmentReturned.type, 3);
    const { rows } = await db.query(`SELECT kind FROM supervision.anomalies WHERE case_id = $1`, [caseId]);
    expect(rows).toEqual([{ kind: 'shirking' }]);
    expect(anomalyEvents(caseId).map((event) => [event.kind, event.reason, event.departmentCode])).toEqual([
      [AnomalyKind.SHIRKING, 'returned', second.departmentCode],
    ]);

    // The district sees it; the street, whose return was the first, does not; nobody reads another's.
    const own = await call(stack, 'supervision', 'GET', '/v1/anomalies', KEYS.department(second.departmentCode));
    expect(own.body.map((found: { caseId: string }) => found.caseId)).toContain(caseId);
    const street = await call(stack, 'supervision', 'GET', '/v1/anomalies', KEYS.department(first.departmentCode));
    expect(street.body.map((found: { caseId: string }) => found.caseId)).not.toContain(caseId);
    const foreign = await call(
      stack,
      'supervision',
      'GET',
      `/v1/anomalies?department=${second.departmentCode}`,
      KEYS.department(first.departmentCode),
    );
    expect(foreign).toMatchObject({ status: 403, contentType: expect.stringContaining('application/problem+json') });
    const bad = await call(stack, 'supervision', 'GET', '/v1/anomalies?kind=late', KEYS.supervisor);
    expect(bad).toMatchObject({ status: 400, body: { errors: [{ field: 'kind' }] } });
  });

  it('finds a reply too fast to be real (体外循环) and a merged repeat complaint', async () => {
    const caseId = await submit('公交车经常不按时到站，等车要一个小时', 'urban.02.06');
    const { assignmentId, departmentCode } = await assignmentNumber(caseId, 1);
    await act(assignmentId, departmentCode, 'sign');
    await act(assignmentId, departmentCode, 'reply', { text: '已责成公交公司整改，加密班次。', outcome: 'resolved' });
    const [offSystem] = await anomaliesOf(caseId, 'off-system');
    expect(offSystem).toMatchObject({ reason: 'reply-too-fast', departmentCode, details: { assignmentId, minReplySeconds: '3600' } });

    const requester = { name: '赵六', phone: '13800138077' };
    const text = '我家楼下的自来水管漏水三天了，一直没人来修';
    const original = await submit(text, 'urban.02.16', '430104', requester);
    await assignmentNumber(original, 1);
    const repeat = await submit(`${text}！！`, 'urban.02.16', '430104', requester);
    const [repeated] = await anomaliesOf(original, 'repeat-complaint');
    expect(repeated).toMatchObject({ caseId: original, reason: 'merged-repeat', details: { repeatCaseId: repeat } });
  });

  it('ranks departments by score with zones, lets a department see only its own row, and exports the same numbers as CSV', async () => {
    // city transport signs and replies at once (100 points); water leaves its case unsigned (0 points).
    const good = await submit('公交站台的顶棚被风吹坏了，下雨没处躲', 'urban.02.06');
    const goodAssignment = await assignmentNumber(good, 1);
    await act(goodAssignment.assignmentId, goodAssignment.departmentCode, 'sign');
    await act(goodAssignment.assignmentId, goodAssignment.departmentCode, 'reply', { text: '顶棚已修复。', outcome: 'resolved' });
    const idle = await submit('小区停水两天了没有任何通知', 'urban.02.16');
    const idleAssignment = await assignmentNumber(idle, 1);
    expect(idleAssignment.departmentCode).not.toBe(goodAssignment.departmentCode);
    await recordedOnTimeline(good, Events.caseReplied.type, 1);
    await recordedOnTimeline(idle, Events.caseAssigned.type, 1);

    const kpis = await call(stack, 'supervision', 'GET', `/v1/kpis?from=${today}&to=${today}&level=department`, KEYS.supervisor);
    expect(kpis).toMatchObject({ status: 200, body: { from: today, to: today, level: 'department' } });
    const byKey = Object.fromEntries(kpis.body.items.map((item: { key: string }) => [item.key, item]));
    const transport = byKey[goodAssignment.departmentCode];
    const water = byKey[idleAssignment.departmentCode];
    expect(transport).toMatchObject({
      signedOnTimeRate: 1,
      repliedOnTimeRate: 1,
      satisfactionRate: null,
      returnRate: 0,
      overdue: 0,
      score: 100,
      rank: 1,
      zone: 'blue',
    });
    expect(transport.cases).toBe(transport.signedOnTime);
    expect(water).toMatchObject({ signedOnTime: 0, signedOnTimeRate: 0, score: 0, zone: 'red' });
    expect(water.rank).toBeGreaterThan(transport.rank);
    const ranks = kpis.body.items.map((item: { rank: number }) => item.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    // A department: its own row with its rank among all; not the regions, not another's cases.
    const own = await call(
      stack,
      'supervision',
      'GET',
      `/v1/kpis?from=${today}&to=${today}`,
      KEYS.department(idleAssignment.departmentCode),
    );
    expect(own.body.items).toEqual([water]);
    const regions = await call(
      stack,
      'supervision',
      'GET',
      `/v1/kpis?from=${today}&to=${today}&level=region`,
      KEYS.department(idleAssignment.departmentCode),
    );
    expect(regions.status).toBe(403);
    const regionRanking = await call(stack, 'supervision', 'GET', `/v1/kpis?from=${today}&to=${today}&level=region`, KEYS.supervisor);
    expect(regionRanking.body.items.map((item: { key: string }) => item.key)).toContain('430104');
    const foreignCases = await call(
      stack,
      'supervision',
      'GET',
      `/v1/cases.csv?from=${today}&to=${today}&department=${goodAssignment.departmentCode}`,
      KEYS.department(idleAssignment.departmentCode),
    );
    expect(foreignCases.status).toBe(403);

    // The KPI CSV reads back to the JSON's numbers, row by row.
    const rows = await csvOf(`/v1/kpis.csv?from=${today}&to=${today}`, KEYS.supervisor);
    expect(rows.map((row) => row.key)).toEqual(kpis.body.items.map((item: { key: string }) => item.key));
    for (const [index, row] of rows.entries())
      for (const [column, value] of Object.entries(row)) {
        const expected = kpis.body.items[index][column];
        expect([column, value]).toEqual([column, expected === null ? '' : String(expected)]);
      }

    // The case list of the period adds up to the KPIs of every department.
    const cases = await csvOf(`/v1/cases.csv?from=${today}&to=${today}`, KEYS.supervisor);
    for (const item of kpis.body.items) {
      const mine = cases.filter((row) => row.departmentCode === item.key);
      expect([
        item.key,
        mine.length,
        mine.filter((row) => row.signedOnTime === 'true').length,
        mine.filter((row) => row.repliedOnTime === 'true').length,
        mine.filter((row) => row.overdue === 'true').length,
      ]).toEqual([item.key, item.cases, item.signedOnTime, item.repliedOnTime, item.overdue]);
    }
    const ownCases = await csvOf(`/v1/cases.csv?from=${today}&to=${today}`, KEYS.department(idleAssignment.departmentCode));
    expect(ownCases.map((row) => row.caseId)).toContain(idle);
    expect(new Set(ownCases.map((row) => row.departmentCode))).toEqual(new Set([idleAssignment.departmentCode]));

    const backwards = await call(stack, 'supervision', 'GET', `/v1/kpis?from=${today}&to=2000-01-01`, KEYS.supervisor);
    expect(backwards).toMatchObject({ status: 400, body: { errors: [{ field: 'to' }] } });
    const badDate = await call(stack, 'supervision', 'GET', '/v1/kpis?from=2026-13-01&to=2026-12-01', KEYS.supervisor);
    expect(badDate).toMatchObject({ status: 400, body: { errors: expect.arrayContaining([expect.objectContaining({ field: 'from' })]) } });
    const badLevel = await call(stack, 'supervision', 'GET', `/v1/kpis?from=${today}&to=${today}&level=city`, KEYS.supervisor);
    expect(badLevel).toMatchObject({ status: 400, body: { errors: [{ field: 'level' }] } });
  });
});
