import { Events, PauseEnd, type EventDefinition } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, complaint, KEYS } from '../u-loop/http';

/**
 * The department workflow over REST, with the real services, broker and database: every command answers with the
 * assignment, an illegal one with 409 problem+json and its reason, and each change is an event naming its actor.
 */
const DISPATCHER = 'dev-dispatcher-key';
const PROCESSING_EVENTS = [
  Events.assignmentSigned,
  Events.caseReplied,
  Events.assignmentReturned,
  Events.extensionDecided,
  Events.handlingPaused,
  Events.handlingResumed,
  Events.redoOrdered,
  Events.coHandlerPartSubmitted,
  Events.noticeAcknowledged,
];

describe('the department workflow over REST', () => {
  const stack = new ServiceStack();
  let reader: TopicReader;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader(
      PROCESSING_EVENTS.map((definition) => definition.topic),
      stack.topicPrefix,
    ).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await stack.stop();
  });

  const housing = KEYS.department('city-housing');
  const streetLight = () => complaint('小区门口的路灯坏了一个月，晚上很不安全', { location: { regionCode: '430104' } });

  /** A new case, and its assignment as the department sees it. */
  async function newAssignment(department = 'city-housing', body = streetLight()) {
    const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, body);
    expect(submitted.status).toBe(201);
    return waitFor(`the assignment of ${submitted.body.id} on ${department}'s list`, async () => {
      const list = await call(stack, 'processing', 'GET', `/v1/departments/${department}/assignments`, KEYS.department(department));
      return list.body.find?.((assignment: { caseId: string }) => assignment.caseId === submitted.body.id);
    });
  }

  const post = (id: string, action: string, key: string, body?: unknown) =>
    call(stack, 'processing', 'POST', `/v1/assignments/${id}/${action}`, key, body);

  const eventsOf = async <Def extends EventDefinition>(definition: Def, assignmentId: string, count = 1) =>
    waitFor(`${count} ${definition.type} event(s) of ${assignmentId}`, async () => {
      const found = reader
        .on(definition.topic)
        .map((message) => decodeEvent(definition, message).body)
        .filter((body) =>
          [(body as { assignmentId?: string }).assignmentId, (body as { coAssignmentId?: string }).coAssignmentId].includes(assignmentId),
        );
      return found.length >= count ? found : undefined;
    });

  it('signs, pauses for a clarification and resumes it, refuses an extension, then replies; each event names its actor', async () => {
    const assignment = await newAssignment();
    expect(await post(assignment.id, 'sign', housing)).toMatchObject({ status: 200, body: { status: 'signed' } });
    expect(await post(assignment.id, 'start', housing)).toMatchObject({ status: 200, body: { status: 'in-progress' } });

    const waitUntil = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const waiting = await post(assignment.id, 'clarification', housing, { question: '请提供具体楼栋号', waitUntil });
    expect(waiting).toMatchObject({
      status: 200,
      body: { status: 'awaiting-clarification', pause: { kind: 'clarification', until: waitUntil } },
    });
    const paused = await post(assignment.id, 'reply', housing, { text: '已修复', outcome: 'resolved' });
    expect(paused).toMatchObject({
      status: 409,
      contentType: expect.stringContaining('application/problem+json'),
      body: { code: 'assignment-paused' },
    });
    expect(paused.body.detail).toMatch(/awaiting-clarification/);
    const answered = await post(assignment.id, 'clarification/answer', housing, { answer: '3栋2单元' });
    expect(answered).toMatchObject({ status: 200, body: { status: 'in-progress', pause: null } });
    expect(Date.parse(answered.body.deadline)).toBeGreaterThan(Date.parse(assignment.deadline));

    const tooLong = await post(assignment.id, 'extension', housing, {
      reason: '需协调供电公司',
      requestedDeadline: '2099-01-01T00:00:00Z',
    });
    expect(tooLong).toMatchObject({ status: 422, body: { code: 'extension-too-long' } });
    const requestedDeadline = new Date(Date.parse(answered.body.deadline) + 86_400_000).toISOString();
    expect(await post(assignment.id, 'extension', housing, { reason: '需协调供电公司', requestedDeadline })).toMatchObject({
      status: 200,
      body: { extension: { decision: 'pending' } },
    });
    expect((await post(assignment.id, 'extension/decision', housing, { approved: true })).status).toBe(403);
    const refusedWithoutReason = await post(assignment.id, 'extension/decision', DISPATCHER, { approved: false });
    expect(refusedWithoutReason).toMatchObject({ status: 422, body: { code: 'reason-required' } });
    const refused = await post(assignment.id, 'extension/decision', DISPATCHER, { approved: false, reason: '理由不充分' });
    expect(refused).toMatchObject({ status: 200, body: { deadline: answered.body.deadline, extension: { decision: 'refused' } } });
    const again = await post(assignment.id, 'extension', housing, { reason: '再次申请', requestedDeadline });
    expect(again).toMatchObject({ status: 409, body: { code: 'extension-already-requested' } });

    expect(await post(assignment.id, 'reply', housing, { text: '路灯已修复。', outcome: 'resolved' })).toMatchObject({
      status: 200,
      body: { status: 'replied' },
    });
    const [decided] = await eventsOf(Events.extensionDecided, assignment.id);
    expect(decided).toMatchObject({ approved: false, decisionReason: '理由不充分', extensionReason: '需协调供电公司' });
    expect(decided.actor).toMatchObject({ roles: ['dispatcher'], subject: 'city-dispatch-center', departmentCode: '' });
    const [resumed] = await eventsOf(Events.handlingResumed, assignment.id);
    expect(resumed).toMatchObject({ answer: '3栋2单元', actor: { roles: ['department'], departmentCode: 'city-housing' } });
    const [replied] = await eventsOf(Events.caseReplied, assignment.id);
    expect(replied.actor).toMatchObject({ roles: ['department'], subject: 'city-housing' });
  });

  it('ends a wait for clarification when it runs out, with nobody acting, and counts the pause only to its end', async () => {
    const assignment = await newAssignment();
    await post(assignment.id, 'sign', housing);
    const waitUntil = new Date(Date.now() + 2_000).toISOString();
    expect((await post(assignment.id, 'clarification', housing, { question: '请提供具体位置', waitUntil })).status).toBe(200);
    const resumed = await waitFor('the wait to end by itself', async () => {
      const shown = await call(stack, 'processing', 'GET', `/v1/assignments/${assignment.id}`, housing);
      return shown.body.status === 'in-progress' ? shown.body : undefined;
    });
    expect(resumed.pause).toBeNull();
    const [event] = await eventsOf(Events.handlingResumed, assignment.id);
    expect(event).toMatchObject({ how: PauseEnd.EXPIRED, actor: { role: 'system', subject: 'processing' } });
    const pausedMs = Date.parse(resumed.deadline) - Date.parse(assignment.deadline);
    expect(pausedMs).toBeGreaterThan(0);
    expect(pausedMs).toBeLessThanOrEqual(2_500);
  });

  it('approves an extension, moving the deadline', async () => {
    const assignment = await newAssignment();
    await post(assignment.id, 'sign', housing);
    const requestedDeadline = new Date(Date.parse(assignment.deadline) + 86_400_000).toISOString();
    await post(assignment.id, 'extension', housing, { reason: '需现场勘查', requestedDeadline });
    const approved = await post(assignment.id, 'extension/decision', DISPATCHER, { approved: true });
    expect(approved).toMatchObject({ status: 200, body: { deadline: requestedDeadline, extension: { decision: 'approved' } } });
    const twice = await post(assignment.id, 'extension/decision', DISPATCHER, { approved: false, reason: '改主意' });
    expect(twice).toMatchObject({ status: 409, body: { code: 'extension-not-pending' } });
  });

  it('returns an assignment before sign-off only, with a reason', async () => {
    const assignment = await newAssignment();
    const noReason = await post(assignment.id, 'return', housing, { reason: '  ' });
    expect(noReason).toMatchObject({ status: 400, body: { errors: [{ field: 'reason' }] } });
    const returned = await post(assignment.id, 'return', housing, { reason: '属区级事权，请改派' });
    expect(returned).toMatchObject({ status: 200, body: { status: 'returned', returnReason: '属区级事权，请改派' } });
    expect(await post(assignment.id, 'sign', housing)).toMatchObject({ status: 409, body: { code: 'assignment-already-signed' } });
    const [event] = await eventsOf(Events.assignmentReturned, assignment.id);
    expect(event).toMatchObject({ reason: '属区级事权，请改派', actor: { roles: ['department'], subject: 'city-housing' } });
    const list = await call(stack, 'processing', 'GET', '/v1/departments/city-housing/assignments', housing);
    expect(list.body.map((open: { id: string }) => open.id)).not.toContain(assignment.id);
  });

  it('redoes a case after a bad rating with its own deadline, and takes the new reply', async () => {
    const assignment = await newAssignment();
    await post(assignment.id, 'sign', housing);
    await post(assignment.id, 'reply', housing, { text: '已修复。', outcome: 'resolved' });
    const deadline = new Date(Date.now() + 5 * 86_400_000).toISOString();
    expect((await post(assignment.id, 'redo', housing, { reason: '不满意', deadline })).status).toBe(403);
    const redo = await post(assignment.id, 'redo', KEYS.supervisor, { reason: '群众评价不满意：路灯仍不亮', deadline });
    expect(redo).toMatchObject({ status: 200, body: { status: 'in-progress', redoCount: 1, deadline, outcome: null } });
    expect(await post(assignment.id, 'redo', KEYS.supervisor, { reason: '再次', deadline })).toMatchObject({
      status: 409,
      body: { code: 'assignment-wrong-status' },
    });
    expect(await post(assignment.id, 'reply', housing, { text: '已更换灯具。', outcome: 'resolved' })).toMatchObject({
      status: 200,
      body: { status: 'replied' },
    });
    await eventsOf(Events.caseReplied, assignment.id, 2);
    const [ordered] = await eventsOf(Events.redoOrdered, assignment.id);
    expect(ordered).toMatchObject({ redoCount: 1, actor: { roles: ['supervisor'] } });
  });

  it('closes a jointly handled case only once each co-handler has reported or been released', async () => {
    const lead = await newAssignment();
    await post(lead.id, 'sign', housing);
    const joined = await post(lead.id, 'co-handlers', DISPATCHER, { departmentCode: 'city-hrss' });
    expect(joined.status).toBe(200);
    const withBoth = await post(lead.id, 'co-handlers', DISPATCHER, { departmentCode: 'city-environment', departmentName: '市生态环境局' });
    expect(withBoth.body.coHandlers.map((coHandler: { state: string }) => coHandler.state)).toEqual(['pending', 'pending']);
    const [hrss, environment] = withBoth.body.coHandlers.map((coHandler: { assignmentId: string }) => coHandler.assignmentId);

    expect(await post(lead.id, 'reply', housing, { text: '已办结', outcome: 'resolved' })).toMatchObject({
      status: 409,
      body: { code: 'co-handlers-pending' },
    });
    // A co-handler's assignment is on its own list, and its own only.
    const hrssKey = KEYS.department('city-hrss');
    expect((await call(stack, 'processing', 'GET', `/v1/assignments/${hrss}`, hrssKey)).body).toMatchObject({
      handlingRole: 'co-handler',
      leadAssignmentId: lead.id,
      status: 'assigned',
    });
    expect((await call(stack, 'processing', 'GET', `/v1/assignments/${lead.id}`, hrssKey)).status).toBe(404);
    expect((await post(environment, 'sign', hrssKey)).status).toBe(404);

    await post(hrss, 'sign', hrssKey);
    expect(await post(hrss, 'reply', hrssKey, { text: '部分', outcome: 'resolved' })).toMatchObject({
      status: 409,
      body: { code: 'co-handler-reports-to-lead' },
    });
    expect(await post(hrss, 'part', hrssKey, { text: '已约谈物业公司。' })).toMatchObject({ status: 200, body: { status: 'reported' } });
    expect((await post(environment, 'release', DISPATCHER)).body).toMatchObject({ status: 'released' });

    const shown = await call(stack, 'processing', 'GET', `/v1/assignments/${lead.id}`, housing);
    expect(shown.body.coHandlers).toMatchObject([
      { departmentCode: 'city-hrss', state: 'reported', part: '已约谈物业公司。' },
      { departmentCode: 'city-environment', state: 'released' },
    ]);
    expect(await post(lead.id, 'reply', housing, { text: '已会同市人社局办结。', outcome: 'resolved' })).toMatchObject({
      status: 200,
      body: { status: 'replied' },
    });
    const [part] = await eventsOf(Events.coHandlerPartSubmitted, hrss);
    expect(part).toMatchObject({ leadAssignmentId: lead.id, actor: { roles: ['department'], subject: 'city-hrss' } });
  });

  it('shows supervision orders and reminders, which the department must acknowledge before it replies', async () => {
    const assignment = await newAssignment();
    await post(assignment.id, 'sign', housing);
    expect((await post(assignment.id, 'notices', housing, { kind: 'reminder', text: '请尽快办理' })).status).toBe(403);
    const badKind = await post(assignment.id, 'notices', KEYS.supervisor, { kind: 'scolding', text: '快' });
    expect(badKind).toMatchObject({ status: 400, body: { errors: [{ field: 'kind' }] } });
    const reminded = await post(assignment.id, 'notices', KEYS.supervisor, { kind: 'reminder', text: '请尽快办理' });
    const [notice] = reminded.body.notices;
    expect(notice).toMatchObject({ kind: 'reminder', acknowledgedAt: null });
    expect(await post(assignment.id, 'reply', housing, { text: '已修复', outcome: 'resolved' })).toMatchObject({
      status: 409,
      body: { code: 'notices-unacknowledged' },
    });
    expect((await post(assignment.id, 'notices/acknowledge', KEYS.department('city-hrss'))).status).toBe(404);
    expect((await post(assignment.id, 'notices/acknowledge', housing)).body.notices[0].acknowledgedAt).toEqual(expect.any(String));
    expect((await post(assignment.id, 'notices/acknowledge', housing)).body.code).toBe('no-notice-to-acknowledge');
    expect((await post(assignment.id, 'reply', housing, { text: '已修复', outcome: 'resolved' })).status).toBe(200);
    const [acknowledged] = await eventsOf(Events.noticeAcknowledged, assignment.id);
    expect(acknowledged).toMatchObject({ noticeId: notice.id, actor: { roles: ['department'], subject: 'city-housing' } });
  });
});
