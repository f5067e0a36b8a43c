import { readFileSync } from 'node:fs';
import { ServiceStack, waitFor } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

/** A whole loop, with every service logging at debug level: no log line may carry the requester's personal data or code. */
describe('personal data in logs', () => {
  const stack = new ServiceStack({ logLevel: 'debug' });
  const requester = { name: '司马测试乙', phone: '13598761234', idNumber: '11010519491231002X' };
  const address = 'A市A2区日志扫描路七十七号';
  /** Each datum as it could be written: the phone also with separators, the name and address also JSON-escaped. */
  const traces = [
    requester.name,
    JSON.stringify(requester.name).slice(1, -1).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    requester.phone,
    '135-9876-1234',
    '135 9876 1234',
    requester.idNumber,
    address,
  ];

  beforeAll(async () => {
    await stack.start();
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('runs a case from submission to delivered reply, with refusals and lookups on the way, and finds it in no log', async () => {
    const body = {
      type: 'complaint',
      channel: 'web-portal',
      description: '小区门口的路灯坏了一个月，晚上很不安全',
      requester,
      location: { regionCode: '430104', address },
    };
    const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, body, { 'idempotency-key': 'log-scan-1' });
    expect(submitted.status).toBe(201);
    const { id, trackingNumber } = submitted.body;
    const retried = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, body, { 'idempotency-key': 'log-scan-1' });
    expect(retried.status).toBe(201);
    // The retry's code replaced the first one.
    const { verificationCode } = retried.body;
    const reused = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, { ...body, description: '另一件事' }, { 'idempotency-key': 'log-scan-1' });
    expect(reused.status).toBe(422);
    // Refused input that carries the data: the problem names the field, the log says nothing of the value.
    for (const refused of [
      { ...body, requester: { ...requester, phone: `${requester.phone}x` } },
      { ...body, requester: { ...requester, idNumber: `${requester.idNumber.slice(0, 17)}1` } },
      { ...body, requester: { ...requester, name: requester.name.repeat(20) } },
      { ...body, requester: { ...requester, nickname: requester.name } },
    ]) {
      expect((await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, refused)).status).toBe(400);
    }
    expect((await call(stack, 'intake', 'GET', `/v1/cases/${id}`, KEYS.portal)).status).toBe(200);

    const assignment = await waitFor('the assignment', async () => {
      const list = await call(stack, 'processing', 'GET', '/v1/departments/city-housing/assignments', KEYS.department('city-housing'));
      return list.body.find?.((candidate: { caseId: string }) => candidate.caseId === id);
    });
    await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/sign`, KEYS.department('city-housing'));
    await call(stack, 'processing', 'POST', `/v1/assignments/${assignment.id}/reply`, KEYS.department('city-housing'), {
      text: '路灯已修复。',
      outcome: 'resolved',
    });
    await waitFor('the delivered reply on the timeline', async () => {
      const timeline = await call(stack, 'supervision', 'GET', `/v1/cases/${id}/timeline`, KEYS.supervisor);
      return timeline.body.hops?.length >= 5 ? timeline.body : undefined;
    });
    const credential = { authorization: `Tracking ${trackingNumber}:${verificationCode}` };
    await waitFor('the reply in what the requester reads', async () => {
      const status = await call(stack, 'intake', 'GET', `/v1/requests/${trackingNumber}`, undefined, undefined, credential);
      return status.body.state === 'replied' || undefined;
    });
    const stale = { authorization: `Tracking ${trackingNumber}:${submitted.body.verificationCode}` };
    expect((await call(stack, 'intake', 'GET', `/v1/requests/${trackingNumber}`, undefined, undefined, stale)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the last lines reach the files

    expect(stack.logFiles).toHaveLength(5);
    let lines = 0;
    // Nor the requester's verification codes.
    const secrets = [...traces, verificationCode, submitted.body.verificationCode];
    for (const file of stack.logFiles) {
      const log = readFileSync(file, 'utf8');
      lines += log.split('\n').length;
      const found = secrets.filter((trace) => log.includes(trace));
      expect({ file, found }).toEqual({ file, found: [] });
    }
    // The scan read real logs: the case's id is in them (the loop was logged), the person is not.
    const all = stack.logFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(all).toContain(id);
    expect(lines).toBeGreaterThan(20);
  });
});
