import 'reflect-metadata';
import fc from 'fast-check';
import { compileBody, fullValidationOf } from '@ugov/platform';
import { SubmitCaseRequestDto } from './submit-case.request.dto';

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

const submissions = withStray(
  fc.record(
    {
      type: mostly(fc.constantFrom('complaint', 'help', 'consultation')),
      channel: mostly(fc.constantFrom('web-portal', 'hotline', 'sms')),
      description: mostly(fc.string({ minLength: 1, maxLength: 40 })),
      requester: mostly(
        withStray(
          fc.record(
            {
              name: mostly(fc.constantFrom('王五', '李四')),
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
            regionCode: mostly(fc.constantFrom('430103', '430103001')),
            lat: mostly(fc.constantFrom(28.19, -90, undefined)),
            long: mostly(fc.constantFrom(112.97, 180, undefined)),
            address: mostly(fc.constantFrom('A市A2区桂花坪街道', undefined)),
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: ['type', 'channel', 'description', 'requester'] },
  ),
);

describe('the compiled rules of POST /v1/cases', () => {
  const compiled = compileBody(SubmitCaseRequestDto);

  it('exist: the busy route is checked without walking class metadata for every request', () => {
    expect(compiled).toBeDefined();
  });

  it('accept a body only when the full validation does, and make the same instance', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(submissions, async (body) => {
        const full = await fullValidationOf(SubmitCaseRequestDto, structuredClone(body));
        const fast = compiled!.check(body);
        if (full.accepted) accepted++;
        // Both ways round: the fast check must not pass a bad body, and should not miss a good one.
        expect(fast).toBe(full.accepted);
        if (fast && full.accepted) expect(compiled!.instantiate(body)).toEqual(full.value);
      }),
      { numRuns: 2000, seed: 20261130 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
