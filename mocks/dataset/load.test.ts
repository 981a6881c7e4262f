import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockRegistries } from '../server.js';
import { callRegistry } from '../testing/xroad-test-client.js';
import { generateDataset } from './generator.js';
import { DatasetError, loadDatasetFile, validateDataset } from './load.js';
import type { Dataset } from './types.js';

let directory: string;
let small: Dataset;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'casegraph-mocks-'));
  small = generateDataset({ seed: 3, applications: 300, persons: 250, employers: 60 });
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeDataset(name: string, content: unknown): Promise<string> {
  const file = join(directory, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** A deep copy to break on purpose. */
const copy = (): Dataset => structuredClone(small);

function problemsOf(value: unknown): string[] {
  try {
    validateDataset(value);
  } catch (error) {
    if (error instanceof DatasetError) return error.problems;
    throw error;
  }
  return [];
}

describe('loading a data set file', () => {
  it('loads what the generator writes, unchanged', async () => {
    const file = await writeDataset('good.json', small);
    expect(await loadDatasetFile(file)).toEqual(small);
  });

  it('accepts the example in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /A small example, one record of each kind:\n\n```json\n([\s\S]*?)\n```/.exec(readme)![1]!;
    expect(problemsOf(JSON.parse(example))).toEqual([]);
  });

  it('serves a user data set file', async () => {
    const mine = copy();
    mine.population.persons[0]!.givenNames = 'Edited By Hand';
    const file = await writeDataset('mine.json', mine);
    const mocks = await startMockRegistries({ datasetFile: file, knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } });
    try {
      expect(mocks.dataset.meta.counts.applications).toBe(300);
      const code = mine.population.persons[0]!.personalIdentityCode;
      const answer = await callRegistry(mocks.url, 'population', 'persons/batch', { json: { keys: [code] } });
      expect(answer.body.results[0].record.givenNames).toBe('Edited By Hand');
    } finally {
      await mocks.close();
    }
  });

  it('names the JSON path of a reference to an unknown applicant', async () => {
    const broken = copy();
    broken.caseRegister.applications[12]!.applicantId = 'CUS-9999999';
    const file = await writeDataset('unknown-applicant.json', broken);
    await expect(loadDatasetFile(file)).rejects.toThrow('caseRegister.applications[12].applicantId: unknown applicant CUS-9999999');
    await expect(startMockRegistries({ datasetFile: file })).rejects.toThrow(DatasetError);
  });

  it('names the path of missing, mistyped, duplicate and out-of-range fields', () => {
    const broken = copy() as unknown as {
      caseRegister: { applicants: Record<string, unknown>[]; applications: Record<string, unknown>[] };
      population: { persons: Record<string, unknown>[] };
      sis: { alerts: Record<string, unknown>[] };
      tax: { personalTaxDebts: Record<string, unknown>[] };
    };
    delete broken.caseRegister.applicants[3]!.familyName;
    broken.caseRegister.applications[5]!.status = 'LOST';
    broken.caseRegister.applications[6]!.submittedAt = 'yesterday';
    broken.population.persons[2]!.personalIdentityCode = broken.population.persons[1]!.personalIdentityCode;
    broken.population.persons[4]!.dateOfBirth = '1990-02-30';
    broken.sis.alerts[0]!.documents = [{ type: 'PASSPORT' }];
    broken.tax.personalTaxDebts[0]!.amountEur = '100';
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'caseRegister.applicants[3].familyName: expected a string, got nothing',
        expect.stringMatching(/^caseRegister\.applications\[5\]\.status: expected one of RECEIVED, PENDING/),
        'caseRegister.applications[6].submittedAt: not a timestamp: "yesterday"',
        expect.stringMatching(
          /^population\.persons\[2\]\.personalIdentityCode: duplicate personal identity code .* \(first at population\.persons\[1\]\.personalIdentityCode\)$/,
        ),
        'population.persons[4].dateOfBirth: expected a date written YYYY-MM-DD, got "1990-02-30"',
        'sis.alerts[0].documents[0].number: expected a string, got nothing',
        'tax.personalTaxDebts[0].amountEur: expected a number, got the string "100"',
      ]),
    );
  });

  it('refuses a file that is not JSON, another format version, or a missing section', async () => {
    await expect(loadDatasetFile(await writeDataset('not-json.json', '{"formatVersion": 1,'))).rejects.toThrow(/\(root\): not valid JSON/);
    expect(problemsOf({ ...copy(), formatVersion: 2 })).toContain('formatVersion: expected 1, got number 2');
    const { police: _police, ...withoutPolice } = copy();
    expect(problemsOf(withoutPolice)).toContain('police: expected an object, got nothing');
    expect(problemsOf([])).toEqual(['(root): expected an object, got an array']);
  });

  it('stops after 20 problems, so a badly broken file answers quickly', () => {
    const broken = copy();
    for (const application of broken.caseRegister.applications) application.applicantId = 'CUS-0';
    expect(problemsOf(broken)).toHaveLength(20);
  });
});
