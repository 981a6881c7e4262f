/**
 * Which changes to the client-facing schema break the operations casegraph ships.
 *
 * The old and the new supergraph are each reduced to their API schema (what the gateway serves:
 * no join__/link__ machinery, no @inaccessible elements) and compared with
 * @graphql-inspector/core. Each shipped operation (gateway/operations/, the operations the case
 * management frontends run) is walked against the OLD API schema to collect the schema
 * coordinates it touches; a breaking change that touches one of them breaks that operation.
 * Coordinates are spelled as inspector spells a change's path: `Type`, `Type.field`,
 * `Type.field.arg`, `Input.field`, `Enum.VALUE`, `@directive`, `@directive.arg`.
 *
 * Everything here is pure: compose.ts reads the files and decides what to write.
 */
import { Supergraph } from '@apollo/federation-internals';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  Kind,
  parse,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutableDefinitionNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationTypeNode,
} from 'graphql';
import { z } from 'zod';

/** An operation as shipped: its file (for messages) and its text. */
export interface ShippedOperation {
  file: string;
  source: string;
}

/** One entry of schema/acknowledged-breaking-changes.json. */
export interface AcknowledgedBreakingChange {
  /** The change's coordinate as the report prints it, e.g. `Applicant.police`. */
  coordinate: string;
  /** Inspector's change type, e.g. `FIELD_REMOVED`. */
  change: string;
  /** Why breaking the shipped operations is acceptable (and who updates the frontends). */
  reason: string;
  /** YYYY-MM-DD. */
  acknowledgedOn: string;
}

export interface SchemaChange {
  /** Inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  coordinate: string;
  /** Inspector's description of the change in words. */
  message: string;
}

export interface BreakingChange extends SchemaChange {
  /** Names of the shipped operations the change breaks, sorted; empty when none. */
  operations: string[];
}

export interface AcknowledgedChange extends BreakingChange {
  acknowledgement: AcknowledgedBreakingChange;
}

export interface SchemaChangeReport {
  /** Breaking changes that break a shipped operation and are not acknowledged: compose refuses these. */
  breakingUsed: BreakingChange[];
  /** Breaking changes no shipped operation touches: a client outside this repository may still break. */
  breakingUnused: BreakingChange[];
  /** Breaking changes an entry of the acknowledgement file covers (used by an operation or not). */
  acknowledged: AcknowledgedChange[];
  dangerous: SchemaChange[];
  safe: SchemaChange[];
  /** Acknowledgements that match no breaking change of this comparison. */
  staleAcknowledgements: AcknowledgedBreakingChange[];
}

const acknowledgementSchema = z.array(
  z
    .object({
      coordinate: z.string().min(1),
      // Zod's own message would list all ninety-odd change types.
      change: z.enum(Object.values(ChangeType), {
        error: 'not a change type of @graphql-inspector/core: copy it from the [TYPE coordinate] that compose prints',
      }),
      reason: z.string().trim().min(1, 'say why breaking the shipped operations is acceptable'),
      acknowledgedOn: z.iso.date(),
    })
    .strict(),
);

/** Parses and checks the acknowledgement file's text; throws with every problem listed. */
export function parseAcknowledgedBreakingChanges(json: string): AcknowledgedBreakingChange[] {
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch (error) {
    throw new Error(`Invalid acknowledged breaking changes: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const result = acknowledgementSchema.safeParse(entries);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - [${issue.path.join('.')}] ${issue.message}`);
    throw new Error(`Invalid acknowledged breaking changes:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** The client-facing schema of a supergraph, as the gateway derives it. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * The coordinates each operation of a document touches in `schema`, by operation name (the file
 * name stands in for an anonymous operation). Fragments count for every operation that spreads
 * them. What `schema` does not know is left out: an operation written for a new field touches
 * nothing of the old schema there.
 */
export function coordinatesUsedByOperations(schema: GraphQLSchema, document: DocumentNode, file: string): Map<string, Set<string>> {
  const usedByDefinition = new Map<ExecutableDefinitionNode, { coordinates: Set<string>; spreads: Set<string> }>();
  const fragments = new Map<string, ExecutableDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.FRAGMENT_DEFINITION || definition.kind === Kind.OPERATION_DEFINITION) {
      usedByDefinition.set(definition, coordinatesUsedByDefinition(schema, definition));
    }
  }

  const operations = new Map<string, Set<string>>();
  for (const [definition, used] of usedByDefinition) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const coordinates = new Set(used.coordinates);
    const pending = [...used.spreads];
    const seen = new Set<string>();
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      const fragment = fragments.get(name);
      if (seen.has(name) || !fragment) continue;
      seen.add(name);
      const fragmentUse = usedByDefinition.get(fragment);
      fragmentUse?.coordinates.forEach((coordinate) => coordinates.add(coordinate));
      pending.push(...(fragmentUse?.spreads ?? []));
    }
    operations.set(definition.name?.value ?? file, coordinates);
  }
  return operations;
}

function coordinatesUsedByDefinition(
  schema: GraphQLSchema,
  definition: ExecutableDefinitionNode,
): { coordinates: Set<string>; spreads: Set<string> } {
  const coordinates = new Set<string>();
  const spreads = new Set<string>();
  const addType = (type: GraphQLType | null | undefined) => {
    if (type) coordinates.add(getNamedType(type).name);
  };
  const typeInfo = new TypeInfo(schema);

  visit(
    definition,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        coordinates.add(rootCoordinate(node.operation));
      },
      VariableDefinition(node) {
        // The frontend may send any value the variable's type admits, not only the default: every
        // field of an input object and every value of an enum it reaches is in use.
        const type = typeFromAST(schema, node.type);
        if (type) addInputTypeAdmittedByVariable(getNamedType(type), coordinates);
      },
      FragmentDefinition(node) {
        if (schema.getType(node.typeCondition.name.value)) coordinates.add(node.typeCondition.name.value);
      },
      InlineFragment(node) {
        if (node.typeCondition && schema.getType(node.typeCondition.name.value)) coordinates.add(node.typeCondition.name.value);
      },
      FragmentSpread(node) {
        spreads.add(node.name.value);
      },
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || field.name.startsWith('__')) return;
        coordinates.add(parent.name);
        coordinates.add(`${parent.name}.${field.name}`);
        addType(field.type);
      },
      Directive() {
        const directive = typeInfo.getDirective();
        if (directive) coordinates.add(`@${directive.name}`);
      },
      Argument() {
        const argument = typeInfo.getArgument();
        if (!argument) return;
        // A directive's arguments are visited while the field it sits on is still current: ask
        // for the directive first.
        const directive = typeInfo.getDirective();
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (directive) coordinates.add(`@${directive.name}.${argument.name}`);
        else if (parent && field) coordinates.add(`${parent.name}.${field.name}.${argument.name}`);
        addType(argument.type);
      },
      ObjectField(node) {
        // TypeInfo has already stepped into the field: the object literal's type is the parent.
        const objectType = typeInfo.getParentInputType();
        const inputObject = objectType ? getNamedType(objectType) : undefined;
        if (!isInputObjectType(inputObject) || !inputObject.getFields()[node.name.value]) return;
        coordinates.add(inputObject.name);
        coordinates.add(`${inputObject.name}.${node.name.value}`);
        addType(typeInfo.getInputType());
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        const enumType = type ? getNamedType(type) : undefined;
        if (isEnumType(enumType) && enumType.getValue(node.value)) coordinates.add(`${enumType.name}.${node.value}`);
      },
    }),
  );
  return { coordinates, spreads };
}

function addInputTypeAdmittedByVariable(type: GraphQLNamedType, coordinates: Set<string>, expanded = new Set<string>()): void {
  coordinates.add(type.name);
  // Input objects may refer to themselves.
  if (expanded.has(type.name)) return;
  expanded.add(type.name);
  if (isEnumType(type)) {
    for (const value of type.getValues()) coordinates.add(`${type.name}.${value.name}`);
  } else if (isInputObjectType(type)) {
    for (const field of Object.values(type.getFields())) {
      coordinates.add(`${type.name}.${field.name}`);
      addInputTypeAdmittedByVariable(getNamedType(field.type), coordinates, expanded);
    }
  }
}

/**
 * Inspector gives a root-type change no path; every operation of that kind touches the
 * coordinate it is reported under instead.
 */
function rootCoordinate(operation: `${OperationTypeNode}`): string {
  return `schema.${operation}`;
}

const ROOT_COORDINATES: Partial<Record<string, string>> = {
  [ChangeType.SchemaQueryTypeChanged]: rootCoordinate('query'),
  [ChangeType.SchemaMutationTypeChanged]: rootCoordinate('mutation'),
  [ChangeType.SchemaSubscriptionTypeChanged]: rootCoordinate('subscription'),
};

/** The coordinate a change is reported and acknowledged under. */
export function coordinateOf(change: Change): string {
  return change.path ?? ROOT_COORDINATES[change.type] ?? change.type;
}

/**
 * The coordinates an operation must touch for a breaking change to break it. Mostly the change's
 * own coordinate; but a new required argument (or input field) breaks every operation that uses
 * the field (or input type) without passing it, and an argument or input field that becomes
 * required breaks those that leave it out.
 */
function coordinatesBrokenBy(change: Change, newSchema: GraphQLSchema): string[] {
  const coordinate = coordinateOf(change);
  const parent = coordinate.slice(0, coordinate.lastIndexOf('.'));
  switch (change.type) {
    case ChangeType.FieldArgumentAdded:
    case ChangeType.InputFieldAdded:
    case ChangeType.DirectiveArgumentAdded:
      return [parent];
    case ChangeType.FieldArgumentTypeChanged:
    case ChangeType.InputFieldTypeChanged:
      return isRequired(inputValueAt(newSchema, coordinate)) ? [parent] : [coordinate];
    default:
      return [coordinate];
  }
}

/** The argument (`Type.field.arg`) or input field (`Input.field`) at a coordinate of `schema`. */
function inputValueAt(schema: GraphQLSchema, coordinate: string): GraphQLArgument | GraphQLInputField | undefined {
  const [typeName = '', fieldName = '', argumentName] = coordinate.split('.');
  const type = schema.getType(typeName);
  if (isInputObjectType(type)) return type.getFields()[fieldName];
  if (!type || !('getFields' in type) || argumentName === undefined) return undefined;
  return type.getFields()[fieldName]?.args.find((argument) => argument.name === argumentName);
}

function isRequired(value: GraphQLArgument | GraphQLInputField | undefined): boolean {
  return value !== undefined && isNonNullType(value.type) && value.defaultValue === undefined;
}

function parseOperation(operation: ShippedOperation): DocumentNode {
  try {
    return parse(operation.source);
  } catch (error) {
    throw new Error(`${operation.file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function apiSchemaOfOrExplain(supergraphSdl: string, which: 'old' | 'new'): GraphQLSchema {
  try {
    return apiSchemaOf(supergraphSdl);
  } catch (error) {
    // A merge conflict in the checked-in file ends up here: say which side cannot be read.
    throw new Error(`The ${which} supergraph is not a valid supergraph: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/**
 * Compares two supergraphs' API schemas and sorts every change: breaking changes that break a
 * shipped operation (unless acknowledged), breaking changes no shipped operation touches,
 * acknowledged breaking changes, dangerous and safe changes, and acknowledgements that match no
 * breaking change. An operation that does not parse throws, naming its file.
 */
export async function findBreakingChanges(
  oldSupergraphSdl: string,
  newSupergraphSdl: string,
  operations: readonly ShippedOperation[],
  acknowledgements: readonly AcknowledgedBreakingChange[],
): Promise<SchemaChangeReport> {
  const oldSchema = apiSchemaOfOrExplain(oldSupergraphSdl, 'old');
  const newSchema = apiSchemaOfOrExplain(newSupergraphSdl, 'new');
  const usage = new Map<string, Set<string>>();
  for (const operation of operations) {
    for (const [name, coordinates] of coordinatesUsedByOperations(oldSchema, parseOperation(operation), operation.file)) {
      // Two files may name an operation alike; either one breaking is the operation breaking.
      usage.set(name, new Set([...(usage.get(name) ?? []), ...coordinates]));
    }
  }

  const report: SchemaChangeReport = {
    breakingUsed: [],
    breakingUnused: [],
    acknowledged: [],
    dangerous: [],
    safe: [],
    staleAcknowledgements: [],
  };
  const matched = new Set<AcknowledgedBreakingChange>();
  for (const change of await diff(oldSchema, newSchema)) {
    const described: SchemaChange = { type: change.type, coordinate: coordinateOf(change), message: change.message };
    if (change.criticality.level === CriticalityLevel.Dangerous) {
      report.dangerous.push(described);
      continue;
    }
    if (change.criticality.level !== CriticalityLevel.Breaking) {
      report.safe.push(described);
      continue;
    }
    const broken = coordinatesBrokenBy(change, newSchema);
    const affected = [...usage]
      .filter(([, coordinates]) => broken.some((coordinate) => coordinates.has(coordinate)))
      .map(([name]) => name)
      .sort();
    const breaking: BreakingChange = { ...described, operations: affected };
    const acknowledgement = acknowledgements.find((entry) => entry.coordinate === breaking.coordinate && entry.change === breaking.type);
    if (acknowledgement) {
      matched.add(acknowledgement);
      report.acknowledged.push({ ...breaking, acknowledgement });
    } else if (affected.length > 0) {
      report.breakingUsed.push(breaking);
    } else {
      report.breakingUnused.push(breaking);
    }
  }
  report.staleAcknowledgements = acknowledgements.filter((entry) => !matched.has(entry));
  return report;
}

/** The report in words, one group per heading; empty groups are left out. */
export function formatSchemaChangeReport(report: SchemaChangeReport): string {
  const lines: string[] = [];
  const describe = (change: SchemaChange) => `  - ${change.message}  [${change.type} ${change.coordinate}]`;
  const group = <T extends SchemaChange>(heading: string, changes: T[], details: (change: T) => string[] = () => []) => {
    if (changes.length === 0) return;
    lines.push(`${heading} (${changes.length}):`);
    for (const change of changes) lines.push(describe(change), ...details(change).map((detail) => `      ${detail}`));
  };

  group('BREAKING, breaks shipped operations', report.breakingUsed, (change) => [`breaks: ${change.operations.join(', ')}`]);
  group('Breaking, but no shipped operation uses it (warning: clients outside this repository may break)', report.breakingUnused);
  group('Breaking, acknowledged', report.acknowledged, (change) => [
    ...(change.operations.length > 0 ? [`breaks: ${change.operations.join(', ')}`] : []),
    `acknowledged on ${change.acknowledgement.acknowledgedOn}: ${change.acknowledgement.reason}`,
  ]);
  group('Dangerous', report.dangerous);
  group('Safe', report.safe);
  if (lines.length === 0) lines.push('No changes to the API schema.');
  for (const entry of report.staleAcknowledgements) {
    lines.push(
      `Note: the acknowledgement of ${entry.change} ${entry.coordinate} (${entry.acknowledgedOn}) matches no breaking change: ` +
        'once the supergraph it was for is checked in, remove it from schema/acknowledged-breaking-changes.json.',
    );
  }
  return `${lines.join('\n')}\n`;
}
