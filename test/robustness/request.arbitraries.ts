import fc from 'fast-check';
import type { Route, Schema } from './openapi';
import type { RawRequest } from './raw-http';

/**
 * What the fuzzer sends to one route: a description of a request, from which the request itself is built
 * against the ids and keys that exist at that moment (see KnownValues).
 */
export interface RequestSpec {
  /** First call the writing routes listed before this one on the same ids (see preparations), to reach deeper states. */
  readonly prepare: boolean;
  readonly method: string | undefined;
  readonly parameters: readonly ParameterSpec[];
  readonly query: string;
  readonly auth: AuthSpec;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  readonly body: BodySpec;
}

type ParameterSpec = { readonly known: number } | { readonly literal: string };
type AuthSpec = { readonly fitting: number } | { readonly anyKey: number } | { readonly header: string | undefined };
type BodySpec =
  | { readonly none: true }
  | { readonly json: unknown; readonly encoding: 'utf-8' | 'utf-16le' | 'latin1' | 'bom' }
  | { readonly bytes: Uint8Array };

/** A value that exists in the system (a case id, an assignment id, a department code) and the API keys that may act on it. */
export interface KnownValue {
  readonly value: string;
  readonly keys: readonly string[];
}

export interface KnownValues {
  readonly values: readonly KnownValue[];
  /** Every API key the services accept, by role. */
  readonly keysByRole: Readonly<Record<string, readonly string[]>>;
}

// ---------------------------------------------------------------- strings a person, a bug or an attacker sends

const anyUtf16Unit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));

/** One character that PostgreSQL, protobuf or a reader would trip over: C0/C1 controls, NUL, lone surrogates, separators. */
const troublesomeCharacter = fc
  .oneof(
    // NUL first: the one character PostgreSQL refuses outright.
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x1f }) },
    { weight: 1, arbitrary: fc.integer({ min: 0x7f, max: 0x9f }) },
    { weight: 2, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }) },
    { weight: 1, arbitrary: fc.constantFrom(0x2028, 0x2029, 0xfeff, 0x200b, 0x202e, 0xfffe, 0xffff) },
  )
  .map((code) => String.fromCharCode(code));

/** Text that breaks things: NUL and other controls, lone surrogates, invisible and reordering characters, limits. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.string({ unit: 'grapheme', maxLength: 4 }), troublesomeCharacter, fc.string({ unit: 'grapheme', maxLength: 4 }))
      .map((parts) => parts.join('')),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u3000\u00a0',
      '\t\n\r',
      '\u0000',
      '路灯\u0000坏了',
      '\u001b[31mred',
      'a\udc00b',
      '\udbff\udfff',
      '\u200b\u200d',
      'e\u0301\u0301\u0301',
      '👨‍👩‍👧‍👦',
      "'; DROP TABLE intake.cases; --",
      '%s%n%x',
      '${jndi:ldap://x}',
      '\\',
      '"',
      '../../etc/passwd',
      'null',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: anyUtf16Unit, maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(51, 101, 201, 1001, 5001, 20000).map((length) => '长'.repeat(length)) },
  { weight: 1, arbitrary: fc.constantFrom(26, 2501).map((length) => '😀'.repeat(length)) },
);

const deeplyNested = fc.integer({ min: 10, max: 60 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = level % 2 ? [value] : { nested: value };
  return value;
});

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.MAX_VALUE, -0, Number.MAX_SAFE_INTEGER + 2, 5e-324),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  deeplyNested,
);

const strangeValue = fc.oneof(nastyString, wrongType);

// ---------------------------------------------------------------- bodies shaped by the route's schema

const readableText = (maxLength: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.max(1, Math.min(maxLength, 40)) }).filter((text) => text.trim() !== '');

/** A body as the schema describes it, drawn from its examples, enums, patterns and limits. */
export function validShaped(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.oneOf?.length) return fc.oneof(...schema.oneOf.map(validShaped));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const example = schema.example !== undefined ? [fc.constant(schema.example)] : [];
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {}).map(([name, property]) => [name, validShaped(property)] as const);
      // An object documented by its example alone (a free-form document, such as a catalog) is sent as that example too.
      return fc.oneof(...example, fc.record(Object.fromEntries(properties), { requiredKeys: [...(schema.required ?? [])] }));
    }
    case 'array':
      return fc.array(validShaped(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.max(3, schema.minItems ?? 0) });
    case 'string':
      if (schema.pattern) return fc.oneof(...example, fc.stringMatching(new RegExp(schema.pattern)));
      return fc.oneof(...example, ...example, readableText(schema.maxLength ?? 40));
    case 'integer':
      return fc.oneof(...example, fc.integer({ min: Math.max(schema.minimum ?? -1e6, -1e6), max: Math.min(schema.maximum ?? 1e6, 1e6) }));
    case 'number':
      return fc.oneof(...example, fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true }));
    case 'boolean':
      return fc.boolean();
    default:
      return fc.oneof(...example, fc.jsonValue({ maxDepth: 2 }));
  }
}

/** The plainest valid body: examples and first enum values of the required fields. */
export function exampleOf(schema: Schema): unknown {
  if (schema.oneOf?.length) return exampleOf(schema.oneOf[0]);
  if (schema.enum?.length) return schema.enum[0];
  if (schema.example !== undefined) return schema.example;
  switch (schema.type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, exampleOf(schema.properties?.[name] ?? {})]));
    case 'array':
      return [];
    case 'number':
    case 'integer':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return 'example';
  }
}

/**
 * The requests that prepare a spec's request: each writing route of the same service on the same path parameters
 * that its document lists before this one (signing an assignment before replying to it), with the same ids and
 * caller and its plainest body.
 */
export function preparations(route: Route, routes: readonly Route[], spec: RequestSpec, known: KnownValues): RawRequest[] {
  if (!spec.prepare || route.pathParameters.length === 0) return [];
  return routes
    .slice(0, routes.indexOf(route))
    .filter(
      (other) =>
        other !== route &&
        other.service === route.service &&
        other.method !== 'GET' &&
        other.pathParameters.join() === route.pathParameters.join(),
    )
    .map((other) =>
      buildRequest(
        other,
        {
          ...spec,
          method: undefined,
          query: '',
          headers: {},
          contentType: 'application/json',
          body: other.body ? { json: exampleOf(other.body), encoding: 'utf-8' } : { none: true },
        },
        known,
      ),
    );
}

type Mutation =
  | { readonly set: number; readonly value: unknown }
  | { readonly remove: number }
  | { readonly add: string; readonly at: number; readonly value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ set: fc.nat(), value: strangeValue }) },
  { weight: 2, arbitrary: fc.record({ remove: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      add: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', ''), fc.string({ unit: 'binary', maxLength: 8 })),
      at: fc.nat(),
      value: fc.oneof(strangeValue, fc.constant({ prototype: { polluted: true } })),
    }),
  },
);

type Path = readonly string[];

/** Paths to every value inside a body (the body itself is the empty path). */
function pathsIn(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  return [path, ...Object.keys(value).flatMap((key) => pathsIn((value as Record<string, unknown>)[key], [...path, key]))];
}

/** An own property, even one named __proto__ (plain assignment would set the prototype instead). */
function define(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

function applyMutation(body: unknown, change: Mutation): unknown {
  const copy = structuredClone(body);
  const root = { body: copy };
  const paths = pathsIn(copy).map((path) => ['body', ...path]);
  const parentOf = (path: Path) => path.slice(0, -1).reduce<any>((node, key) => node[key], root);
  if ('set' in change) {
    const path = paths[change.set % paths.length];
    define(parentOf(path), path[path.length - 1], change.value);
  } else if ('remove' in change) {
    const candidates = paths.filter((path) => path.length > 1);
    if (candidates.length === 0) return root.body;
    const path = candidates[change.remove % candidates.length];
    delete parentOf(path)[path[path.length - 1]];
  } else {
    const objects = paths.map((path) => parentOf([...path, ''])).filter((node) => typeof node === 'object' && node !== null);
    if (objects.length > 0) define(objects[change.at % objects.length], change.add, change.value);
  }
  return root.body;
}

/** The body with one of its leaves replaced: a string by nasty text, anything else by a value of the wrong type. */
function withLeafReplaced(body: unknown, at: number, text: string, other: unknown): unknown {
  const leaves = pathsIn(body).filter((path) => path.length > 0);
  if (leaves.length === 0) return body;
  const copy = structuredClone(body) as Record<string, any>;
  const path = leaves[at % leaves.length];
  const parent = path.slice(0, -1).reduce((node, key) => node[key], copy);
  define(parent, path[path.length - 1], typeof parent[path[path.length - 1]] === 'string' ? text : other);
  return copy;
}

function bodyOf(route: Route): fc.Arbitrary<BodySpec> {
  // Now and then the plainest valid body too: where fields depend on each other (a case's channel and the details
  // it must carry), random optional fields seldom make a valid body, and every route must be seen to succeed.
  const shaped = route.body
    ? fc.oneof({ weight: 3, arbitrary: validShaped(route.body) }, { weight: 1, arbitrary: fc.constant(exampleOf(route.body)) })
    : fc.constant({});
  const encoding = fc.oneof(
    { weight: 12, arbitrary: fc.constant('utf-8' as const) },
    { weight: 1, arbitrary: fc.constantFrom('utf-16le' as const, 'latin1' as const, 'bom' as const) },
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ json: shaped, encoding: fc.constant('utf-8' as const) }) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(shaped, fc.nat(), nastyString, wrongType)
        .map(([body, at, text, other]) => ({ json: withLeafReplaced(body, at, text, other), encoding: 'utf-8' as const })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(shaped, fc.array(mutation, { minLength: 1, maxLength: 3 }), encoding)
        .map(([body, changes, chosen]) => ({ json: changes.reduce(applyMutation, body), encoding: chosen })),
    },
    { weight: 1, arbitrary: fc.record({ json: fc.oneof(fc.jsonValue(), strangeValue), encoding }) },
    {
      weight: 1,
      arbitrary: fc.record({
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.concat([Buffer.from('{"text":"'), bytes, Buffer.from('"}')])),
          fc.constantFrom(
            Buffer.from('{"description":"\xed\xa0\x80"}', 'latin1'),
            Buffer.from('{"a":', 'utf-8'),
            Buffer.from('{"location":{"lat":1e400,"long":-1e400},"text":1e999}', 'utf-8'),
            Buffer.alloc(300 * 1024, 0x20),
            Buffer.from(`{"text":"${'x'.repeat(300 * 1024)}"}`),
          ),
          fc.integer({ min: 100, max: 100000 }).map((depth) => Buffer.from(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`)),
        ),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ none: true as const }) },
  );
}

// ---------------------------------------------------------------- headers, parameters, query

/** Header values a client can put on the wire: visible ASCII, latin-1 bytes, UTF-8 bytes read as latin-1. */
const headerText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((code) => code !== 0x7f)
      .map((code) => String.fromCharCode(code)),
    maxLength: 30,
  }),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map((text) => Buffer.from(text, 'utf-8').toString('latin1')),
  fc.constantFrom('', ' ', '\t', 'x'.repeat(250)),
);

const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 20, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
      'application/json; charset=gbk',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'application/json; charset=iso-8859-1',
      'application/problem+json',
      'application/merge-patch+json',
      'application/jsonx',
      'text/plain',
      'text/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '*/*',
      '',
      'application/json; charset=',
      'application/json; foo',
    ),
  },
  { weight: 1, arbitrary: headerText },
);

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

const traceparent = fc.oneof(
  fc.tuple(hex(32), hex(16)).map(([trace, span]) => `00-${trace}-${span}-01`),
  fc.constantFrom('00-00000000000000000000000000000000-0000000000000000-00', 'ff-x-y-z'),
  headerText,
);

const optionalHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'idempotency-key': fc.oneof(
      { weight: 4, arbitrary: fc.uuid() },
      { weight: 2, arbitrary: fc.constantFrom('retry-1', 'retry-2', 'retry-3') },
      { weight: 1, arbitrary: headerText },
    ),
    // Past Node's 16 KiB limit for all headers: answered by the server's HTTP parser, not by a route.
    'x-padding': fc.oneof({ weight: 30, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('x'.repeat(20 * 1024)) }),
    'x-correlation-id': fc.oneof(fc.uuid(), headerText),
    traceparent,
    'accept-language': fc.oneof(fc.constantFrom('zh-CN,zh;q=0.9,en;q=0.8', 'en', '*', 'xx-INVALID;q=abc'), headerText),
    accept: fc.constantFrom('application/json', 'text/html', 'application/xml', '*/*', 'application/problem+json'),
  },
  { requiredKeys: [] },
);

const auth: fc.Arbitrary<AuthSpec> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ fitting: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ anyKey: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', 'Basic ZGV2OmtleQ==', 'bearer dev-portal-key', 'Bearer dev-portal-key extra'),
        headerText.map((text) => `Bearer ${text}`),
        headerText,
      )
      .map((header) => ({ header })),
  },
);

/** Percent-encodes text as UTF-8, writing a lone surrogate as the 3 bytes no decoder accepts (where encodeURIComponent throws). */
function percentEncoded(text: string): string {
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
  return bytes
    .map((byte) =>
      /[\w.~-]/.test(String.fromCharCode(byte)) && byte < 0x80
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** A path segment: percent-encoded text, undecodable escapes, a NUL, an encoded surrogate, or one too long for the router. */
const pathSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(percentEncoded) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), troublesomeCharacter).map((parts) => percentEncoded(parts.join(''))),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%00',
      'a%00b',
      'city-housing%00',
      '%',
      '%zz',
      '%ED%A0%80',
      '%C0%AF',
      '..',
      '%2e%2e%2f',
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
      'CITY-HOUSING',
      'x'.repeat(101),
      '1',
    ),
  },
);

const query: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc
        .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 20 }), { maxKeys: 3 })
        .map((entries) => `?${new URLSearchParams(entries).toString()}`),
      fc.constantFrom('?%zz', '?a=%00', '?__proto__[x]=1', '?a[b][c][d]=1', '?&&==&', `?q=${'x'.repeat(5000)}`),
    ),
  },
);

/** Values for the query parameters a route documents: valid-looking, out of range, of the wrong kind, nasty. */
function documentedQuery(route: Route): fc.Arbitrary<string> {
  if (route.queryParameters.length === 0) return query;
  const value = fc.oneof(
    fc.constantFrom('1', '50', '500', '501', '0', '-1', '1.5', '1e400', 'abc', '', 'intake.case-submitted.v1', 'ugov.dispatch', 'dispatch'),
    nastyString,
  );
  const pair = fc.tuple(fc.constantFrom(...route.queryParameters, `${route.queryParameters[0]}[]`), value);
  return fc.oneof(
    query,
    // The documented examples together: a valid query for a route whose parameters are required.
    ...(route.queryExample ? [fc.constant(route.queryExample)] : []),
    fc
      .array(pair, { minLength: 1, maxLength: 4 })
      .map((pairs) => `?${pairs.map(([name, text]) => `${name}=${percentEncoded(text)}`).join('&')}`),
  );
}

/** A method other than the route's now and then: the same path with another verb must be a clean 404 or 405. */
const otherMethod = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
);

/** Requests for one route: thousands of these across all routes make the property test. */
export function requestsFor(route: Route): fc.Arbitrary<RequestSpec> {
  const parameter: fc.Arbitrary<ParameterSpec> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ known: fc.nat() }) },
    { weight: 2, arbitrary: pathSegment.map((literal) => ({ literal })) },
  );
  return fc.record({
    prepare: fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    method: otherMethod,
    parameters: fc.tuple(...route.pathParameters.map(() => parameter)),
    query: documentedQuery(route),
    auth,
    headers: optionalHeaders,
    contentType,
    body: bodyOf(route),
  });
}

function encodedBody(body: BodySpec): Buffer | undefined {
  if ('none' in body) return undefined;
  if ('bytes' in body) return Buffer.from(body.bytes);
  const text = JSON.stringify(body.json) ?? 'undefined';
  if (body.encoding === 'bom') return Buffer.from(`\ufeff${text}`, 'utf-8');
  return Buffer.from(text, body.encoding === 'utf-16le' ? 'utf16le' : body.encoding);
}

/** An API key goes as a bearer token; a requester's credential (`Tracking <number>:<code>`) as it is. */
const authorizationOf = (key: string) => (key.startsWith('Tracking ') ? key : `Bearer ${key}`);

/** The request a spec stands for, with ids and keys taken from what exists now. */
export function buildRequest(route: Route, spec: RequestSpec, known: KnownValues): RawRequest {
  const allKeys = Object.values(known.keysByRole).flat();
  const allowedKeys = route.roles ? route.roles.flatMap((role) => known.keysByRole[role] ?? []) : allKeys;
  const mayActOn = (value: KnownValue) => value.keys.filter((key) => allowedKeys.includes(key));
  // Values some allowed caller may act on come first: they lead past the guard into the handler.
  const reachable = known.values.filter((value) => mayActOn(value).length > 0);
  const candidates = reachable.length > 0 ? reachable : known.values;
  const chosen = spec.parameters.map((parameter) =>
    'known' in parameter && candidates.length > 0 ? candidates[parameter.known % candidates.length] : undefined,
  );
  let path = route.path;
  route.pathParameters.forEach((name, index) => {
    const parameter = spec.parameters[index];
    const segment = chosen[index] ? encodeURIComponent(chosen[index].value) : 'literal' in parameter ? parameter.literal : 'none';
    path = path.replace(`{${name}}`, segment);
  });
  let authorization: string | undefined;
  if ('fitting' in spec.auth) {
    const target = chosen.find((value) => value !== undefined);
    const fitting = target && mayActOn(target).length > 0 ? mayActOn(target) : allowedKeys;
    authorization = authorizationOf(fitting[spec.auth.fitting % fitting.length]);
  } else if ('anyKey' in spec.auth) authorization = authorizationOf(allKeys[spec.auth.anyKey % allKeys.length]);
  else authorization = spec.auth.header;
  const body = encodedBody(spec.body);
  const { 'x-padding': padding, ...chosenHeaders } = spec.headers;
  const headers: Record<string, string> = { ...chosenHeaders, ...(padding ? { 'x-padding': padding } : {}) };
  if (authorization !== undefined) headers.authorization = authorization;
  if (spec.contentType !== undefined && body !== undefined) headers['content-type'] = spec.contentType;
  return { method: spec.method ?? route.method, path: `${path}${spec.query}`, headers, body };
}
