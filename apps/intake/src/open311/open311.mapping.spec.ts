import { Open311ParameterError, Open311ParameterErrors } from '../domain/open311.rules';
import { SUBMITTED, type RequestProgress } from '../domain/request-progress';
import type { CaseEntity } from '../infra/case.entity';
import { attributeAnswersOf, open311ParameterOf, serviceRequestOf, submissionOf } from './open311.mapping';

const form = {
  api_key: 'k',
  service_code: 'environment.noise',
  'attribute[SOURCE][]': ['traffic', 'business'],
  'attribute[HOURS]': '3',
  lat: '28.19',
  long: '112.97',
  description: '夜间施工',
  first_name: '五',
  last_name: '王',
  phone: '13712341234',
  device_id: 'device-9',
};

describe('a GeoReport POST as a native submission', () => {
  it('becomes the body of POST /v1/cases on channel open311, the service as category and type', () => {
    expect(submissionOf(form).body).toEqual({
      type: 'complaint',
      channel: 'open311',
      description: '夜间施工',
      requester: { name: '王五', phone: '13712341234' },
      categoryCode: 'environment.noise',
      location: { lat: 28.19, long: 112.97 },
      open311: {
        serviceCode: 'environment.noise',
        deviceId: 'device-9',
        attributes: [
          { code: 'SOURCE', values: ['traffic', 'business'] },
          { code: 'HOURS', values: ['3'] },
        ],
      },
    });
  });

  it("takes the spec's email as where the answer also goes, and names it as email when it is bad", () => {
    expect(submissionOf({ ...form, email: 'wang@example.cn' }).body).toMatchObject({ delivery: { email: 'wang@example.cn' } });
    expect(submissionOf(form).body).not.toHaveProperty('delivery');
    expect(open311ParameterOf('delivery.email')).toBe('email');
  });

  it('keeps a coordinate that is no number as sent, for the rules to name', () => {
    expect(submissionOf({ ...form, lat: 'north' }).body.location).toEqual({ lat: 'north', long: 112.97 });
  });

  it('names a missing or unknown service, a missing location and bad attributes', () => {
    expect(() => submissionOf({ ...form, service_code: undefined })).toThrow(
      new Open311ParameterError('service_code', 'service_code is required'),
    );
    expect(() => submissionOf({ ...form, service_code: 'x.y' })).toThrow(/not a service of this endpoint/);
    let error: unknown;
    try {
      submissionOf({ ...form, lat: '', 'attribute[SOURCE][]': 'fireworks' });
    } catch (thrown) {
      error = thrown;
    }
    expect((error as Open311ParameterErrors).problems.map((problem) => problem.parameter)).toEqual(['lat', 'attribute[SOURCE]']);
    expect(() => submissionOf({ ...form, lat: undefined, long: undefined, address_id: '42' })).toThrow(/address_id is not supported/);
  });

  it('reads attribute[CODE] and attribute[CODE][] alike', () => {
    expect(attributeAnswersOf({ 'attribute[A]': 'x', 'attribute[B][]': ['y', 'z'], other: 'w' })).toEqual({ A: ['x'], B: ['y', 'z'] });
  });

  it('names a native field by the GeoReport parameter it came from', () => {
    expect(open311ParameterOf('requester.phone')).toBe('phone');
    expect(open311ParameterOf('location.lat')).toBe('lat');
    expect(open311ParameterOf('open311.mediaUrl')).toBe('media_url');
    expect(open311ParameterOf('description')).toBe('description');
  });
});

describe('a case as a GeoReport service request', () => {
  const caseRecord = {
    trackingNumber: 'UG20261130000042',
    categoryCode: 'environment.noise',
    channel: 'web-portal',
    channelDetails: null,
    description: '夜间施工',
    status: 'submitted',
    submittedAt: new Date('2026-11-30T01:00:00Z'),
    lat: null,
    long: null,
  } as unknown as CaseEntity;
  const waiting: RequestProgress = {
    ...SUBMITTED,
    state: 'awaiting-clarification',
    department: { code: 'city-eco', names: { 'zh-Hans': '市生态环境局' } },
    clarifications: [{ question: '几点开始施工？', askedAt: '2026-11-30T02:00:00.000Z', waitUntil: null, resolvedAt: null, how: null }],
    updatedAt: '2026-11-30T02:00:00.000Z',
  };

  it('shows the progress while the request is open', () => {
    expect(serviceRequestOf(caseRecord, null, waiting, 'en')).toMatchObject({
      status: 'open',
      status_notes: 'Waiting for your clarification',
      service_notice: 'Please clarify: 几点开始施工？',
      updated_datetime: '2026-11-30T02:00:00.000Z',
    });
  });

  it('is closed once the requester withdrew it, the notes saying so and when, whatever the progress said', () => {
    const withdrawnAt = new Date('2026-11-30T03:30:00Z');
    expect(serviceRequestOf(caseRecord, null, waiting, 'en', withdrawnAt)).toMatchObject({
      status: 'closed',
      status_notes: 'Withdrawn by the requester at 2026-11-30T03:30:00.000Z',
      service_notice: null,
      agency_responsible: '市生态环境局',
      updated_datetime: '2026-11-30T03:30:00.000Z',
    });
    expect(serviceRequestOf(caseRecord, null, SUBMITTED, 'zh-Hans', withdrawnAt)).toMatchObject({
      status: 'closed',
      status_notes: '诉求人已于 2026-11-30T03:30:00.000Z 撤回此诉求',
    });
  });
});
