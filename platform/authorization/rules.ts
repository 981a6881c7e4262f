/**
 * Who may read which field, as the SDL declares it (contracts/rights.ts, AUTHORIZATION_DIRECTIVES):
 * read once from a schema document (the supergraph at the gateway, a subgraph's own SDL in each
 * subgraph), then asked per field.
 *
 * Deny by default: a field is readable only when it is classified, on itself or on its type, and
 * the caller satisfies every classification that applies (the type's and the field's). A field
 * nobody classified is refused to everyone, and `unclassifiedFields` lists them so a test can fail
 * on the next one somebody adds.
 */
import { Kind, type DirectiveNode, type ValueNode, type DocumentNode, type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import { AUTHORIZATION_DIRECTIVES, isRight, type Right } from '../../contracts/rights.js';

/** Any one of the inner lists, each of whose rights the caller must hold (an OR of ANDs). */
export type RightsRequirement = readonly (readonly Right[])[];

/** A classification: the rights it needs, or null for "no personal data" (any authenticated caller). */
type Classification = RightsRequirement | null;

export class UnknownRightsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Unknown rights in the schema's authorization directives:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'UnknownRightsError';
  }
}

function satisfies(requirement: Classification, rights: ReadonlySet<string>): boolean {
  return requirement === null || requirement.some((all) => all.every((right) => rights.has(right)));
}

function describeRequirement(requirement: Classification): string {
  if (requirement === null) return 'any authenticated caller';
  return requirement.map((all) => (all.length === 0 ? 'nothing' : all.join(' and '))).join(', or ');
}

/** Object and interface types, and their extensions: the types whose fields can be classified. */
const CLASSIFIABLE_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_EXTENSION,
]);

export class AuthorizationRules {
  private readonly byType = new Map<string, Classification[]>();
  private readonly byField = new Map<string, Classification[]>();
  /** Memo of `allows` per field and rights set: decisions are asked per field per (new) operation. */
  private readonly decisions = new Map<string, boolean>();

  /** Reads every @requiresRights and @notPersonalData of `document`; unknown right names throw UnknownRightsError. */
  constructor(document: DocumentNode) {
    const problems: string[] = [];
    for (const definition of document.definitions) {
      if (!CLASSIFIABLE_KINDS.has(definition.kind) || !('fields' in definition)) continue;
      const typeName = definition.name.value;
      for (const classification of this.classificationsOf(definition.directives, typeName, problems)) {
        this.add(this.byType, typeName, classification);
      }
      for (const field of definition.fields ?? []) {
        const coordinate = `${typeName}.${field.name.value}`;
        for (const classification of this.classificationsOf(field.directives, coordinate, problems)) {
          this.add(this.byField, coordinate, classification);
        }
      }
    }
    if (problems.length > 0) throw new UnknownRightsError(problems);
  }

  /** Whether a caller holding `rights` may read `typeName.fieldName`. */
  allows(typeName: string, fieldName: string, rights: ReadonlySet<string>, rightsKey = [...rights].sort().join(',')): boolean {
    const memoKey = `${typeName}.${fieldName}|${rightsKey}`;
    let decision = this.decisions.get(memoKey);
    if (decision === undefined) {
      const applying = this.classificationsFor(typeName, fieldName);
      decision = applying.length > 0 && applying.every((classification) => satisfies(classification, rights));
      if (this.decisions.size > 100_000) this.decisions.clear();
      this.decisions.set(memoKey, decision);
    }
    return decision;
  }

  /**
   * What reading a field needs, as one requirement (the type's and the field's classifications
   * combined): null when it holds no personal data, [] when nobody may read it (unclassified).
   */
  requirementOf(typeName: string, fieldName: string): RightsRequirement | null {
    const applying = this.classificationsFor(typeName, fieldName);
    if (applying.length === 0) return [];
    const requirements = applying.filter((classification): classification is RightsRequirement => classification !== null);
    if (requirements.length === 0) return null;
    // Every requirement must hold: the OR of ANDs of their product.
    return requirements.reduce<Right[][]>(
      (product, requirement) => product.flatMap((all) => requirement.map((alternative) => [...new Set([...all, ...alternative])].sort())),
      [[]],
    );
  }

  isClassified(typeName: string, fieldName: string): boolean {
    return this.classificationsFor(typeName, fieldName).length > 0;
  }

  /** What reading a field needs that `rights` lacks, in words, for error messages: "police:read". */
  describe(typeName: string, fieldName: string, rights: ReadonlySet<string> = new Set()): string {
    const applying = this.classificationsFor(typeName, fieldName);
    if (applying.length === 0) return 'a classification nobody has given it';
    const unmet = applying.filter((classification) => !satisfies(classification, rights));
    return (unmet.length > 0 ? unmet : applying).map(describeRequirement).join('; and ');
  }

  /**
   * The fields of `schema`'s object and interface types that nobody classified, as `Type.field`.
   * Introspection types and the types `ignoreType` names (federation's own) are left out.
   */
  unclassifiedFields(schema: GraphQLSchema, ignoreType: (name: string) => boolean = () => false): string[] {
    const unclassified: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ignoreType(type.name)) continue;
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const fieldName of Object.keys(type.getFields())) {
        if (!this.isClassified(type.name, fieldName)) unclassified.push(`${type.name}.${fieldName}`);
      }
    }
    return unclassified.sort();
  }

  private classificationsFor(typeName: string, fieldName: string): Classification[] {
    return [...(this.byType.get(typeName) ?? []), ...(this.byField.get(`${typeName}.${fieldName}`) ?? [])];
  }

  private add(map: Map<string, Classification[]>, key: string, classification: Classification): void {
    const list = map.get(key);
    if (list) list.push(classification);
    else map.set(key, [classification]);
  }

  private classificationsOf(directives: readonly DirectiveNode[] | undefined, where: string, problems: string[]): Classification[] {
    const found: Classification[] = [];
    for (const directive of directives ?? []) {
      if (directive.name.value === AUTHORIZATION_DIRECTIVES.notPersonalData) {
        found.push(null);
      } else if (directive.name.value === AUTHORIZATION_DIRECTIVES.requiresRights) {
        const argument = directive.arguments?.find((candidate) => candidate.name.value === 'rights');
        found.push(this.parseRequirement(argument?.value, where, problems));
      }
    }
    return found;
  }

  private parseRequirement(value: ValueNode | undefined, where: string, problems: string[]): RightsRequirement {
    const lists = value?.kind === Kind.LIST ? value.values : [];
    if (lists.length === 0) problems.push(`${where}: @${AUTHORIZATION_DIRECTIVES.requiresRights} needs at least one list of rights`);
    return lists.map((list) => {
      const names = list.kind === Kind.LIST ? list.values : [list];
      return names.flatMap((name) => {
        const right = name.kind === Kind.STRING ? name.value : undefined;
        if (isRight(right)) return [right];
        problems.push(`${where}: ${right === undefined ? 'a right must be a string' : `unknown right "${right}"`}`);
        return [];
      });
    });
  }
}
