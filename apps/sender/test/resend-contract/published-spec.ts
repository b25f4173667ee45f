/**
 * Finds Resend's published OpenAPI file when this machine has it: the file named by
 * RESEND_OPENAPI_SPEC, or shared/resend-openapi/resend.yaml beside the repository.
 * A clone on its own has neither; only the agreement test needs it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const BESIDE_THE_REPOSITORY = fileURLToPath(
  new URL('../../../../../shared/resend-openapi/resend.yaml', import.meta.url),
);

export interface SpecLocation {
  path: string;
  /** Named explicitly by RESEND_OPENAPI_SPEC (then a missing file is an error, not a skip). */
  explicit: boolean;
  present: boolean;
}

export function locateSpec(env: NodeJS.ProcessEnv = process.env): SpecLocation {
  const named = env.RESEND_OPENAPI_SPEC;
  const path = named !== undefined && named !== '' ? named : BESIDE_THE_REPOSITORY;
  return { path, explicit: path === named, present: existsSync(path) };
}

export function readSpec(path: string): Json {
  return parse(readFileSync(path, 'utf8')) as Json;
}

function isObject(node: Json | undefined): node is { [key: string]: Json } {
  return node !== null && node !== undefined && typeof node === 'object' && !Array.isArray(node);
}

/** The node at a path of keys, or an error naming the first missing key. */
export function at(node: Json, path: readonly string[]): Json {
  let cur: Json = node;
  for (const [i, key] of path.entries()) {
    if (!isObject(cur) || !(key in cur))
      throw new Error(`the published spec has no ${path.slice(0, i + 1).join(' → ')}`);
    cur = cur[key] ?? null;
  }
  return cur;
}

/** Follows a local `$ref` (`#/components/...`) and merges `allOf` parts into one node. */
export function resolveNode(spec: Json, node: Json): Json {
  if (!isObject(node)) return node;
  const ref = node.$ref;
  if (typeof ref === 'string') {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    return resolveNode(spec, at(spec, ref.slice(2).split('/')));
  }
  const allOf = node.allOf;
  if (Array.isArray(allOf)) {
    const merged: { [key: string]: Json } = {};
    for (const part of allOf) {
      const resolved = resolveNode(spec, part);
      if (isObject(resolved)) Object.assign(merged, resolved);
    }
    const rest = Object.fromEntries(Object.entries(node).filter(([k]) => k !== 'allOf'));
    return { ...merged, ...rest };
  }
  return node;
}

export { isObject };
