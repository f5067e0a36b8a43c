import { Open311ParameterError, Open311ParameterErrors } from '../domain/open311.rules';
import { attributeAnswersOf, open311ParameterOf, submissionOf } from './open311.mapping';

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
