import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import fc from 'fast-check';
import { CASE_TYPES, CHANNELS, type CaseTypeName, type ChannelName } from '@ugov/contracts';
import { compileBody, DiscriminatedBodyPipe, fullValidationOf, isInCatalog, RequestValidationError } from '@ugov/platform';
import { CASE_REQUEST_CLASSES } from './submit-case.request.dto';

const photo = { url: 'https://media.example.cn/a.jpg', mediaType: 'image/jpeg', sizeBytes: 1024 };

/** A complete body of each type's own fields, and each channel's. */
const TYPE_FIELDS: Partial<Record<CaseTypeName, Record<string, unknown>>> = {
  'information-disclosure': {
    disclosure: {
      informationRequested: '老旧小区改造资金使用情况',
      purpose: '了解情况',
      deliveryForm: 'electronic',
      deliveryMethod: 'email',
    },
  },
  'service-application': {
    serviceApplication: { serviceItemCode: '430100-000201-xk', materials: [{ name: '身份证复印件', file: photo }] },
  },
  'deputy-suggestion': { proposal: { title: '关于加装电梯的建议', session: '市十六届人大三次会议', proposers: [{ name: '王代表' }] } },
  'cppcc-proposal': {
    proposal: {
      title: '关于夜间噪音的提案',
      session: '市政协十三届三次会议',
      number: '0042',
      proposers: [{ name: '李委员', memberId: 'M-7' }],
    },
  },
};
const CHANNEL_FIELDS: Partial<Record<ChannelName, Record<string, unknown>>> = {
  'hotline-12345': { hotline: { agentId: 'A0217', callId: '20261130-0042' } },
  sms: { sms: { gatewayMessageId: 'gw-7f3a' } },
  email: { email: { messageId: '<1@mail.example.cn>', subject: '路灯' } },
  kiosk: { kiosk: { terminalId: 'kiosk-7' } },
  'proxy-agent': { proxyAgent: { agentId: 'agent-31', name: '李四' } },
  'walk-in-window': { window: { staffId: 'staff-1187' } },
  open311: { open311: { serviceCode: 'urban.street-lighting' } },
};
/** Fields that must be there, as dotted paths; the optional ones (email.subject, window.windowId, …) are not listed. */
const REQUIRED_OF_EVERY_TYPE = ['description', 'requester', 'requester.name', 'requester.phone', 'channel'];
const REQUIRED_OF_TYPE: Partial<Record<CaseTypeName, string[]>> = {
  'information-disclosure': [
    'disclosure',
    'disclosure.informationRequested',
    'disclosure.purpose',
    'disclosure.deliveryForm',
    'disclosure.deliveryMethod',
  ],
  'service-application': [
    'serviceApplication',
    'serviceApplication.serviceItemCode',
    'serviceApplication.materials',
    'serviceApplication.materials.0.name',
    'serviceApplication.materials.0.file',
    'serviceApplication.materials.0.file.url',
    'serviceApplication.materials.0.file.mediaType',
    'serviceApplication.materials.0.file.sizeBytes',
  ],
  'deputy-suggestion': ['proposal', 'proposal.title', 'proposal.session', 'proposal.proposers', 'proposal.proposers.0.name'],
  'cppcc-proposal': ['proposal', 'proposal.title', 'proposal.session', 'proposal.proposers', 'proposal.proposers.0.name'],
};
const REQUIRED_OF_CHANNEL: Partial<Record<ChannelName, string[]>> = {
  'hotline-12345': ['hotline', 'hotline.agentId', 'hotline.callId'],
  sms: ['sms', 'sms.gatewayMessageId'],
  email: ['email', 'email.messageId'],
  kiosk: ['kiosk', 'kiosk.terminalId'],
  'proxy-agent': ['proxyAgent', 'proxyAgent.agentId', 'proxyAgent.name'],
  'walk-in-window': ['window', 'window.staffId'],
  open311: ['open311', 'open311.serviceCode'],
};

function bodyOf(type: CaseTypeName, channel: ChannelName): Record<string, unknown> {
  return {
    type,
    channel,
    description: '小区门口的路灯坏了一个月',
    requester: { name: '𠀀王五', phone: '13712341234' },
    location: { regionCode: '430103' },
    ...structuredClone(TYPE_FIELDS[type] ?? {}),
    ...structuredClone(CHANNEL_FIELDS[channel] ?? {}),
  };
}

function without(body: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<any>((object, key) => object[key], copy);
  delete parent[keys[keys.length - 1]];
  return copy;
}

const pipe = new DiscriminatedBodyPipe('type', CASE_REQUEST_CLASSES);

/** Every reason the rules gave in this file: each must be in the message catalog, to be told in Chinese. */
const reasonsGiven = new Set<string>();

async function problemsOf(body: unknown): Promise<{ field: string; reason: string }[]> {
  try {
    await pipe.transform(body);
    return [];
  } catch (error) {
    if (!(error instanceof RequestValidationError)) throw error;
    for (const { reason } of error.fieldProblems) reasonsGiven.add(reason);
    return [...error.fieldProblems];
  }
}

const TYPES = Object.keys(CASE_TYPES) as CaseTypeName[];
const CHANNEL_LIST = Object.keys(CHANNELS) as ChannelName[];

describe('POST /v1/cases, every type on every channel', () => {
  it.each(TYPES)('%s: accepted with its own fields on each channel, refused without any one required field, naming it', async (type) => {
    for (const channel of CHANNEL_LIST) {
      const body = bodyOf(type, channel);
      expect({ channel, problems: await problemsOf(body) }).toEqual({ channel, problems: [] });
      const required = [...REQUIRED_OF_EVERY_TYPE, ...(REQUIRED_OF_TYPE[type] ?? []), ...(REQUIRED_OF_CHANNEL[channel] ?? [])];
      for (const path of required) {
        const problems = await problemsOf(without(body, path));
        expect({ channel, path, fields: problems.map((problem) => problem.field) }).toEqual({ channel, path, fields: [path] });
      }
    }
  });

  it("refuses another channel's details, naming the channel they belong to", async () => {
    const problems = await problemsOf({ ...bodyOf('complaint', 'sms'), ...CHANNEL_FIELDS['hotline-12345'] });
    expect(problems).toEqual([{ field: 'hotline', reason: 'hotline is only for channel hotline-12345' }]);
    expect(await problemsOf(without(bodyOf('help', 'hotline-12345'), 'hotline'))).toEqual([
      { field: 'hotline', reason: 'hotline is required when channel is hotline-12345' },
    ]);
  });

  it("refuses another type's details, and an unknown type by name", async () => {
    const problems = await problemsOf({ ...bodyOf('complaint', 'web-portal'), ...TYPE_FIELDS['information-disclosure'] });
    expect(problems.map((problem) => problem.field)).toEqual(['disclosure']);
    expect(await problemsOf({ ...bodyOf('complaint', 'web-portal'), type: 'gossip' })).toEqual([
      { field: 'type', reason: expect.stringMatching(/^type must be one of the following values: consultation, help, /) },
    ]);
    expect(await problemsOf(without(bodyOf('complaint', 'web-portal'), 'type'))).toEqual([{ field: 'type', reason: 'type is required' }]);
  });

  it('checks urgency, confidentiality, location and attachments with their limits', async () => {
    const body = bodyOf('help', 'mobile-app');
    expect(await problemsOf({ ...body, urgency: 'urgent', confidential: true, attachments: [photo] })).toEqual([]);
    const fields = async (extra: object) => (await problemsOf({ ...body, ...extra })).map((problem) => problem.field);
    expect(await fields({ urgency: 'soon' })).toEqual(['urgency']);
    expect(await fields({ confidential: 'yes' })).toEqual(['confidential']);
    expect(await fields({ location: {} })).toEqual(['location.regionCode']);
    expect(await fields({ location: { address: 'A市A2区桂花坪街道' } })).toEqual([]);
    expect(await fields({ location: { lat: 28.19, long: 112.97 } })).toEqual([]);
    expect(await fields({ attachments: [{ ...photo, sizeBytes: 11 * 1024 * 1024 }] })).toEqual(['attachments.0.sizeBytes']);
    expect(await fields({ attachments: [{ ...photo, mediaType: 'application/x-msdownload' }] })).toEqual(['attachments.0.mediaType']);
    expect(await fields({ attachments: [{ ...photo, url: 'http://insecure.example/a.jpg' }] })).toEqual(['attachments.0.url']);
    expect(await fields({ attachments: Array.from({ length: 10 }, () => photo) })).toEqual(['attachments']);
  });

  it('takes the delivery contact (e-mail, callback number and URL, push token, language) and names a bad one', async () => {
    const body = bodyOf('complaint', 'mobile-app');
    const delivery = {
      email: 'zhang.san@example.cn',
      phone: '13912345678',
      callbackUrl: 'https://crm.example.cn/cb',
      pushToken: 'fcm:tok-1',
      language: 'en',
    };
    expect(await problemsOf({ ...body, delivery })).toEqual([]);
    expect(((await pipe.transform({ ...body, delivery })) as { delivery: object }).delivery).toEqual(delivery);
    const fields = async (extra: object) => (await problemsOf({ ...body, delivery: extra })).map((problem) => problem.field);
    expect(await fields({ email: 'not-an-address' })).toEqual(['delivery.email']);
    expect(await fields({ email: `${'a'.repeat(250)}@example.cn` })).toEqual(['delivery.email']);
    expect(await fields({ phone: 'call me' })).toEqual(['delivery.phone']);
    expect(await fields({ callbackUrl: 'ftp://crm.example.cn/cb' })).toEqual(['delivery.callbackUrl']);
    expect(await fields({ pushToken: 'with space' })).toEqual(['delivery.pushToken']);
    expect(await fields({ language: 'fr' })).toEqual([]);
    expect(await fields({ language: 'de' })).toEqual(['delivery.language']);
    expect(await fields({ fax: '123' })).toEqual(['delivery.fax']);
  });

  it('gives reasons the message catalog tells in Chinese (this runs after the tests above)', () => {
    expect(reasonsGiven.size).toBeGreaterThan(20);
    expect([...reasonsGiven].filter((reason) => !isInCatalog(reason))).toEqual([]);
  });

  it('keeps characters outside the BMP in names', async () => {
    const accepted = (await pipe.transform(bodyOf('praise', 'wechat'))) as { requester: { name: string } };
    expect(accepted.requester.name).toBe('𠀀王五');
  });
});

// ---------------------------------------------------------------- the compiled rules agree with class-validator

const odd = fc.constantFrom(
  undefined,
  null,
  '',
  '  ',
  42,
  -91,
  181,
  'x\u0000',
  '\ud800',
  [],
  {},
  'gossip',
  '4301',
  '1'.repeat(21),
  '长'.repeat(5001),
);
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 30 }, { arbitrary: odd, weight: 1 });
/** Now and then, a field no rule names. */
const withStray = <T extends object>(body: fc.Arbitrary<T>) =>
  fc.tuple(body, fc.integer({ min: 0, max: 19 }), odd).map(([value, dice, stray]) => (dice === 0 ? { ...value, stray } : value));
const attachment = withStray(
  fc.record({
    url: mostly(fc.constantFrom('https://m.example.cn/a.jpg', 'ftp://x')),
    mediaType: mostly(fc.constantFrom('image/jpeg', 'video/mp4')),
    sizeBytes: mostly(fc.constantFrom(1, 20 * 1024 * 1024, 0.5)),
  }),
);

const submissions = fc
  .tuple(fc.constantFrom(...TYPES), fc.constantFrom(...CHANNEL_LIST), fc.constantFrom(...CHANNEL_LIST), fc.integer({ min: 0, max: 4 }))
  // Mostly the channel's own details; now and then another channel's.
  .map(([type, channel, other, dice]) => [type, channel, dice === 0 ? other : channel] as const)
  .chain(([type, channel, detailsOf]) =>
    withStray(
      fc
        .record(
          {
            type: fc.constant(type),
            channel: mostly(fc.constant(channel)),
            description: mostly(fc.string({ minLength: 1, maxLength: 40 })),
            requester: mostly(
              withStray(
                fc.record(
                  {
                    name: mostly(fc.constantFrom('王五', '𠀀')),
                    phone: mostly(fc.constantFrom('13700001234', '0731-8888888')),
                    idNumber: mostly(fc.constantFrom('11010519491231002X', '11010519491231002x', '110105194912310021', 'ABC')),
                  },
                  { requiredKeys: ['name', 'phone'] },
                ),
              ),
            ),
            categoryCode: mostly(fc.constantFrom('urban.noise', undefined)),
            location: mostly(
              fc.record(
                {
                  regionCode: mostly(fc.constantFrom('430103', undefined)),
                  lat: mostly(fc.constantFrom(28.19, undefined)),
                  long: mostly(fc.constantFrom(112.97, undefined)),
                  address: mostly(fc.constantFrom('A市A2区桂花坪街道', undefined)),
                },
                { requiredKeys: [] },
              ),
            ),
            urgency: mostly(fc.constantFrom('urgent', 'normal', undefined)),
            confidential: mostly(fc.constantFrom(true, false, undefined)),
            // JSON has no undefined inside an array.
            attachments: mostly(
              fc.array(
                fc.oneof({ arbitrary: attachment, weight: 30 }, { arbitrary: odd.filter((value) => value !== undefined), weight: 1 }),
                { maxLength: 3 },
              ),
            ),
            details: fc.constant({ ...(TYPE_FIELDS[type] ?? {}), ...(CHANNEL_FIELDS[detailsOf] ?? {}) }),
          },
          { requiredKeys: ['type', 'channel', 'description', 'requester'] },
        )
        .map(({ details, ...body }) => ({ ...body, ...structuredClone(details) })),
    ),
  );

describe('the compiled rules of POST /v1/cases', () => {
  const classes = [...new Set(Object.values(CASE_REQUEST_CLASSES))] as Type[];

  it('exist for every class: the busy route is checked without walking class metadata for every request', () => {
    for (const target of classes) expect(compileBody(target)).toBeDefined();
  });

  it('accept a body only when the full validation does, and make the same instance', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(submissions, async (body) => {
        const target = CASE_REQUEST_CLASSES[body.type];
        const full = await fullValidationOf(target, structuredClone(body));
        const fast = compileBody(target)!.check(body);
        if (full.accepted) accepted++;
        // Both ways round: the fast check must not pass a bad body, and should not miss a good one.
        expect(fast).toBe(full.accepted);
        if (fast && full.accepted) expect(compileBody(target)!.instantiate(body)).toEqual(full.value);
      }),
      { numRuns: 2000, seed: 20261130 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
