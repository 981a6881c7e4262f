/**
 * The caller, as the gateway knows them once their access token is verified: who (the token's
 * `sub`, the X-Road-UserId), of which organisation and unit, in which roles, and the rights the
 * rights file gives those roles. Nothing here comes from a header the caller writes.
 */
import { isUserId } from '../../contracts/identifiers.js';
import type { Right } from '../../contracts/rights.js';
import type { RightsPolicy } from './rights-file.js';

export interface Principal {
  userId: string;
  organisation: string | null;
  unit: string | null;
  roles: readonly string[];
  rights: ReadonlySet<Right>;
  /** The rights, sorted and joined: what cache keys of "what this caller may see" use. */
  rightsKey: string;
  /** For GraphiQL's "signed in as"; never logged or audited. */
  displayName: string | null;
}

/** The principal of a verified token's claims, or why they do not describe a caller casegraph accepts. */
export function principalFromClaims(claims: Record<string, unknown>, policy: RightsPolicy): Principal | { rejected: string } {
  if (!isUserId(claims.sub)) return { rejected: "The access token's subject is not a user id casegraph accepts." };
  const rolesClaim = claims[policy.claims.roles];
  const roles =
    typeof rolesClaim === 'string'
      ? [rolesClaim]
      : Array.isArray(rolesClaim)
        ? rolesClaim.filter((role): role is string => typeof role === 'string')
        : [];
  const unit = claims[policy.claims.unit];
  const organisation = claims[policy.claims.organisation];
  const rights = policy.rightsOf(roles);
  return {
    userId: claims.sub,
    organisation: typeof organisation === 'string' ? organisation : null,
    unit: typeof unit === 'string' && unit.length > 0 ? unit : null,
    roles,
    rights: new Set(rights),
    rightsKey: rights.join(','),
    displayName: typeof claims.name === 'string' ? claims.name : null,
  };
}
