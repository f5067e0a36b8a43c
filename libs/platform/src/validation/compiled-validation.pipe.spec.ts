import 'reflect-metadata';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { compileBody, CompiledValidationPipe, fullValidationOf, VALIDATION_OPTIONS } from './compiled-validation.pipe';
import { CodeField, TextField } from './field.rules';

class Contact {
  @TextField({ maxLength: 5 })
  name: string;

  @ValidateIf((contact: Contact) => contact.name === 'x')
  @IsInt()
  @IsDefined()
  code?: number;
}

/** One of each rule the compiled check knows: custom rules, required, optional, conditional, nested. */
class Body {
  @IsIn(['a', 'b'])
  kind: string;

  @TextField({ maxLength: 10, multiline: true })
  text: string;

  @CodeField({ optional: true })
  category?: string;

  @Max(5)
  @Min(1)
  @IsInt()
  @IsOptional()
  count?: number = 3;

  @ValidateNested()
  @IsObject()
  @IsDefined()
  @Type(() => Contact)
  contact: Contact;
}

class Transformed {
  @ApiProperty()
  @Transform(({ value }) => String(value).trim())
  @IsDefined()
  name: string;
}

const anyValue = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    ' ',
    'a',
    'b',
    'c',
    'x',
    'ok',
    'text\u0000',
    'line\nbreak',
    'abcdefghijk',
    'urban.noise',
    'Bad Code',
  ),
  fc.integer({ min: -2, max: 7 }),
  fc.double(),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
);

/** Mostly a good value, sometimes anything: so that both valid and invalid bodies come up often. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: anyValue, weight: 1 });

const bodies = fc.record(
  {
    kind: mostly(fc.constantFrom('a', 'b')),
    text: mostly(fc.constantFrom('hi', 'two\nlines')),
    category: mostly(fc.constantFrom('urban.noise', undefined)),
    count: mostly(fc.constantFrom(1, 5, undefined)),
    contact: mostly(
      fc.record(
        { name: mostly(fc.constantFrom('bob', 'x')), code: mostly(fc.constantFrom(1, undefined)), extra: anyValue },
        { requiredKeys: ['name'] },
      ),
    ),
    extra: anyValue,
  },
  { requiredKeys: ['kind', 'text', 'contact'] },
);

describe('compiled body validation', () => {
  const compiled = compileBody(Body)!;

  it('never accepts a body the full validation refuses, and makes the same instance of one it accepts', async () => {
    let acceptedByBoth = 0;
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const full = await fullValidationOf(Body, structuredClone(body));
        if (!compiled.check(body)) return;
        expect(full.accepted).toBe(true);
        const instance = compiled.instantiate(body);
        expect(instance).toBeInstanceOf(Body);
        expect(instance).toEqual(full.accepted && full.value);
        acceptedByBoth++;
      }),
      { numRuns: 3000, seed: 4242 },
    );
    // The generator does reach valid bodies: the property is not vacuous.
    expect(acceptedByBoth).toBeGreaterThan(10);
  });

  it('accepts the valid bodies the full validation accepts', async () => {
    const valid = [
      { kind: 'a', text: 'hi', contact: { name: 'bob' } },
      { kind: 'b', text: 'two\nlines', category: 'urban.noise', count: 5, contact: { name: 'x', code: 1 } },
      { kind: 'a', text: 'hi', category: null, count: null, contact: { name: 'al' } },
    ];
    for (const body of valid) {
      expect((await fullValidationOf(Body, structuredClone(body))).accepted).toBe(true);
      expect(compiled.check(body)).toBe(true);
    }
    // The class's own default applies, as class-transformer's would.
    expect(compiled.instantiate(valid[0])).toMatchObject({ count: 3 });
  });

  it('leaves to class-transformer and class-validator what it cannot do exactly as they do', () => {
    expect(compileBody(Transformed)).toBeUndefined();
  });

  it('answers a valid body at once and hands everything else to the full validation, errors and all', async () => {
    const pipe = new CompiledValidationPipe(VALIDATION_OPTIONS);
    const metadata = { type: 'body' as const, metatype: Body };
    await expect(pipe.transform({ kind: 'a', text: 'hi', contact: { name: 'bob' } }, metadata)).resolves.toBeInstanceOf(Body);
    await expect(pipe.transform({ kind: 'z', text: 'hi', contact: { name: 'bob' } }, metadata)).rejects.toThrow();
    await expect(pipe.transform({ kind: 'a', text: 'hi', contact: { name: 'bob' }, extra: 1 }, metadata)).rejects.toThrow();
  });
});
