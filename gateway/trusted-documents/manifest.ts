/**
 * The manifest of trusted documents: the operations case-management frontends run, each under
 * its `sha256:` id (the GraphQL-over-HTTP persisted-documents convention) and with what its
 * fields need. The shipped operations (gateway/operations/) are built into
 * gateway/trusted-documents.json by `npm run documents`; a frontend registers its own in a file of
 * the same format (TRUSTED_DOCUMENTS_FILES). The format is Apollo's persisted query manifest
 * (`generate-persisted-query-manifest` writes it), so a frontend's build output is registered as
 * it is; `fields` and `roles` are casegraph's additions, written for the reviewer of a change.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  Kind,
  TypeInfo,
  getNamedType,
  parse,
  print,
  stripIgnoredCharacters,
  validate,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { z } from 'zod';
import type { AuthorizationRules, RightsRequirement } from '../../platform/authorization/rules.js';
import type { RightsPolicy } from '../authentication/rights-file.js';
import type { ExampleOperation } from '../graphiql.js';

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

export interface TrustedDocument {
  /** sha256 of `body`, in hex (Apollo's id; the GraphQL-over-HTTP documentId is `sha256:` + this). */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
  /** What each field the document reads needs: `Type.field` → "case:read & cases:unit | cases:all" (see requirementText). */
  fields?: Record<string, string>;
  /** The roles of the rights file that may run every field of it. */
  roles?: string[];
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: TrustedDocument[];
}

const manifestShape = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, 'expected the sha256 of the body in lower-case hex'),
      name: z.string().min(1),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string().min(1),
      fields: z.record(z.string(), z.string()).optional(),
      roles: z.array(z.string()).optional(),
    }),
  ),
});

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The hash two spellings of one document share: without comments, without insignificant white
 * space. A client that reformats a trusted document still runs it; one that changes a field does not.
 */
export function canonicalHashOf(document: DocumentNode): string {
  return sha256Hex(stripIgnoredCharacters(print(document)));
}

/** Reads a manifest file; what is wrong with it is thrown as problems naming the file. */
export function readManifest(file: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ManifestError([`${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  const parsed = manifestShape.safeParse(json);
  if (!parsed.success) {
    throw new ManifestError(parsed.error.issues.map((issue) => `${file}: ${issue.path.map(String).join('.')}: ${issue.message}`));
  }
  const problems = parsed.data.operations
    .filter((operation) => sha256Hex(operation.body) !== operation.id)
    .map((operation) => `${file}: ${operation.name}: id is not the sha256 of its body`);
  if (problems.length > 0) throw new ManifestError(problems);
  return parsed.data as Manifest;
}

export class ManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`Trusted documents:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}

/** Every `Type.field` an operation (and the fragments it spreads) selects, introspection and __typename aside. */
export function fieldCoordinatesOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value.startsWith('__')) return;
        coordinates.add(`${getNamedType(parent).name}.${node.name.value}`);
      },
    }),
  );
  return [...coordinates].sort();
}

/** A requirement in one line: alternatives by " | ", the rights each needs by " & ". */
export function requirementText(requirement: RightsRequirement | null): string {
  if (requirement === null) return 'no personal data';
  if (requirement.length === 0) return 'nobody (unclassified)';
  return requirement.map((all) => all.join(' & ')).join(' | ');
}

export interface DocumentAnalysis {
  fields: Record<string, string>;
  roles: string[];
  /** Fields whose requirement no role of the rights file meets: a shipped operation must have none. */
  ungrantable: string[];
}

/** What `document` needs of a caller, field by field, and which roles have it. */
export function analyseDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  rules: AuthorizationRules,
  rights: RightsPolicy,
): DocumentAnalysis {
  const fields: Record<string, string> = {};
  const ungrantable: string[] = [];
  const roles = [...rights.roles.entries()];
  const rolesAllowing = new Set(roles.map(([name]) => name));
  for (const coordinate of fieldCoordinatesOf(schema, document)) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    fields[coordinate] = requirementText(rules.requirementOf(typeName, fieldName));
    let grantedBySomeRole = false;
    for (const [name, role] of roles) {
      if (rules.allows(typeName, fieldName, new Set(role.rights))) grantedBySomeRole = true;
      else rolesAllowing.delete(name);
    }
    if (!grantedBySomeRole) ungrantable.push(coordinate);
  }
  return { fields, roles: [...rolesAllowing].sort(), ungrantable };
}

/**
 * The manifest of the shipped operations: each validated against the API schema and analysed.
 * Problems (a document that does not validate, a field no role may read) are thrown together.
 */
export function buildManifest(
  operations: readonly ExampleOperation[],
  schema: GraphQLSchema,
  rules: AuthorizationRules,
  rights: RightsPolicy,
): Manifest {
  const problems: string[] = [];
  const entries: TrustedDocument[] = [];
  for (const { name, document: body } of operations) {
    const document = parse(body);
    const errors = validate(schema, document);
    if (errors.length > 0) {
      problems.push(...errors.map((error) => `${name}: ${error.message}`));
      continue;
    }
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    const analysis = analyseDocument(schema, document, rules, rights);
    for (const coordinate of analysis.ungrantable) {
      problems.push(
        `${name}: ${coordinate} needs ${rules.describe(...(coordinate.split('.') as [string, string]))}, which no role of the rights file grants`,
      );
    }
    entries.push({ id: sha256Hex(body), name, type: operation.operation, body, fields: analysis.fields, roles: analysis.roles });
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return { format: MANIFEST_FORMAT, version: 1, operations: entries.sort((a, b) => a.name.localeCompare(b.name)) };
}

export const formatManifest = (manifest: Manifest): string => `${JSON.stringify(manifest, null, 2)}\n`;

/** The manifest the shipped operations make, from the files the gateway reads them from. */
export function manifestOfShippedOperations(sources: {
  operations: readonly ExampleOperation[];
  supergraphSdl: string;
  rules: AuthorizationRules;
  rights: RightsPolicy;
}): Manifest {
  const schema = Supergraph.build(sources.supergraphSdl).apiSchema().toGraphQLJSSchema();
  return buildManifest(sources.operations, schema, sources.rules, sources.rights);
}
