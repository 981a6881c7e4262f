/**
 * `npm run new:registry -- <name> (--batch | --single-subject) [--on applicant|employer]`:
 * scaffolds a registry end to end (wire contract, catalogue entry, Registry enum value, subgraph
 * with its registry client and tests, mock service with its data set section, a test through the
 * gateway), recomposes the supergraph and lists what it wrote and what the integrator must fill
 * in. A request it refuses exits 2 and writes nothing. docs/adding-a-registry.md is the guide.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan, Todo } from './new-registry.js';
import { Refusal, USAGE, parseRequest, type NewRegistryRequest } from './registry-names.js';
import { SUBJECT_KEYS } from './templates/scaffold.js';

const SUPERGRAPH = 'schema/supergraph.graphql';

function refuse(message: string): never {
  process.stderr.write(`new:registry: ${message}\n${USAGE}\nNothing was written.\n`);
  process.exit(2);
}

function request(): NewRegistryRequest {
  try {
    return parseRequest(process.argv.slice(2));
  } catch (error) {
    if (error instanceof Refusal) refuse(error.message);
    throw error;
  }
}

function summary(made: Plan, todos: readonly Todo[], supergraphChanged: boolean, seconds: number): string {
  const { names, flavour, on, port } = made.scaffold;
  const written = made.changes.filter((change) => change.before === null).map((change) => change.path);
  const changed = [...made.changes.filter((change) => change.before !== null).map((change) => change.path)];
  if (supergraphChanged) changed.push(`${SUPERGRAPH} (npm run compose)`);
  return [
    `new:registry: ${names.name}: registry ${names.id} (${names.code}), ${flavour === 'batch' ? 'a batch' : 'a single-subject'} registry`,
    `on ${SUBJECT_KEYS[on].graphType}.${names.id}, served by the subgraph ${names.name} on port ${port}.`,
    '',
    `Wrote ${written.length} files:`,
    ...written.map((path) => `  ${path}`),
    `Changed ${changed.length} files:`,
    ...changed.map((path) => `  ${path}`),
    '',
    `To fill in (${todos.length} TODO(new-registry) marks):`,
    ...todos.map((todo) => `  ${todo.path}:${todo.line}  ${todo.text}`),
    '',
    'In short: the real API types and services (contract, registry client, mock), the mock data and the scenarios that need it,',
    'the title, X-Road subsystem and TTL with its reason (catalogue), and the schema fields with their descriptions.',
    'Then run npm test. docs/adding-a-registry.md walks through each.',
    `Done in ${seconds.toFixed(1)} s.`,
  ].join('\n');
}

const started = performance.now();
const asked = request();
// Loaded once the arguments are good: the planner reads the catalogue and every subgraph, which takes seconds.
const { REPOSITORY_ROOT, applyPlan, planNewRegistry, revertPlan, todosOf } = await import('./new-registry.js');
const made = await planNewRegistry(asked).catch((error: unknown) =>
  error instanceof Refusal ? refuse(error.message) : Promise.reject(error),
);
const supergraphBefore = readFileSync(join(REPOSITORY_ROOT, SUPERGRAPH), 'utf8');
applyPlan(made);
const compose = spawnSync('npm', ['run', '-s', 'compose'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
if (compose.status !== 0) {
  revertPlan(made);
  process.stderr.write(
    `${compose.stdout}${compose.stderr}new:registry: composing the supergraph failed, so the scaffold was taken back.\n`,
  );
  process.exit(1);
}
const supergraphChanged = readFileSync(join(REPOSITORY_ROOT, SUPERGRAPH), 'utf8') !== supergraphBefore;
process.stdout.write(`${summary(made, todosOf(made), supergraphChanged, (performance.now() - started) / 1000)}\n`);
