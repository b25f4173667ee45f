/**
 * The local Resend server keeps to the repository's own contract (no file outside
 * the repository needed), and that contract agrees with Resend's published OpenAPI
 * file whenever this machine has it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeResend } from './fake-resend.js';
import { checkAgreement, compareSchema } from './resend-contract/agreement.js';
import { locateSpec, readSpec } from './resend-contract/published-spec.js';
import { BEYOND_THE_PUBLISHED_SCHEMA } from './resend-contract/schema.js';

const fake = new FakeResend();
let clock = Date.now();
fake.now = () => clock;
beforeAll(async () => {
  await fake.start();
});
afterAll(async () => {
  await fake.stop();
});

const post = (
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${fake.apiKey}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
const ok = { from: 'a@b.com', to: 'x@y.com', subject: 's', html: 'h' };
const message = async (r: Response) => ((await r.json()) as { message: string }).message;

describe('the local Resend server keeps to the contract in the repository', () => {
  it('refuses requests the contract does not allow, naming the field', async () => {
    const tooMany = Array.from({ length: 51 }, (_, i) => `u${i}@contoso.example`);
    const r51 = await post('/emails', { ...ok, to: tooMany });
    expect(r51.status).toBe(422);
    expect(await message(r51)).toMatch(/\/to/);
    const noTo = await post('/emails', { from: 'a@b.com', subject: 's' });
    expect(noTo.status).toBe(422);
    expect(await message(noTo)).toMatch(/'to'/);
    expect((await post('/emails', { ...ok, subject: 7 })).status).toBe(422);
    expect((await post('/emails', { ...ok, tags: [{ name: 'a b', value: 'x' }] })).status).toBe(
      422,
    );
    expect(
      (
        await post(
          '/emails/batch',
          Array.from({ length: 101 }, () => ok),
        )
      ).status,
    ).toBe(422);
    expect((await post('/emails/batch', [])).status).toBe(422);
    const scheduled = await post('/emails/batch', [{ ...ok, scheduled_at: 'in 1 hour' }]);
    expect(scheduled.status).toBe(422);
    expect(await message(scheduled)).toMatch(/scheduled_at is not supported in batch/);
    expect(fake.delivered).toHaveLength(0);
  });

  it('Idempotency-Key: at most 256 characters, same payload same answer, other payload 409, forgotten after 24 h', async () => {
    expect((await post('/emails', ok, { 'idempotency-key': 'k'.repeat(257) })).status).toBe(400);
    const key = { 'idempotency-key': 'k'.repeat(256) };
    const first = await post('/emails', ok, key);
    expect(first.status).toBe(200);
    const firstBody: unknown = await first.json();
    const again = await post('/emails', ok, key);
    expect(await again.json()).toEqual(firstBody);
    const other = await post('/emails', { ...ok, subject: 'other' }, key);
    expect(other.status).toBe(409);
    expect(((await other.json()) as { name: string }).name).toBe('invalid_idempotent_request');
    expect(fake.delivered).toHaveLength(1);
    clock += 24 * 3600_000 + 1;
    const later = await post('/emails', ok, key);
    expect(await later.json()).not.toEqual(firstBody);
    expect(fake.delivered).toHaveLength(2);
  });

  it('batch validation: strict refuses the whole batch, permissive sends the valid emails and lists the rest', async () => {
    const before = fake.delivered.length;
    const mixed = [ok, { ...ok, to: 5 }, ok];
    expect((await post('/emails/batch', mixed)).status).toBe(422);
    expect((await post('/emails/batch', mixed, { 'x-batch-validation': 'strict' })).status).toBe(
      422,
    );
    expect((await post('/emails/batch', mixed, { 'x-batch-validation': 'lenient' })).status).toBe(
      422,
    );
    expect(fake.delivered.length).toBe(before);
    const partial = await post('/emails/batch', mixed, { 'x-batch-validation': 'permissive' });
    expect(partial.status).toBe(200);
    const body = (await partial.json()) as { data: unknown[]; errors: { index: number }[] };
    expect(body.data).toHaveLength(2);
    expect(body.errors.map((e) => e.index)).toEqual([1]);
    expect(fake.delivered.length).toBe(before + 2);
  });
});

const spec = locateSpec();

describe("the contract agrees with Resend's published OpenAPI file", () => {
  it.skipIf(!spec.present && !spec.explicit)(
    spec.present || spec.explicit
      ? `field by field: names, types, required, limits (${spec.path})`
      : `field by field: SKIPPED, Resend's OpenAPI file is absent (looked at ${spec.path}; set RESEND_OPENAPI_SPEC to run this check)`,
    () => {
      if (!spec.present)
        throw new Error(`RESEND_OPENAPI_SPEC names ${spec.path}, but there is no file there`);
      const agreement = checkAgreement(readSpec(spec.path));
      expect(agreement.differences).toEqual([]);
      // Limits the published schema leaves to prose are exactly the documented ones.
      expect(agreement.extras).toEqual([...BEYOND_THE_PUBLISHED_SCHEMA].sort());
    },
  );

  it('the comparison notices drift: a changed limit, a lost field, a changed type or required list', () => {
    // Runs on small documents in the published style, so it needs no file from outside.
    const published = {
      components: {
        schemas: {
          Email: {
            type: 'object',
            required: ['to'],
            properties: {
              to: { type: 'array', items: { type: 'string' }, maxItems: 50 },
              subject: { type: 'string' },
            },
          },
        },
      },
      schema: { $ref: '#/components/schemas/Email' },
    };
    const same = {
      type: 'object',
      required: ['to'],
      properties: {
        to: { type: 'array', items: { type: 'string' }, maxItems: 50 },
        subject: { type: 'string' },
      },
    };
    expect(compareSchema(published, 'x', same, published.schema)).toEqual({
      differences: [],
      extras: [],
    });
    const drifted = {
      type: 'object',
      required: ['to', 'subject'],
      properties: {
        to: { type: 'array', items: { type: 'number' }, maxItems: 49, minItems: 1 },
      },
    };
    const result = compareSchema(published, 'x', drifted, published.schema);
    expect(result.differences).toEqual([
      'x: required: published ["to"], ours ["subject","to"]',
      'x: field "subject" is published but missing here',
      'x.to: maxItems: published 50, ours 49',
      'x.to[]: type: published string, ours number',
    ]);
    expect(result.extras).toEqual(['x.to: minItems 1']);
  });
});
