import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExampleOperations } from './graphiql.js';

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
