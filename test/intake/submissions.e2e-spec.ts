import * as iconv from 'iconv-lite';
import { Client } from 'pg';
import { CaseSubmittedSchema, CASE_TYPES, CHANNELS, Events, URGENCIES } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { PersonalDataCipher } from '../../apps/intake/src/infra/personal-data/personal-data.cipher';
import { loadPersonalDataKeys } from '../../apps/intake/src/infra/personal-data/personal-data.config';
import { call, KEYS } from '../u-loop/http';

/**
 * Intake on its own, over the real broker and database: every request type reaches Kafka with what it carries,
 * gateways' charsets are transcoded (or refused), Idempotency-Key holds on every POST, and errors speak the
 * caller's language.
 */
describe('intake submissions', () => {
  const stack = new ServiceStack({ services: ['intake'] });
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([Events.caseSubmitted.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const photo = { url: 'https://media.example.cn/a.jpg', mediaType: 'image/jpeg', sizeBytes: 2048, name: '路灯.jpg' };
  const base = (type: string, extra: object = {}) => ({
    type,
    channel: 'web-portal',
    description: '小区门口的路灯坏了一个月',
    requester: { name: '王五', phone: '13700001234' },
    location: { regionCode: '430103' },
    ...extra,
  });

  /** What the catalog's 企业设立登记 (430100-000201-xk) requires: every one of them. */
  const licenceMaterials = ['企业设立登记申请书', '公司章程', '身份证复印件', '住所（经营场所）使用证明'];

  const submittedEvent = async (caseId: string) => {
    await waitFor(`the case-submitted event of ${caseId}`, () => reader.on(Events.caseSubmitted.topic, caseId).length > 0);
    const [message] = reader.on(Events.caseSubmitted.topic, caseId);
    return decodeEvent(Events.caseSubmitted, message).body;
  };

  // Events written, not waiting: the relay deletes outbox rows once published (a count of them changed under a test
  // once), while the outbox's id sequence only moves when a row is inserted.
  const storedCounts = async () =>
    (
      await db.query(
        'SELECT (SELECT count(*) FROM intake.cases)::int AS cases, (SELECT last_value FROM intake.outbox_id_seq)::int AS events_written',
      )
    ).rows[0];

  describe('every request type, with what it carries, on its channel', () => {
    const requests: [string, object][] = [
      ['consultation', base('consultation', { channel: 'wechat' })],
      ['help', base('help', { channel: 'mobile-app', urgency: 'urgent' })],
      ['complaint', base('complaint', { channel: 'hotline-12345', hotline: { agentId: 'A0217', callId: 'c-1' }, attachments: [photo] })],
      ['report', base('report', { channel: 'sms', sms: { gatewayMessageId: 'gw-1' }, confidential: true })],
      ['suggestion', base('suggestion', { channel: 'email', email: { messageId: '<1@mail.example.cn>', subject: '建议' } })],
      ['praise', base('praise', { channel: 'kiosk', kiosk: { terminalId: 'kiosk-7' } })],
      ['demand', base('demand', { channel: 'proxy-agent', proxyAgent: { agentId: 'agent-31', name: '李四' } })],
      ['appeal', base('appeal', { channel: 'walk-in-window', window: { staffId: 'staff-1187', windowId: 'w-12' } })],
      [
        'information-disclosure',
        base('information-disclosure', {
          disclosure: {
            informationRequested: '老旧小区改造资金使用情况',
            purpose: '了解情况',
            deliveryForm: 'electronic',
            deliveryMethod: 'email',
          },
        }),
      ],
      [
        'service-application',
        base('service-application', {
          serviceApplication: { serviceItemCode: '430100-000201-xk', materials: licenceMaterials.map((name) => ({ name, file: photo })) },
        }),
      ],
      [
        'deputy-suggestion',
        base('deputy-suggestion', {
          proposal: { title: '关于加装电梯的建议', session: '市十六届人大三次会议', proposers: [{ name: '王代表' }] },
        }),
      ],
      [
        'cppcc-proposal',
        base('cppcc-proposal', {
          proposal: {
            title: '关于噪音的提案',
            session: '市政协十三届三次会议',
            number: '0042',
            proposers: [{ name: '李委员', memberId: 'M-7' }],
          },
        }),
      ],
    ];

    it('covers every type', () => {
      expect(requests.map(([type]) => type).sort()).toEqual(Object.keys(CASE_TYPES).sort());
    });

    it.each(requests)('%s is accepted, stored and published with its own fields', async (type, request: any) => {
      const submitted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, request);
      expect(submitted.status).toBe(201);
      const event = await submittedEvent(submitted.body.id);
      expect(event.type).toBe(CASE_TYPES[type as keyof typeof CASE_TYPES]);
      expect(event.channel).toBe(CHANNELS[request.channel as keyof typeof CHANNELS]);
      expect(event.urgency).toBe(URGENCIES[(request.urgency ?? 'normal') as keyof typeof URGENCIES]);
      expect(event.confidential).toBe(request.confidential ?? false);
      expect(event.attachments.map((file) => ({ ...file, sizeBytes: Number(file.sizeBytes) }))).toEqual(
        (request.attachments ?? []).map((file: typeof photo) => ({ $typeName: 'ugov.intake.v1.Attachment', ...file })),
      );
      if (request.disclosure) expect(event.details).toMatchObject({ case: 'disclosure', value: request.disclosure });
      if (request.serviceApplication)
        expect(event.details).toMatchObject({
          case: 'serviceApplication',
          value: { serviceItemCode: '430100-000201-xk', materials: licenceMaterials.map((name) => ({ name })) },
        });
      if (request.proposal)
        expect(event.details).toMatchObject({
          case: 'proposal',
          value: { title: request.proposal.title, session: request.proposal.session },
        });
      // No requester identity on the wire: the event's schema has no place for it.
      expect(JSON.stringify(event, (_, value) => (typeof value === 'bigint' ? String(value) : value))).not.toContain('13700001234');
      expect(CaseSubmittedSchema.fields.map((field) => field.name)).not.toContain('requester');

      const read = await call(stack, 'intake', 'GET', `/v1/cases/${submitted.body.id}`, KEYS.portal);
      expect(read.body).toMatchObject({ type, channel: request.channel, urgency: request.urgency ?? 'normal', requester: { name: '王*' } });
    });
  });

  describe('charsets a gateway may post', () => {
    const sms = (name: string, description: string) =>
      JSON.stringify({
        ...base('help', { channel: 'sms', sms: { gatewayMessageId: `gw-${Math.random()}` } }),
        description,
        requester: { name, phone: '13700001234' },
      });

    it.each([
      ['GBK', 'gbk', '张三', '路灯坏了，晚上很黑'],
      ['GB18030, with a character outside the BMP in the name', 'gb18030', '𠀀王', '小区噪音扰民'],
      ['Big5 (繁體), whose trail bytes may be a backslash', 'big5', '許功蓋', '路燈壞了，請盡快維修'],
    ])('%s is transcoded to UTF-8 and stored as sent', async (_what, charset, name, description) => {
      const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, iconv.encode(sms(name, description), charset), {
        'content-type': `application/json; charset=${charset}`,
      });
      expect(response.status).toBe(201);
      const stored = await db.query('SELECT requester_name, description FROM intake.cases WHERE id = $1', [response.body.id]);
      // The name is stored sealed: opened with the stack's key, it is the name as sent.
      const cipher = new PersonalDataCipher(loadPersonalDataKeys(stack.personalDataKeys));
      expect(stored.rows[0].description).toBe(description);
      expect(cipher.open(stored.rows[0].requester_name, response.body.id, 'requester.name')).toBe(name);
      expect((await submittedEvent(response.body.id)).description).toBe(description);
    });

    it('refuses bytes invalid in the declared charset (400) and charsets it does not know (415), storing nothing', async () => {
      const before = await storedCounts();
      const invalid = Buffer.concat([
        Buffer.from(sms('张三', 'X').replace('"X"', '"')),
        Buffer.from([0xc4, 0xe3, 0xff, 0xff]),
        Buffer.from('"}'),
      ]);
      const bad = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, invalid, {
        'content-type': 'application/json; charset=gbk',
        'accept-language': 'en',
      });
      expect(bad).toMatchObject({ status: 400, body: { code: 'invalid-encoding', detail: expect.stringContaining('not valid gbk') } });
      const unknown = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, sms('张三', 'x'), {
        'content-type': 'application/json; charset=shift_jis',
        'accept-language': 'en',
      });
      expect(unknown).toMatchObject({ status: 415, body: { code: 'unsupported-charset', detail: expect.stringContaining('shift_jis') } });
      expect(await storedCounts()).toEqual(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the same case for the same body, and 422 for another body, per client', async () => {
      const request = base('complaint', { description: '噪音扰民' });
      const first = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, request, { 'idempotency-key': 'same-key-1' });
      // The same body with its fields in another order is the same request.
      const reordered = Object.fromEntries(Object.entries(request).reverse());
      const retried = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, reordered, { 'idempotency-key': 'same-key-1' });
      expect(first.status).toBe(201);
      expect(retried).toMatchObject({ status: 201, body: { id: first.body.id }, headers: { 'idempotent-replayed': 'true' } });
      const other = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        KEYS.portal,
        { ...request, urgency: 'urgent' },
        { 'idempotency-key': 'same-key-1' },
      );
      expect(other).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });
      // Keys are per client: another integrator's same key is its own request.
      const hotline = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.hotline, request, { 'idempotency-key': 'same-key-1' });
      expect(hotline.status).toBe(201);
      expect(hotline.body.id).not.toBe(first.body.id);
      const stored = await db.query('SELECT count(*)::int AS n FROM intake.cases WHERE description = $1', ['噪音扰民']);
      expect(stored.rows[0].n).toBe(2);
    });

    it('refuses a malformed key, naming the header', async () => {
      const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, base('help'), {
        'idempotency-key': 'with space',
        'accept-language': 'en',
      });
      expect(response).toMatchObject({ status: 400, body: { errors: [{ field: 'Idempotency-Key' }] } });
    });
  });

  describe("errors in the caller's language", () => {
    const bad = base('information-disclosure', { description: '', urgency: 'soon' });

    it('are zh-Hans by default, naming every bad field', async () => {
      const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, bad);
      expect(response.status).toBe(400);
      expect(response.headers['content-language']).toBe('zh-Hans');
      expect(response.body).toMatchObject({
        title: '请求有误',
        code: 'invalid-request',
        errors: expect.arrayContaining([
          { field: 'description', reason: 'description 不能为空，也不能只有空白' },
          { field: 'urgency', reason: 'urgency 必须是以下值之一：normal, urgent' },
          { field: 'disclosure', reason: 'disclosure 为必填项' },
        ]),
      });
    });

    it('name a service item the catalog does not have, and a material the item requires that is missing, storing nothing', async () => {
      const before = await storedCounts();
      const unknown = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        KEYS.portal,
        base('service-application', {
          serviceApplication: { serviceItemCode: '430100-999999-xk', materials: [{ name: '身份证复印件', file: photo }] },
        }),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([
        { field: 'serviceApplication.serviceItemCode', reason: 'serviceItemCode 430100-999999-xk 不是目录中的政务服务事项' },
      ]);
      const incomplete = await call(
        stack,
        'intake',
        'POST',
        '/v1/cases',
        KEYS.portal,
        base('service-application', {
          serviceApplication: {
            serviceItemCode: '430100-000201-xk',
            materials: licenceMaterials.slice(0, 3).map((name) => ({ name, file: photo })),
          },
        }),
        { 'accept-language': 'en' },
      );
      expect(incomplete.status).toBe(400);
      expect(incomplete.body.errors).toEqual([
        {
          field: 'serviceApplication.materials',
          reason: 'materials lack 住所（经营场所）使用证明, which service item 430100-000201-xk requires',
        },
      ]);
      expect(await storedCounts()).toEqual(before);
    });

    it('are English for Accept-Language: en', async () => {
      const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, bad, { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' });
      expect(response.headers['content-language']).toBe('en');
      expect(response.body).toMatchObject({
        title: 'Bad request',
        errors: expect.arrayContaining([{ field: 'description', reason: 'description must not be empty or only whitespace' }]),
      });
      const unauthorized = await call(stack, 'intake', 'GET', '/v1/cases/00000000-0000-4000-8000-000000000000', undefined);
      expect(unauthorized.body.detail).toBe('请以 “Authorization: Bearer <API 密钥或令牌>” 发送凭据');
    });
  });
});
