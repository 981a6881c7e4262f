/**
 * Field authorization before planning: the fields of an operation the caller may not read are
 * removed from it, so no subgraph and no registry is ever asked for them, and the answer carries
 * null at their place with an UNAUTHORIZED_FIELD_OR_TYPE error at their path.
 *
 * The filtered document inlines every fragment (a named fragment may be spread where its removed
 * fields sit at different paths), keeps the operation's directives (@fresh), and drops variable
 * definitions only removed fields used. A selection left empty keeps its place with a `__typename`
 * under a reserved alias, stripped from the answer, so the caller sees the object it may read
 * without the fields it may not. When nothing of the operation is left, the operation is refused.
 *
 * Where the null goes: a removed nullable field is null itself; a removed non-null field makes its
 * nearest nullable ancestor null, as GraphQL's own error propagation would. Paths use the response
 * keys (aliases) and "@" for the items of a list, as Apollo Router does for removed fields.
 *
 * Entity keys the planner needs for joins are not affected: the planner adds them to subgraph
 * fetches itself, whatever the client selected.
 */
import { createHash } from 'node:crypto';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { AuthorizationRules } from '../../platform/authorization/rules.js';

/** The alias of the `__typename` that keeps an emptied selection valid; never reaches a client. */
export const PLACEHOLDER_ALIAS = '__casegraph_kept';

/** A response path: response keys, and "@" for every item of a list. */
export type ResponsePath = readonly string[];

export interface RemovedField {
  path: ResponsePath;
  /** Type.field */
  coordinate: string;
  /** What reading it needs, in words. */
  needs: string;
}

export interface FilteredOperation {
  /** What to plan and run; null when nothing the caller may read is left of the operation. */
  document: DocumentNode | null;
  /** The query-plan cache key of `document`: plans are shared only by callers who see the same operation. */
  queryHash: string;
  removed: RemovedField[];
  /** Where to put null in the answer, shallowest first. */
  nullPaths: ResponsePath[];
  /** Whether an emptied selection kept its place with the placeholder (so the answer must be cleaned). */
  hasPlaceholders: boolean;
  /** A removed non-null field makes the whole answer null: nothing needs to run at all. */
  nullsEverything: boolean;
}

interface Position {
  path: ResponsePath;
  nullable: boolean;
}

const SCHEMA_RIGHT = 'schema:read';

class Filter {
  readonly removed: RemovedField[] = [];
  readonly nullPaths = new Map<string, ResponsePath>();
  hasPlaceholders = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: AuthorizationRules,
    private readonly rights: ReadonlySet<string>,
    private readonly rightsKey: string,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ) {}

  selections(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, positions: readonly Position[]): SelectionNode[] {
    const kept: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = this.field(selection, parentType, positions);
        if (field) kept.push(field);
        continue;
      }
      const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? this.fragments.get(selection.name.value) : selection;
      if (!fragment) continue; // validation has already refused an unknown fragment
      const conditionType = fragment.typeCondition ? this.schema.getType(fragment.typeCondition.name.value) : parentType;
      if (!conditionType || !isCompositeType(conditionType)) continue;
      const inner = this.selections(fragment.selectionSet, conditionType, positions);
      if (inner.length === 0) continue;
      kept.push({
        kind: Kind.INLINE_FRAGMENT,
        ...(fragment.typeCondition ? { typeCondition: fragment.typeCondition } : {}),
        directives: selection.directives ?? [],
        selectionSet: { kind: Kind.SELECTION_SET, selections: inner },
      });
    }
    return kept;
  }

  private field(node: FieldNode, parentType: GraphQLCompositeType, positions: readonly Position[]): FieldNode | null {
    const name = node.name.value;
    if (name === '__typename') return node;
    const responseKey = node.alias?.value ?? name;
    const parent = positions[positions.length - 1]!;
    const path = [...parent.path, responseKey];
    if (name === '__schema' || name === '__type') {
      if (this.rights.has(SCHEMA_RIGHT)) return node.selectionSet ? { ...node, selectionSet: this.inlined(node.selectionSet) } : node;
      this.remove(path, `${parentType.name}.${name}`, SCHEMA_RIGHT, true, positions);
      return null;
    }
    const definition = 'getFields' in parentType ? parentType.getFields()[name] : undefined;
    if (!definition) return node; // validation has already refused an unknown field
    if (!this.allows(parentType, name)) {
      this.remove(
        path,
        `${parentType.name}.${name}`,
        this.rules.describe(parentType.name, name, this.rights),
        !isNonNullType(definition.type),
        positions,
      );
      return null;
    }
    if (!node.selectionSet) return node;
    const childPositions = [...positions, ...this.positionsOf(definition.type, path)];
    const namedType = getNamedType(definition.type);
    if (!isCompositeType(namedType)) return node;
    let selections = this.selections(node.selectionSet, namedType, childPositions);
    if (selections.length === 0) selections = [this.placeholder()];
    return { ...node, selectionSet: { kind: Kind.SELECTION_SET, selections } };
  }

  /** What keeps an emptied selection valid: `__typename` under a reserved alias, stripped from the answer. */
  placeholder(): FieldNode {
    this.hasPlaceholders = true;
    return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER_ALIAS }, name: { kind: Kind.NAME, value: '__typename' } };
  }

  /** A selection set with its fragment spreads inlined and nothing removed: for introspection, whose types carry no classification. */
  private inlined(selectionSet: SelectionSetNode): SelectionSetNode {
    return {
      kind: Kind.SELECTION_SET,
      selections: selectionSet.selections.map((selection): SelectionNode => {
        if (selection.kind === Kind.FIELD)
          return selection.selectionSet ? { ...selection, selectionSet: this.inlined(selection.selectionSet) } : selection;
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? this.fragments.get(selection.name.value) : selection;
        return {
          kind: Kind.INLINE_FRAGMENT,
          ...(fragment?.typeCondition ? { typeCondition: fragment.typeCondition } : {}),
          directives: selection.directives ?? [],
          selectionSet: fragment ? this.inlined(fragment.selectionSet) : { kind: Kind.SELECTION_SET, selections: [] },
        };
      }),
    };
  }

  /** On an interface or union, a field is readable only if it is on the abstract type and on every type it may be. */
  private allows(parentType: GraphQLCompositeType, fieldName: string): boolean {
    if (!this.rules.allows(parentType.name, fieldName, this.rights, this.rightsKey)) return false;
    if (!isAbstractType(parentType)) return true;
    return this.schema.getPossibleTypes(parentType).every((type) => this.rules.allows(type.name, fieldName, this.rights, this.rightsKey));
  }

  /** The positions a field's value occupies: the field itself, then "@" for each list level. */
  private positionsOf(type: GraphQLOutputType, path: ResponsePath): Position[] {
    const positions: Position[] = [];
    let current: GraphQLOutputType = type;
    let currentPath = path;
    for (;;) {
      const nullable = !isNonNullType(current);
      const inner = isNonNullType(current) ? current.ofType : current;
      positions.push({ path: currentPath, nullable });
      if (!isListType(inner)) return positions;
      current = inner.ofType;
      currentPath = [...currentPath, '@'];
    }
  }

  private remove(path: ResponsePath, coordinate: string, needs: string, nullable: boolean, positions: readonly Position[]): void {
    this.removed.push({ path, coordinate, needs });
    let target: ResponsePath = path;
    if (!nullable) {
      // The nearest nullable position above; the root (data itself) when there is none.
      target = [...positions].reverse().find((position) => position.nullable)?.path ?? [];
    }
    this.nullPaths.set(target.join('\u0000'), target);
  }
}

function hashOf(document: DocumentNode): string {
  return createHash('sha256').update(print(document)).digest('hex');
}

/**
 * The operation `operationName` of `document` (already validated against `schema`) as a caller
 * holding `rights` may run it.
 */
export function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rules: AuthorizationRules,
  rights: ReadonlySet<string>,
): FilteredOperation {
  const rightsKey = [...rights].sort().join(',');
  const fragments = new Map(
    document.definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { document: null, queryHash: '', removed: [], nullPaths: [], hasPlaceholders: false, nullsEverything: false };
  const filter = new Filter(schema, rules, rights, rightsKey, fragments);
  let root = filter.selections(operation.selectionSet, rootType, [{ path: [], nullable: true }]);
  const nullPaths = [...filter.nullPaths.values()].sort((a, b) => a.length - b.length);
  // A field a removal makes null is not fetched either: no subgraph or registry is asked for what
  // the answer would throw away (a removed field's own place is already gone).
  const removedPaths = new Set(filter.removed.map((removed) => removed.path.join('\u0000')));
  for (const path of nullPaths) {
    if (path.length > 0 && !removedPaths.has(path.join('\u0000')))
      root = pruned(
        root,
        path.filter((segment) => segment !== '@'),
        filter,
      );
  }
  const nullsEverything = nullPaths.some((path) => path.length === 0);
  const nothingLeft =
    root.length === 0 || root.every((selection) => selection.kind === Kind.FIELD && selection.name.value === '__typename');
  if (filter.removed.length > 0 && nothingLeft) {
    return { document: null, queryHash: '', removed: filter.removed, nullPaths, hasPlaceholders: false, nullsEverything };
  }
  if (filter.removed.length === 0 && fragments.size === 0 && document.definitions.length === 1) {
    // Nothing to change: plan the document as it came.
    return { document, queryHash: hashOf(document), removed: [], nullPaths: [], hasPlaceholders: false, nullsEverything: false };
  }
  const filtered: OperationDefinitionNode = { ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: root } };
  const used = new Set<string>();
  visit(filtered.selectionSet, {
    Variable(node) {
      used.add(node.name.value);
    },
  });
  for (const directive of filtered.directives ?? []) visit(directive, { Variable: (node) => void used.add(node.name.value) });
  const withUsedVariables: OperationDefinitionNode = {
    ...filtered,
    variableDefinitions: (filtered.variableDefinitions ?? []).filter((definition) => used.has(definition.variable.name.value)),
  };
  const result: DocumentNode = { kind: Kind.DOCUMENT, definitions: [withUsedVariables] };
  return {
    document: result,
    queryHash: hashOf(result),
    removed: filter.removed,
    nullPaths,
    hasPlaceholders: filter.hasPlaceholders,
    nullsEverything,
  };
}

/** `selections` without the field at `keys` (response keys, lists left out), in every fragment that holds it. */
function pruned(selections: readonly SelectionNode[], keys: readonly string[], filter: Filter): SelectionNode[] {
  const [head, ...rest] = keys;
  return selections.flatMap((selection): SelectionNode[] => {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = pruned(selection.selectionSet.selections, keys, filter);
      return inner.length > 0 ? [{ ...selection, selectionSet: { kind: Kind.SELECTION_SET, selections: inner } }] : [];
    }
    if (selection.kind !== Kind.FIELD || (selection.alias?.value ?? selection.name.value) !== head) return [selection];
    if (rest.length === 0 || !selection.selectionSet) return [];
    let inner = pruned(selection.selectionSet.selections, rest, filter);
    if (inner.length === 0) inner = [filter.placeholder()];
    return [{ ...selection, selectionSet: { kind: Kind.SELECTION_SET, selections: inner } }];
  });
}

/** Puts null at each of `nullPaths` in `data` and strips placeholders; returns the new data (null when the root is). */
export function applyRemovals(
  data: Record<string, unknown> | null | undefined,
  filtered: FilteredOperation,
): Record<string, unknown> | null | undefined {
  if (data === null || data === undefined) return data;
  for (const path of filtered.nullPaths) {
    if (path.length === 0) return null;
    setNullAt(data, path, 0);
  }
  if (filtered.hasPlaceholders) stripPlaceholders(data);
  return data;
}

function setNullAt(value: unknown, path: ResponsePath, index: number): void {
  if (value === null || typeof value !== 'object') return;
  const segment = path[index]!;
  if (segment === '@') {
    if (!Array.isArray(value)) return;
    if (index === path.length - 1) value.fill(null);
    else for (const item of value) setNullAt(item, path, index + 1);
    return;
  }
  const object = value as Record<string, unknown>;
  if (index === path.length - 1) {
    object[segment] = null;
    return;
  }
  setNullAt(object[segment], path, index + 1);
}

function stripPlaceholders(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripPlaceholders(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  delete object[PLACEHOLDER_ALIAS];
  for (const child of Object.values(object)) stripPlaceholders(child);
}
