import { canonicalJson } from './answer-once';

describe('the request an Idempotency-Key stands for', () => {
  it('is the same whatever order the fields came in', () => {
    const one = { type: 'help', requester: { name: '王五', phone: '13712341234' }, location: { lat: 1, long: 2 } };
    const other = { location: { long: 2, lat: 1 }, requester: { phone: '13712341234', name: '王五' }, type: 'help' };
    expect(canonicalJson(one)).toBe(canonicalJson(other));
  });

  it('differs when a value differs, or a field is added', () => {
    const base = { type: 'help', tags: ['a', 'b'] };
    expect(canonicalJson(base)).not.toBe(canonicalJson({ ...base, type: 'complaint' }));
    expect(canonicalJson(base)).not.toBe(canonicalJson({ ...base, tags: ['b', 'a'] }));
    expect(canonicalJson(base)).not.toBe(canonicalJson({ ...base, categoryCode: 'x' }));
  });
});
