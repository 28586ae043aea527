import fc from 'fast-check';
import { validateIntake } from '../functions/domain/intake.ts';

/** A generated request against a public route; `path` is already encoded. */
export interface FuzzRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** Strings that stress parsers and validators: every plane, controls, bidi, lone surrogates. */
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '\u0000',
    '\uD800',
    '\uDFFF',
    '\u202E<script>alert(1)</script>',
    '\uFEFF',
    '𝕏'.repeat(3000),
    'é'.repeat(70_000),
    '${jndi:ldap://x}',
    "'; DROP TABLE complaints; --",
    '<img src=x onerror=alert(1)>',
    '\r\n\r\nX-Injected: 1',
  ),
);

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const validIntake = () => ({
  customer: { name: 'Fuzz Tester', email: 'fuzz@example.com', locale: 'en' },
  subject: 'Kettle leaks',
  description: 'The kettle leaks from the bottom after three days of use.',
  categoryHint: 'product-quality',
  consent: { dataProcessing: true },
});

type Json = Record<string, unknown>;
const INTAKE_FIELDS = ['customer', 'subject', 'description', 'consent'] as const;
const CUSTOMER_FIELDS = ['name', 'email'] as const;
const ALL_FIELDS = [
  'subject',
  'description',
  'channel',
  'categoryHint',
  'product',
  'orderRef',
  'incidentAt',
  'desiredOutcome',
  'customer.name',
  'customer.email',
  'customer.phone',
  'customer.locale',
  'consent.dataProcessing',
] as const;

const setPath = (body: Json, path: string, value: unknown): Json => {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) return { ...body, [head]: value };
  return { ...body, [head]: { ...(body[head] as Json), [tail]: value } };
};

/** Every intake body below is invalid by construction, so none may be stored. */
const badIntakeBody: fc.Arbitrary<{ kind: string; body: unknown }> = fc
  .oneof(
    fc
      .tuple(fc.constantFrom(...INTAKE_FIELDS), fc.constantFrom(...ALL_FIELDS), oddString)
      .map(([missing, odd, value]) => {
        const body: Json = setPath(validIntake(), odd, value);
        delete body[missing];
        return { kind: 'intake: missing field, odd Unicode elsewhere', body };
      }),
    fc.tuple(fc.constantFrom(...CUSTOMER_FIELDS), oddString).map(([missing, value]) => {
      const body = setPath(validIntake(), 'description', value);
      delete (body.customer as Json)[missing];
      return { kind: 'intake: missing customer field', body };
    }),
    fc.tuple(fc.constantFrom(...ALL_FIELDS), wrongType).map(([field, value]) => ({
      kind: 'intake: wrong type',
      body: setPath(validIntake(), field, value),
    })),
    fc.tuple(fc.constantFrom(...ALL_FIELDS), fc.integer({ min: 5001, max: 60_000 })).map(([field, n]) => ({
      kind: 'intake: field too long',
      body: setPath(validIntake(), field === 'consent.dataProcessing' ? 'subject' : field, 'x'.repeat(n)),
    })),
    fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), oddString).map(([key, value]) => ({
      kind: 'intake: unknown field',
      body: { ...validIntake(), [`x-${key}`]: value },
    })),
    fc.tuple(wrongType, oddString).map(([consent, description]) => ({
      kind: 'intake: no consent',
      body: { ...setPath(validIntake(), 'description', description), consent: { dataProcessing: consent } },
    })),
    fc.jsonValue().map((body) => ({ kind: 'intake: arbitrary JSON', body })),
    // Checked after the JSON round trip the request takes: a generated value that happens to be valid
    // (JSON.stringify drops what JSON cannot hold) is not a bad request.
  )
  .filter(({ body }) => !validateIntake(JSON.parse(JSON.stringify(body) ?? 'null'), new Date()).ok);

const jsonHeaders = { 'content-type': 'application/json' };

const intakeRequests: fc.Arbitrary<FuzzRequest> = fc.oneof(
  {
    weight: 5,
    arbitrary: badIntakeBody.map(({ kind, body }) => ({
      kind,
      method: 'POST' as const,
      path: '/v1/complaints',
      headers: jsonHeaders,
      body: JSON.stringify(body),
    })),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.string({ unit: 'binary', maxLength: 500 }),
        fc.constantFrom('{', '{"customer":', '[1,', 'nul', '{"a":1}}', '\uFEFF{}'),
      )
      .map((body) => ({
        kind: 'intake: bad JSON',
        method: 'POST' as const,
        path: '/v1/complaints',
        headers: jsonHeaders,
        body,
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=latin1',
        'application/xml',
        '',
        'application/json+x',
      )
      .map((contentType) => ({
        kind: 'intake: wrong content type',
        method: 'POST' as const,
        path: '/v1/complaints',
        headers: { 'content-type': contentType },
        body: JSON.stringify(validIntake()),
      })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({
        unit: fc.constantFrom(...'!"#$%&()*+,-./09:;<=>?@AZ[\\]^_`az{|}~'.split('')),
        minLength: 129,
        maxLength: 300,
      })
      .map((key) => ({
        kind: 'intake: bad Idempotency-Key',
        method: 'POST' as const,
        path: '/v1/complaints',
        headers: { ...jsonHeaders, 'idempotency-key': key },
        body: JSON.stringify(validIntake()),
      })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 64 * 1024 + 1, max: 2 * 1024 * 1024 }).map((size) => ({
      kind: 'intake: huge body',
      method: 'POST' as const,
      path: '/v1/complaints',
      headers: jsonHeaders,
      body: JSON.stringify({ ...validIntake(), description: 'x'.repeat(size) }),
    })),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({
      kind: 'intake: random bytes',
      method: 'POST' as const,
      path: '/v1/complaints',
      headers: jsonHeaders,
      body: Buffer.from(bytes),
    })),
  },
);

/** Path segments that are not complaint ids, some of them malformed percent-encoding. */
const badId = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2F', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'x'.repeat(5000)),
  fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/u),
);

const badToken = fc.oneof(
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.base64String({ maxLength: 100 }),
);

/** Requests to the tracking routes; `known` is a real complaint with its real token. */
const trackingRequests = (known: { id: string; token: string }): fc.Arbitrary<FuzzRequest> =>
  fc.oneof(
    fc.tuple(badId, badToken).map(([id, token]) => ({
      kind: 'tracking: bad id or token',
      method: 'GET' as const,
      path: `/v1/complaints/${id}?token=${encodeURIComponent(token)}`,
      headers: {},
    })),
    badToken.map((token) => ({
      kind: 'tracking: forged token for a real complaint',
      method: 'GET' as const,
      path: `/v1/complaints/${known.id}`,
      headers: { 'x-tracking-token': token.replace(/[^\x20-\x7E]/gu, '') || 'x' },
    })),
    fc.tuple(badId, badToken, badIntakeBody).map(([id, token, { body }]) => ({
      kind: 'messages: bad id or token',
      method: 'POST' as const,
      path: `/v1/complaints/${id}/messages?token=${encodeURIComponent(token)}`,
      headers: jsonHeaders,
      body: JSON.stringify({ message: body }),
    })),
    fc
      .oneof(
        wrongType.map((message) => JSON.stringify({ message })),
        fc.integer({ min: 5001, max: 70_000 }).map((n) => JSON.stringify({ message: 'x'.repeat(n) })),
        fc.constant(JSON.stringify({ message: '' })),
        fc.constant(JSON.stringify({})),
        oddString.map((value) => JSON.stringify({ message: 'ok message', extra: value })),
        fc.string({ unit: 'binary', maxLength: 200 }),
      )
      .map((body) => ({
        kind: 'messages: bad body, valid token',
        method: 'POST' as const,
        path: `/v1/complaints/${known.id}/messages`,
        headers: { ...jsonHeaders, 'x-tracking-token': known.token },
        body,
      })),
    fc
      .tuple(badId, fc.constantFrom('GET', 'POST', 'opt-out'), badIntakeBody)
      .map(([token, what, { body }]): FuzzRequest => ({
        kind: 'surveys: forged token, bad body',
        method: what === 'GET' ? 'GET' : 'POST',
        path: `/v1/surveys/${token}${what === 'opt-out' ? '/opt-out' : ''}`,
        headers: what === 'GET' ? {} : jsonHeaders,
        ...(what === 'GET' ? {} : { body: JSON.stringify(body) }),
      })),
    fc
      .tuple(
        fc.string({ unit: 'grapheme', maxLength: 50 }),
        fc.constantFrom('text/html', 'application/xml', '*/*', ''),
      )
      .map(([query, accept]): FuzzRequest => ({
        kind: 'openapi: odd query and Accept',
        method: 'GET' as const,
        path: `/v1/openapi.json?${encodeURIComponent(query)}=${encodeURIComponent(query)}`,
        headers: accept ? { accept } : {},
      })),
  );

/** `count` bad requests over every public route, reproducible from `seed`. */
export const fuzzRequests = (
  count: number,
  seed: number,
  known: { id: string; token: string },
): FuzzRequest[] =>
  fc.sample(
    fc.oneof({ weight: 3, arbitrary: intakeRequests }, { weight: 2, arbitrary: trackingRequests(known) }),
    {
      numRuns: count,
      seed,
    },
  );
