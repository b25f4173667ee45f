/**
 * Compares the contract's schemas with Resend's published OpenAPI file, field by
 * field: property names, types, required lists and every limit the spec states.
 * A limit only this contract states is reported as an extra, so the test can hold
 * the extras to the documented list in schema.ts.
 */
import { at, isObject, resolveNode, type Json } from './published-spec.js';
import {
  domainResponse,
  idempotencyKeyHeader,
  listDomainsResponse,
  sendBatchRequest,
  sendBatchResponse,
  sendEmailRequest,
  sendEmailResponse,
  type Schema,
} from './schema.js';

const LIMITS = [
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'pattern',
  'enum',
  'format',
] as const;

export interface Agreement {
  /** Where this contract and the published spec disagree: must be empty. */
  differences: string[];
  /** Limits this contract states and the published schema does not. */
  extras: string[];
}

const show = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

function schemaNode(value: unknown): Schema | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Schema)
    : undefined;
}

function compare(spec: Json, label: string, ours: Schema, published: Json, out: Agreement): void {
  const theirs = resolveNode(spec, published);
  if (!isObject(theirs)) {
    out.differences.push(`${label}: the published schema is not an object schema`);
    return;
  }
  const where = (key: string) => `${label}: ${key}`;
  if (show(ours.type) !== show(theirs.type))
    out.differences.push(
      `${where('type')}: published ${show(theirs.type)}, ours ${show(ours.type)}`,
    );
  for (const key of LIMITS) {
    const mine = ours[key];
    const spec_ = theirs[key];
    if (spec_ !== undefined && show(mine) !== show(spec_))
      out.differences.push(`${where(key)}: published ${show(spec_)}, ours ${show(mine)}`);
    else if (spec_ === undefined && mine !== undefined)
      out.extras.push(`${label}: ${key} ${show(mine)}`);
  }
  const required = (v: unknown) => (Array.isArray(v) ? [...(v as string[])].sort() : []);
  if (show(required(ours.required)) !== show(required(theirs.required)))
    out.differences.push(
      `${where('required')}: published ${show(required(theirs.required))}, ours ${show(required(ours.required))}`,
    );

  const ourProps = schemaNode(ours.properties) ?? {};
  const theirProps = isObject(theirs.properties) ? theirs.properties : {};
  for (const name of Object.keys(theirProps))
    if (!(name in ourProps))
      out.differences.push(`${label}: field "${name}" is published but missing here`);
  for (const [name, node] of Object.entries(ourProps)) {
    const published = theirProps[name];
    const child = schemaNode(node);
    if (published === undefined)
      out.differences.push(`${label}: field "${name}" is not in the published schema`);
    else if (child) compare(spec, `${label}.${name}`, child, published, out);
  }

  const ourItems = schemaNode(ours.items);
  if (ourItems || theirs.items !== undefined) {
    if (!ourItems || theirs.items === undefined)
      out.differences.push(
        `${where('items')}: ${ourItems ? 'not published' : 'published but missing here'}`,
      );
    else compare(spec, `${label}[]`, ourItems, theirs.items, out);
  }

  const ourOneOf = Array.isArray(ours.oneOf) ? (ours.oneOf as readonly unknown[]) : [];
  const theirOneOf = Array.isArray(theirs.oneOf) ? theirs.oneOf : [];
  if (ourOneOf.length !== theirOneOf.length)
    out.differences.push(
      `${where('oneOf')}: published ${theirOneOf.length} choices, ours ${ourOneOf.length}`,
    );
  else
    ourOneOf.forEach((choice, i) => {
      const node = schemaNode(choice);
      const published = theirOneOf[i];
      if (node && published !== undefined) compare(spec, `${label}|${i}`, node, published, out);
    });

  const ourExtra = ours.additionalProperties;
  const theirExtra = theirs.additionalProperties;
  if (typeof ourExtra === 'boolean' || typeof theirExtra === 'boolean') {
    if (ourExtra !== theirExtra)
      out.differences.push(
        `${where('additionalProperties')}: published ${show(theirExtra)}, ours ${show(ourExtra)}`,
      );
  } else if (ourExtra !== undefined || theirExtra !== undefined) {
    const node = schemaNode(ourExtra);
    if (!node || theirExtra === undefined)
      out.differences.push(
        `${where('additionalProperties')}: ${node ? 'not published' : 'published but missing here'}`,
      );
    else compare(spec, `${label}{*}`, node, theirExtra, out);
  }
}

/** One schema of ours against one node of a published document. */
export function compareSchema(spec: Json, label: string, ours: Schema, published: Json): Agreement {
  const out: Agreement = { differences: [], extras: [] };
  compare(spec, label, ours, published, out);
  return out;
}

const json = ['content', 'application/json', 'schema'];

/** Every schema of the contract, next to where the published spec defines it. */
export function checkAgreement(spec: Json): Agreement {
  const out: Agreement = { differences: [], extras: [] };
  const pairs: [string, Schema, string[]][] = [
    ['/emails request', sendEmailRequest, ['paths', '/emails', 'post', 'requestBody', ...json]],
    [
      '/emails/batch request',
      sendBatchRequest,
      ['paths', '/emails/batch', 'post', 'requestBody', ...json],
    ],
    [
      '/emails response',
      sendEmailResponse,
      ['paths', '/emails', 'post', 'responses', '200', ...json],
    ],
    [
      '/emails/batch response',
      sendBatchResponse,
      ['paths', '/emails/batch', 'post', 'responses', '200', ...json],
    ],
    [
      'GET /domains response',
      listDomainsResponse,
      ['paths', '/domains', 'get', 'responses', '200', ...json],
    ],
    [
      'GET /domains/{id} response',
      domainResponse,
      ['paths', '/domains/{domain_id}', 'get', 'responses', '200', ...json],
    ],
  ];
  for (const [label, ours, path] of pairs) compare(spec, label, ours, at(spec, path), out);
  for (const endpoint of ['/emails', '/emails/batch']) {
    const parameters = at(spec, ['paths', endpoint, 'post', 'parameters']);
    const header = Array.isArray(parameters)
      ? parameters
          .map((p) => resolveNode(spec, p))
          .find((p) => isObject(p) && p.name === 'Idempotency-Key')
      : undefined;
    if (!isObject(header) || header.schema === undefined)
      out.differences.push(`${endpoint}: the published spec has no Idempotency-Key header`);
    else compare(spec, 'Idempotency-Key', idempotencyKeyHeader, header.schema, out);
  }
  return { differences: out.differences, extras: [...new Set(out.extras)].sort() };
}
