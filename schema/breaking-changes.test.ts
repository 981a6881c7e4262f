/**
 * The breaking-change check compose runs before writing a changed supergraph. Most cases compose
 * a one-subgraph graph and change one thing in it; the last ones run the real supergraph and the
 * real shipped operations.
 */
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse, print, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  findBreakingChanges,
  formatSchemaChangeReport,
  parseAcknowledgedBreakingChanges,
  type AcknowledgedBreakingChange,
  type ShippedOperation,
} from './breaking-changes.js';
import { readAcknowledgedBreakingChanges, readShippedOperations, SUPERGRAPH_FILE } from './compose.js';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])';

/** Composes subgraphs given as name -> SDL (the federation @link is prepended). */
function supergraph(subgraphs: Record<string, string>): string {
  const result = composeServices(
    Object.entries(subgraphs).map(([name, sdl]) => ({
      name,
      url: `http://${name}.test/graphql`,
      typeDefs: parse(`${FEDERATION}\n${sdl}`),
    })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

const CASES = `
  type Query {
    application(id: ID!): Application
    applications(status: Status = PENDING, first: Int): [Application!]!
  }
  type Application @key(fields: "id") {
    id: ID!
    status: Status!
    channel: Channel!
    applicant: Applicant
  }
  type Applicant @key(fields: "id") {
    id: ID!
    familyName: String!
    placeOfBirth: String
    police: String
  }
  enum Status { PENDING DECIDED WITHDRAWN }
  enum Channel { PAPER ONLINE }
`;

/** CASES with each [from, to] replacement applied; a replacement that matches nothing fails the test. */
function changed(...replacements: [string, string][]): string {
  return replacements.reduce((sdl, [from, to]) => {
    if (!sdl.includes(from)) throw new Error(`not in the SDL: ${from}`);
    return sdl.replace(from, to);
  }, CASES);
}

const OPERATIONS: ShippedOperation[] = [
  { file: 'CaseView.graphql', source: 'query CaseView($id: ID!) { application(id: $id) { id channel applicant { familyName police } } }' },
  { file: 'Decided.graphql', source: 'query Decided { applications(status: DECIDED, first: 10) { id } }' },
  {
    file: 'Withdrawn.graphql',
    source: 'query Withdrawn($status: Status = WITHDRAWN) { applications(status: $status) { ...Ids } } fragment Ids on Application { id }',
  },
];

const OLD = supergraph({ cases: CASES });

function check(newSdl: string, acknowledgements: AcknowledgedBreakingChange[] = []) {
  return findBreakingChanges(OLD, newSdl, OPERATIONS, acknowledgements);
}

describe('findBreakingChanges', () => {
  it('refuses removing a field a shipped operation uses, naming the operation', async () => {
    const report = await check(supergraph({ cases: changed(['police: String', '']) }));
    expect(report.breakingUsed).toEqual([
      {
        type: 'FIELD_REMOVED',
        coordinate: 'Applicant.police',
        message: "Field 'police' was removed from object type 'Applicant'",
        operations: ['CaseView'],
      },
    ]);
  });

  it('refuses hiding a used field with @inaccessible: the API schema is what clients see', async () => {
    const report = await check(supergraph({ cases: changed(['police: String', 'police: String @inaccessible']) }));
    expect(report.breakingUsed.map(({ coordinate, operations }) => ({ coordinate, operations }))).toEqual([
      { coordinate: 'Applicant.police', operations: ['CaseView'] },
    ]);
  });

  it('refuses making a used argument required, for operations that pass it and those that leave it out', async () => {
    const report = await check(supergraph({ cases: changed(['first: Int)', 'first: Int!)']) }));
    expect(report.breakingUsed.map(({ type, coordinate, operations }) => ({ type, coordinate, operations }))).toEqual([
      { type: 'FIELD_ARGUMENT_TYPE_CHANGED', coordinate: 'Query.applications.first', operations: ['Decided', 'Withdrawn'] },
    ]);
  });

  it('refuses a new required argument on a used field', async () => {
    const report = await check(supergraph({ cases: changed(['application(id: ID!)', 'application(id: ID!, purpose: String!)']) }));
    expect(report.breakingUsed.map(({ type, coordinate, operations }) => ({ type, coordinate, operations }))).toEqual([
      { type: 'FIELD_ARGUMENT_ADDED', coordinate: 'Query.application.purpose', operations: ['CaseView'] },
    ]);
  });

  it('refuses removing an enum value an operation uses as a literal', async () => {
    const report = await check(supergraph({ cases: changed(['PENDING DECIDED WITHDRAWN', 'PENDING WITHDRAWN']) }));
    expect(report.breakingUsed.map(({ coordinate, operations }) => ({ coordinate, operations }))).toEqual([
      // Withdrawn's $status admits DECIDED too: a frontend may send it.
      { coordinate: 'Status.DECIDED', operations: ['Decided', 'Withdrawn'] },
    ]);
  });

  it("refuses removing an enum value that is a variable's default", async () => {
    const report = await check(supergraph({ cases: changed(['PENDING DECIDED WITHDRAWN', 'PENDING DECIDED']) }));
    expect(report.breakingUsed.map(({ coordinate, operations }) => ({ coordinate, operations }))).toEqual([
      { coordinate: 'Status.WITHDRAWN', operations: ['Withdrawn'] },
    ]);
  });

  it('only warns about breaking changes no shipped operation touches', async () => {
    const report = await check(supergraph({ cases: changed(['placeOfBirth: String', ''], ['PAPER ONLINE', 'ONLINE']) }));
    expect(report.breakingUsed).toEqual([]);
    expect(report.breakingUnused.map(({ coordinate, operations }) => ({ coordinate, operations }))).toEqual([
      { coordinate: 'Applicant.placeOfBirth', operations: [] },
      // Channel is only ever read: no operation sends PAPER.
      { coordinate: 'Channel.PAPER', operations: [] },
    ]);
  });

  it('calls an added field safe and an added enum value dangerous', async () => {
    const report = await check(
      supergraph({ cases: changed(['police: String', 'police: String\n    sis: String'], ['PAPER ONLINE', 'PAPER ONLINE EMAIL']) }),
    );
    expect(report).toMatchObject({ breakingUsed: [], breakingUnused: [], acknowledged: [], staleAcknowledgements: [] });
    expect(report.safe).toEqual([
      { type: 'FIELD_ADDED', coordinate: 'Applicant.sis', message: "Field 'sis' was added to object type 'Applicant'" },
    ]);
    expect(report.dangerous.map(({ type, coordinate }) => ({ type, coordinate }))).toEqual([
      { type: 'ENUM_VALUE_ADDED', coordinate: 'Channel.EMAIL' },
    ]);
  });

  it('sees no change when a field moves to another subgraph (join__ machinery is not API)', async () => {
    const split = supergraph({
      cases: changed(['police: String', '']),
      police: 'type Applicant @key(fields: "id") { id: ID! police: String }',
    });
    const report = await check(split);
    expect(report).toEqual({ breakingUsed: [], breakingUnused: [], acknowledged: [], dangerous: [], safe: [], staleAcknowledgements: [] });
  });

  it('lets an acknowledged breaking change through, with the acknowledgement', async () => {
    const acknowledgement = {
      coordinate: 'Applicant.police',
      change: 'FIELD_REMOVED',
      reason: 'The case view reads police data from the checks subgraph since 2.0.',
      acknowledgedOn: '2026-05-04',
    };
    const report = await check(supergraph({ cases: changed(['police: String', '']) }), [acknowledgement]);
    expect(report.breakingUsed).toEqual([]);
    expect(report.acknowledged).toEqual([
      expect.objectContaining({ coordinate: 'Applicant.police', operations: ['CaseView'], acknowledgement }),
    ]);
    expect(report.staleAcknowledgements).toEqual([]);
  });

  it('reports an acknowledgement that matches no breaking change, as a note', async () => {
    const stale = { coordinate: 'Applicant.police', change: 'FIELD_REMOVED', reason: 'Moved.', acknowledgedOn: '2026-01-02' };
    const wrongType = {
      coordinate: 'Applicant.placeOfBirth',
      change: 'FIELD_TYPE_CHANGED',
      reason: 'Retyped.',
      acknowledgedOn: '2026-01-02',
    };
    const report = await check(supergraph({ cases: changed(['placeOfBirth: String', '']) }), [stale, wrongType]);
    expect(report.staleAcknowledgements).toEqual([stale, wrongType]);
    expect(report.breakingUnused.map(({ coordinate }) => coordinate)).toEqual(['Applicant.placeOfBirth']);
    expect(formatSchemaChangeReport(report)).toContain(
      'Note: the acknowledgement of FIELD_REMOVED Applicant.police (2026-01-02) matches no breaking change',
    );
  });
});

describe('formatSchemaChangeReport', () => {
  it('prints every change in words, grouped, with the operations a change breaks', async () => {
    const report = await check(
      supergraph({
        cases: changed(['police: String', 'sis: String'], ['placeOfBirth: String', ''], ['PAPER ONLINE', 'PAPER ONLINE EMAIL']),
      }),
    );
    expect(formatSchemaChangeReport(report)).toBe(
      [
        'BREAKING, breaks shipped operations (1):',
        "  - Field 'police' was removed from object type 'Applicant'  [FIELD_REMOVED Applicant.police]",
        '      breaks: CaseView',
        'Breaking, but no shipped operation uses it (warning: clients outside this repository may break) (1):',
        "  - Field 'placeOfBirth' was removed from object type 'Applicant'  [FIELD_REMOVED Applicant.placeOfBirth]",
        'Dangerous (1):',
        "  - Enum value 'EMAIL' was added to enum 'Channel'  [ENUM_VALUE_ADDED Channel.EMAIL]",
        'Safe (1):',
        "  - Field 'sis' was added to object type 'Applicant'  [FIELD_ADDED Applicant.sis]",
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing changed', async () => {
    expect(formatSchemaChangeReport(await check(OLD))).toBe('No changes to the API schema.\n');
  });
});

describe('parseAcknowledgedBreakingChanges', () => {
  it('reads entries of coordinate, change, reason and date', () => {
    const entry = { coordinate: 'Applicant.police', change: 'FIELD_REMOVED', reason: 'Frontends updated.', acknowledgedOn: '2026-05-04' };
    expect(parseAcknowledgedBreakingChanges(JSON.stringify([entry]))).toEqual([entry]);
  });

  it('refuses an unknown change type, a missing reason and a malformed date, listing each', () => {
    const entry = { coordinate: 'Applicant.police', change: 'FIELD_GONE', reason: ' ', acknowledgedOn: '4.5.2026' };
    const error = (() => {
      try {
        parseAcknowledgedBreakingChanges(JSON.stringify([entry]));
      } catch (caught) {
        return (caught as Error).message;
      }
      return 'no error';
    })();
    expect(error).toMatch(/\[0\.change\]/);
    expect(error).toMatch(/\[0\.reason\]/);
    expect(error).toMatch(/\[0\.acknowledgedOn\]/);
  });

  it('reads the checked-in acknowledgement file', () => {
    expect(() => readAcknowledgedBreakingChanges()).not.toThrow();
  });
});

describe('the real supergraph and the shipped operations', () => {
  const real = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const shipped = readShippedOperations();

  it('reads every shipped operation', () => {
    expect(shipped.map(({ file }) => file)).toContain('CaseView.graphql');
    expect(shipped.every(({ source }) => source.includes('query '))).toBe(true);
  });

  it('has no changes against itself', async () => {
    const report = await findBreakingChanges(real, real, shipped, []);
    expect(report).toEqual({ breakingUsed: [], breakingUnused: [], acknowledged: [], dangerous: [], safe: [], staleAcknowledgements: [] });
  });

  it('refuses removing Applicant.police, which the case view and the person search read', async () => {
    const withoutPolice = print(
      visit(parse(real), {
        ObjectTypeDefinition(node) {
          if (node.name.value !== 'Applicant') return undefined;
          return { ...node, fields: node.fields?.filter((field) => field.name.value !== 'police') };
        },
      }),
    );
    const report = await findBreakingChanges(real, withoutPolice, shipped, []);
    expect(report.breakingUsed.map(({ coordinate, operations }) => ({ coordinate, operations }))).toEqual([
      { coordinate: 'Applicant.police', operations: ['CaseView', 'PersonSearch'] },
    ]);
  });
});
