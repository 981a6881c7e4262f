/**
 * The operation filter on a small schema of its own, where every case is easy to see: what is
 * removed and where its error points, where null goes (and that what it throws away is not
 * fetched), fragments, aliases, lists, emptied selections, introspection and variables.
 */
import { buildSchema, Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AuthorizationRules } from '../../platform/authorization/rules.js';
import { applyRemovals, filterOperation, PLACEHOLDER_ALIAS } from './operation-filter.js';

const SDL = `
  directive @requiresRights(rights: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  directive @notPersonalData on FIELD_DEFINITION | OBJECT
  type Query {
    case(id: ID!): Case @requiresRights(rights: [["case:read"]])
    cases: [Case!]! @requiresRights(rights: [["case:read"]])
  }
  type Case @requiresRights(rights: [["case:read"]]) {
    id: ID!
    person: Person
    "Nullable, with a non-null field inside that needs more."
    record: Record
    "The same, non-null."
    file: Record!
  }
  type Person @requiresRights(rights: [["case:read"]]) {
    name: String!
    police: String @requiresRights(rights: [["police:read"]])
  }
  type Record @requiresRights(rights: [["case:read"]]) {
    summary: String
    secret: String! @requiresRights(rights: [["police:read"]])
  }
`;

const schema = buildSchema(SDL);
const rules = new AuthorizationRules(parse(SDL));
const CASE_WORKER = new Set(['case:read']);
const SENIOR = new Set(['case:read', 'police:read']);

function filter(query: string, rights: ReadonlySet<string>) {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return filterOperation(schema, document, operation, rules, rights);
}

const compact = (query: string) => print(parse(query));

describe('filterOperation', () => {
  it('leaves an operation the caller may read wholly as it is', () => {
    const query = '{ case(id: "1") { id person { name police } } }';
    const filtered = filter(query, SENIOR);
    expect(filtered.removed).toEqual([]);
    expect(print(filtered.document!)).toBe(compact(query));
  });

  it('removes a nullable field the caller may not read, and says where null goes and what it needs', () => {
    const filtered = filter('{ case(id: "1") { person { name police } } }', CASE_WORKER);
    expect(print(filtered.document!)).toBe(compact('{ case(id: "1") { person { name } } }'));
    expect(filtered.removed).toEqual([{ path: ['case', 'person', 'police'], coordinate: 'Person.police', needs: 'police:read' }]);
    expect(filtered.nullPaths).toEqual([['case', 'person', 'police']]);
    expect(applyRemovals({ case: { person: { name: 'A' } } }, filtered)).toEqual({ case: { person: { name: 'A', police: null } } });
  });

  it('nulls the nearest nullable ancestor of a removed non-null field, and does not fetch it', () => {
    const filtered = filter('{ case(id: "1") { id record { summary secret } } }', CASE_WORKER);
    // record would be thrown away: it is not asked for at all.
    expect(print(filtered.document!)).toBe(compact('{ case(id: "1") { id } }'));
    expect(filtered.nullPaths).toEqual([['case', 'record']]);
    expect(applyRemovals({ case: { id: '1' } }, filtered)).toEqual({ case: { id: '1', record: null } });
  });

  it('nulls everything when the null propagates to the root: nothing needs to run', () => {
    const filtered = filter('{ cases { id file { secret } } }', CASE_WORKER);
    // file: Record! in cases: [Case!]! -> the item, the list and the root field are all non-null.
    expect(filtered.nullPaths).toEqual([[]]);
    expect(filtered.nullsEverything).toBe(true);
  });

  it('uses the response keys (aliases) and "@" for the items of a list in paths', () => {
    const filtered = filter('{ all: cases { who: person { police } } }', CASE_WORKER);
    expect(filtered.removed.map((removed) => removed.path)).toEqual([['all', '@', 'who', 'police']]);
    const answer = applyRemovals({ all: [{ who: {} }, { who: null }] }, filtered) as { all: Array<{ who: unknown }> };
    expect(answer.all).toEqual([{ who: { police: null } }, { who: null }]);
  });

  it('inlines fragments, removing in each place a fragment is spread', () => {
    const filtered = filter(
      `query { a: case(id: "1") { person { ...P } } b: case(id: "2") { person { ...P } } }
       fragment P on Person { name police }`,
      CASE_WORKER,
    );
    expect(filtered.document!.definitions).toHaveLength(1);
    expect(filtered.removed.map((removed) => removed.path.join('.'))).toEqual(['a.person.police', 'b.person.police']);
    expect(print(filtered.document!)).not.toMatch(/police|\.\.\.P/);
  });

  it('keeps an emptied selection in place with a placeholder, stripped from the answer', () => {
    const filtered = filter('{ case(id: "1") { person { police } } }', CASE_WORKER);
    expect(print(filtered.document!)).toContain(`${PLACEHOLDER_ALIAS}: __typename`);
    expect(applyRemovals({ case: { person: { [PLACEHOLDER_ALIAS]: 'Person' } } }, filtered)).toEqual({
      case: { person: { police: null } },
    });
  });

  it('leaves nothing of an operation the caller may not read at all (refused)', () => {
    const filtered = filter('{ case(id: "1") { id } }', new Set());
    expect(filtered.document).toBeNull();
    expect(filtered.removed.map((removed) => removed.coordinate)).toEqual(['Query.case']);
  });

  it('lets introspection through only with the schema right', () => {
    expect(filter('{ __schema { queryType { name } } }', CASE_WORKER).document).toBeNull();
    expect(filter('{ __schema { queryType { name } } }', new Set(['schema:read'])).removed).toEqual([]);
  });

  it('drops the definitions of variables only removed fields used', () => {
    const filtered = filter('query ($id: ID!, $other: ID!) { case(id: $id) { id } denied: case(id: $other) { id } }', new Set());
    expect(filtered.document).toBeNull();
    const partly = filter('query ($id: ID!) { case(id: $id) { person { police } } }', CASE_WORKER);
    expect(print(partly.document!)).toMatch(/query \(\$id: ID!\)/);
  });
});
