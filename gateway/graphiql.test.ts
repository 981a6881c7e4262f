import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRightsFile } from './authentication/rights-file.js';
import { contentSecurityPolicy, exampleTabs, pageConfig, readExampleOperations, type ExampleOperation } from './graphiql.js';

const tempDir = mkdtempSync(path.join(tmpdir(), 'casegraph-operations-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

let dirs = 0;
function operationsDirWith(files: Record<string, string>): string {
  const dir = path.join(tempDir, String(++dirs));
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('readExampleOperations', () => {
  it('reads each .graphql file, in name order, with its variables’ defaults', () => {
    const dir = operationsDirWith({
      'b.graphql': 'query Second($first: Int = 50, $after: String) { worklist(first: $first, after: $after) { totalCount } }',
      'a.graphql':
        '# comment kept\nquery First($id: ID! = "APP-0000001", $filter: WorklistFilter = { status: PENDING }) { application(id: $id) { id } }',
      'notes.txt': 'not an operation',
    });
    expect(readExampleOperations(dir)).toEqual([
      {
        name: 'First',
        document: expect.stringMatching(/^# comment kept\n/),
        variables: { id: 'APP-0000001', filter: { status: 'PENDING' } },
      },
      { name: 'Second', document: expect.any(String), variables: { first: 50 } },
    ]);
  });

  it.each([
    ['a required variable without a default', 'query Q($id: ID!) { application(id: $id) { id } }', /required variable \$id/],
    ['two operations', 'query A { __typename } query B { __typename }', /exactly one named operation/],
    ['an anonymous operation', '{ __typename }', /exactly one named operation/],
    ['a syntax error', 'query Q {', /Syntax Error/],
    ['text that would end the page’s script', 'query Q { __typename } # </script>', /<\/script/],
  ])('refuses a file with %s, naming the file', (_problem, text, reason) => {
    const dir = operationsDirWith({ 'Broken.graphql': text });
    expect(() => readExampleOperations(dir)).toThrow(expect.objectContaining({ problems: [expect.stringMatching(reason)] }));
    expect(() => readExampleOperations(dir)).toThrow(/OPERATIONS_DIR: .*Broken\.graphql/);
  });

  it('names OPERATIONS_DIR when the directory cannot be read', () => {
    expect(() => readExampleOperations(path.join(tempDir, 'missing'))).toThrow(/OPERATIONS_DIR: cannot read .*ENOENT/);
  });
});

const operation = (name: string, variables: Record<string, unknown> = {}): ExampleOperation => ({
  name,
  document: `query ${name} { __typename }`,
  variables,
});

describe('exampleTabs', () => {
  it('opens on CaseView, then the others in file-name order, each with its variables and needed headers', () => {
    const tabs = exampleTabs([
      operation('BulkPrerequisiteChecks', { first: 100 }),
      operation('CaseView', { id: 'APP-0000001' }),
      operation('PopulationRecord', { personalIdentityCode: '140391Y714Y' }),
      operation('Worklist'),
    ]);
    expect(tabs.map((tab) => /query (\w+)/.exec(tab.query)?.[1])).toEqual([
      'CaseView',
      'BulkPrerequisiteChecks',
      'PopulationRecord',
      'Worklist',
    ]);
    expect(tabs[0]).toEqual({ query: 'query CaseView { __typename }', variables: '{\n  "id": "APP-0000001"\n}', headers: '' });
    // Registry data about a person is read only within a case.
    expect(JSON.parse(tabs[2]!.headers)).toEqual({ 'x-case-id': 'APP-0000001' });
    expect(tabs[3]!.variables).toBe('{}');
  });

  it('keeps file-name order when there is no CaseView', () => {
    expect(exampleTabs([operation('A'), operation('B')]).map((tab) => tab.query)).toEqual([
      'query A { __typename }',
      'query B { __typename }',
    ]);
  });

  it('gives every shipped operation its variables, and PopulationRecord its case', () => {
    const tabs = exampleTabs(readExampleOperations(fileURLToPath(new URL('./operations/', import.meta.url))));
    expect(tabs[0]!.query).toMatch(/^query CaseView\(/m);
    for (const tab of tabs) expect(Object.keys(JSON.parse(tab.variables)).length, tab.query.slice(0, 80)).toBeGreaterThan(0);
    const population = tabs.find((tab) => /^query PopulationRecord\(/m.test(tab.query))!;
    expect(JSON.parse(population.headers)).toEqual({ 'x-case-id': 'APP-0000001' });
  });
});

describe('the page', () => {
  it('may connect to itself and the issuer’s origin, and nowhere else', () => {
    const policy = contentSecurityPolicy('https://login.example.fi/realms/migri');
    expect(policy.split('; ').find((directive) => directive.startsWith('connect-src'))).toBe("connect-src 'self' https://login.example.fi");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('tells the page the issuer, client, resource and what each role may do', () => {
    const rights = parseRightsFile(
      {
        claims: { roles: 'groups', unit: 'ou', organisation: 'org' },
        roles: { analyst: { description: 'Analysts', rights: ['schema:read', 'query-plan:read'] } },
      },
      'test',
    );
    const config = pageConfig([operation('CaseView')], {
      endpoint: '/graphql',
      signIn: { issuer: 'http://127.0.0.1:4300', clientId: 'casegraph-graphiql' },
      audience: 'urn:casegraph',
      rights,
    });
    expect(config).toEqual({
      title: 'casegraph',
      endpoint: '/graphql',
      defaultTabs: [{ query: 'query CaseView { __typename }', variables: '{}', headers: '' }],
      signIn: { issuer: 'http://127.0.0.1:4300', clientId: 'casegraph-graphiql', resource: 'urn:casegraph' },
      rights: {
        claims: { roles: 'groups', unit: 'ou' },
        roles: { analyst: { description: 'Analysts', rights: ['schema:read', 'query-plan:read'] } },
      },
    });
  });
});
