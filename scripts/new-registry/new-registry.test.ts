/**
 * `npm run new:registry`: what it refuses (in-process: planning writes nothing), and, in a
 * temporary copy of the repository, that a batch registry on applicants and a single-subject one
 * on employers scaffold into a tree that composes and type-checks, and that a refused request
 * exits 2 without touching a file. The names are probes no real registry would take, and ports
 * are counted from the tree's own subgraphs, so this holds in a tree with registries scaffolded
 * already. The generated tests are not run here (they start the whole graph): npm test runs them
 * in any tree a registry was scaffolded into.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { REPOSITORY_ROOT, applyPlan, planNewRegistry, type Plan } from './new-registry.js';
import { Refusal, parseRequest, registryNames } from './registry-names.js';

describe('what new:registry is asked for', () => {
  it('derives every name from the kebab-case one', () => {
    expect(registryNames('demo-registry')).toMatchObject({
      id: 'demoRegistry',
      code: 'DEMO_REGISTRY',
      title: 'Demo registry',
      recordType: 'DemoRegistryRecord',
      clientClass: 'DemoRegistryClient',
      subgraphConstant: 'demoRegistrySubgraph',
    });
    expect(registryNames('income2')).toMatchObject({ id: 'income2', code: 'INCOME2', clientClass: 'Income2RegistryClient' });
    expect(parseRequest(['demo-registry', '--batch'])).toEqual({ name: 'demo-registry', flavour: 'batch', on: 'applicant' });
    expect(parseRequest(['--single-subject', 'x-y', '--on', 'employer'])).toEqual({
      name: 'x-y',
      flavour: 'single-subject',
      on: 'employer',
    });
  });

  it.each([
    [[], /name the registry/],
    [['Demo_Registry', '--batch'], /not a kebab-case name/],
    [['demo--registry', '--batch'], /not a kebab-case name/],
    [['2fa', '--batch'], /not a kebab-case name/],
    [['demo-registry'], /say --batch .* or --single-subject/],
    [['demo-registry', '--batch', '--single-subject'], /exclude each other/],
    [['demo-registry', '--batch', '--on', 'company'], /expected applicant or employer/],
    [['demo-registry', '--fast'], /Unknown option/],
    [['a', 'b', '--batch'], /one name/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseRequest(argv)).toThrow(Refusal);
    expect(() => parseRequest(argv)).toThrow(message);
  });

  it.each([
    ['tax', /registry id tax is taken/],
    ['trade-register', /registry id tradeRegister is taken/],
    ['applications', /subgraph name applications is taken/],
    ['checks', /subgraph name checks is taken/],
    ['tax-debt', /field Applicant\.taxDebt is taken/],
    ['constructor', /a name every JavaScript object has/],
  ])('refuses %s, which the graph already uses', async (name, message) => {
    await expect(planNewRegistry({ name, flavour: 'batch', on: 'applicant' })).rejects.toThrow(message);
  });
});

/** The port the first new subgraph gets (the tree may hold registries scaffolded before). */
const NEXT_PORT = Math.max(...SUBGRAPHS.map((subgraph) => subgraph.defaultPort)) + 1;

describe('new:registry in a copy of the repository', () => {
  let copy: string;
  let single: Plan;
  let batch: ReturnType<typeof run>;
  function run(...argv: string[]) {
    return spawnSync(join(copy, 'node_modules/.bin/tsx'), ['scripts/new-registry/main.ts', ...argv], {
      cwd: copy,
      encoding: 'utf8',
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1' },
    });
  }

  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'casegraph-new-registry-'));
    const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
    })
      .stdout.split('\0')
      .filter((file) => file && file !== 'node_modules');
    for (const file of files) cpSync(join(REPOSITORY_ROOT, file), join(copy, file), { recursive: true });
    symlinkSync(realpathSync(join(REPOSITORY_ROOT, 'node_modules')), join(copy, 'node_modules'));
    // A single-subject registry on employers, planned here and written into the copy; then a batch
    // one on applicants by the command itself, which composes both. (Each run of the command
    // loads every subgraph and composes: about ten seconds.)
    single = await planNewRegistry({ name: 'probe-vetting-service', flavour: 'single-subject', on: 'employer' }, copy);
    applyPlan(single, copy);
    batch = run('probe-batch-registry', '--batch');
  }, 60_000);
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('scaffolds, lists what it wrote and changed and what to fill in, and recomposes with both registries', () => {
    expect(batch.stderr).toBe('');
    expect(batch.status).toBe(0);
    expect(batch.stdout).toContain(`on Applicant.probeBatchRegistry, served by the subgraph probe-batch-registry on port ${NEXT_PORT + 1}`);
    expect(batch.stdout).toMatch(/Wrote 9 files:/);
    expect(batch.stdout).toMatch(
      /Changed 9 files:[\s\S]*gateway\/registry-budget\.ts[\s\S]*schema\/supergraph\.graphql \(npm run compose\)/,
    );
    expect(batch.stdout).toMatch(/TODO\(new-registry\) marks\):\n {2}\S+:\d+ {2}\S/);
    expect(single.scaffold.port).toBe(NEXT_PORT);
    expect(single.changes.map((change) => change.path)).toContain('subgraphs/probe-vetting-service/registry-client.ts');
    const supergraph = readFileSync(join(copy, 'schema/supergraph.graphql'), 'utf8');
    for (const expected of [
      'PROBE_BATCH_REGISTRY',
      'PROBE_VETTING_SERVICE',
      'probeBatchRegistry: ProbeBatchRegistryRecord',
      'probeVettingService: ProbeVettingServiceRecord',
    ]) {
      expect(supergraph).toContain(expected);
    }
  });

  it('writes a tree that type-checks: every file written and changed, with what they import', () => {
    const listed = [...batch.stdout.matchAll(/^ {2}(\S+\.ts)$/gm)].map((match) => match[1]!);
    const files = [...new Set([...listed, ...single.changes.map((change) => change.path).filter((path) => path.endsWith('.ts'))])];
    // Eight .ts files written per registry; six changed (the catalogue, the rights, the registry-call
    // estimate, the subgraph list, the mock services and sections).
    expect(files).toHaveLength(2 * 8 + 6);
    writeFileSync(join(copy, 'tsconfig.scaffold.json'), JSON.stringify({ extends: './tsconfig.json', include: files }));
    const typecheck = spawnSync(join(copy, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.scaffold.json'], {
      cwd: copy,
      encoding: 'utf8',
    });
    expect(typecheck.stdout).toBe('');
    expect(typecheck.status).toBe(0);
  }, 60_000);

  it('writes no line longer than Prettier allows (it does not break strings or comments)', () => {
    const written = [...batch.stdout.matchAll(/^ {2}(\S+)$/gm)].map((match) => match[1]!);
    const lines = [
      ...single.changes.flatMap((change) => {
        const before = new Set(change.before?.split('\n'));
        return change.after.split('\n').filter((line) => !before.has(line));
      }),
      ...written
        .filter((path) => path.includes('probe-batch-registry'))
        .flatMap((path) => readFileSync(join(copy, path), 'utf8').split('\n')),
    ];
    expect(lines.filter((line) => line.length > 140)).toEqual([]);
  });

  it('refuses with exit 2, and writes nothing', () => {
    const catalogue = readFileSync(join(copy, 'contracts/registry-catalogue.ts'), 'utf8');
    const refused = run('another-registry', '--batch', '--single-subject');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/exclude each other[\s\S]*Nothing was written/);
    expect(readFileSync(join(copy, 'contracts/registry-catalogue.ts'), 'utf8')).toBe(catalogue);
    expect(() => readFileSync(join(copy, 'contracts/registries/another-registry.ts'))).toThrow();
  });
});
