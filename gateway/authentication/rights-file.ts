/**
 * The rights file (gateway/rights.json, or RIGHTS_FILE): which access-token claims carry the
 * caller's roles and unit, and what each role may do. Configured, not coded: an organisation maps
 * its own identity provider's groups to casegraph's rights here. Validated once at start: an
 * unknown right or a malformed file stops the gateway naming the problem. Roles not in the file
 * grant nothing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isRight, RIGHT_NAMES, type Right } from '../../contracts/rights.js';
import { ConfigError } from '../../platform/config.js';

export const DEFAULT_RIGHTS_FILE = fileURLToPath(new URL('../rights.json', import.meta.url));

const claimName = z.string().min(1).max(100);

const rightsFileShape = z.strictObject({
  $comment: z.string().optional(),
  claims: z.strictObject({ roles: claimName, unit: claimName, organisation: claimName }),
  roles: z.record(
    z.string().min(1).max(100),
    z.strictObject({
      description: z.string().min(1),
      rights: z.array(z.string().refine(isRight, { message: `not a right casegraph knows (${RIGHT_NAMES.join(', ')})` })),
    }),
  ),
});

export interface RightsPolicy {
  claims: { roles: string; unit: string; organisation: string };
  /** The rights a caller with these roles holds: the union of their known roles' rights. */
  rightsOf(roles: readonly string[]): Right[];
  /** Every role the file grants something to, for messages and GraphiQL. */
  roles: ReadonlyMap<string, { description: string; rights: readonly Right[] }>;
}

export function parseRightsFile(document: unknown, origin: string): RightsPolicy {
  const parsed = rightsFileShape.safeParse(document);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${origin}: ${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`),
    );
  }
  const roles = new Map(
    Object.entries(parsed.data.roles).map(([role, { description, rights }]) => [role, { description, rights: rights as Right[] }]),
  );
  return {
    claims: parsed.data.claims,
    roles,
    rightsOf(callerRoles) {
      const rights = new Set<Right>();
      for (const role of callerRoles) for (const right of roles.get(role)?.rights ?? []) rights.add(right);
      return [...rights].sort();
    },
  };
}

export function loadRightsFile(file: string, variable = 'RIGHTS_FILE'): RightsPolicy {
  const origin = `${variable} (${file})`;
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError([`${origin}: cannot read the rights file (${reason})`]);
  }
  return parseRightsFile(document, origin);
}
