/**
 * Roles from Entra ID app roles (SENDER_OIDC_ROLE_CLAIM=roles): the sender role of a user is
 * read from the validated ID token's `roles` claim at each sign-in. Without that setting the
 * token never gives a role (see oidc.ts).
 */
import type { Role } from '../store.js';

export interface RoleMapping {
  /** The ID token claim holding the app role values; Entra ID's is `roles`. */
  claim: 'roles';
  /** App role values (exact, case-sensitive as Entra ID sends them) that make an admin. */
  admin: string[];
  /** App role values that make a sales user. */
  sales: string[];
}

/** The claim's string values; anything else in it is ignored. */
export function roleValues(claims: Record<string, unknown>, mapping: RoleMapping): string[] {
  const value = claims[mapping.claim];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Admin wins over sales when both are assigned; undefined: none of the mapped roles. */
export function roleFromClaims(
  claims: Record<string, unknown>,
  mapping: RoleMapping,
): Role | undefined {
  const values = roleValues(claims, mapping);
  if (values.some((v) => mapping.admin.includes(v))) return 'admin';
  if (values.some((v) => mapping.sales.includes(v))) return 'sales';
  return undefined;
}
