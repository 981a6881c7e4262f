/**
 * Planning and making a new registry's scaffold: every file it writes and every edit to an
 * existing file is worked out (and formatted with Prettier) in memory first, after every check,
 * so a refused or impossible request writes nothing; then it is written in one go, and can be
 * taken back in one go if composing the supergraph fails.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import * as prettier from 'prettier';
import { REGISTRIES } from '../../contracts/registry-catalogue.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { Refusal, registryNames, type NewRegistryRequest } from './registry-names.js';
import { addImport, appendToGraphQLEnum, appendToLiteral, grantRight } from './source-edits.js';
import { catalogueEntryTemplate } from './templates/catalogue-entry.js';
import { contractTemplate } from './templates/contract.js';
import { datasetSectionTemplate } from './templates/dataset-section.js';
import { e2eTestTemplate } from './templates/e2e-test.js';
import { entitiesTestTemplate } from './templates/entities-test.js';
import { mockServiceTemplate } from './templates/mock-service.js';
import { registryClientTemplate } from './templates/registry-client.js';
import { registryEnumValueTemplate } from './templates/registry-enum-value.js';
import { SUBJECT_KEYS, TODO, type Scaffold } from './templates/scaffold.js';
import { subgraphDefinitionTemplate } from './templates/subgraph-definition.js';
import { subgraphMainTemplate } from './templates/subgraph-main.js';
import { subgraphSchemaTemplate } from './templates/subgraph-schema.js';

/** The repository this command belongs to: it scaffolds into its own tree. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A file the command writes (`before` null) or changes, relative to the repository root. */
export interface FileChange {
  path: string;
  before: string | null;
  after: string;
}

export interface Plan {
  scaffold: Scaffold;
  changes: FileChange[];
}

/** Type names of the composed graph and the fields of its Applicant and Employer, which a new registry must not reuse. */
function composedGraph(root: string): { types: Set<string>; fields: Record<'Applicant' | 'Employer', Set<string>> } {
  const definitions = parse(readFileSync(join(root, 'schema/supergraph.graphql'), 'utf8')).definitions;
  const types = new Set<string>();
  const fields = { Applicant: new Set<string>(), Employer: new Set<string>() };
  for (const definition of definitions) {
    if (!('name' in definition) || !definition.name) continue;
    types.add(definition.name.value);
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION &&
      (definition.name.value === 'Applicant' || definition.name.value === 'Employer')
    ) {
      for (const field of definition.fields ?? []) fields[definition.name.value].add(field.name.value);
    }
  }
  return { types, fields };
}

/** Refuses a name the graph or the repository already uses in any of its forms. */
function refuseCollisions(scaffold: Scaffold, root: string, newFiles: readonly string[]): void {
  const { names } = scaffold;
  const taken = (what: string) => new Refusal(`${names.name}: ${what} is taken`);
  if (Object.hasOwn(REGISTRIES, names.id)) throw taken(`the registry id ${names.id}`);
  if (names.id in {}) throw new Refusal(`${names.name}: the registry id ${names.id} is a name every JavaScript object has`);
  const sameCode = Object.entries(REGISTRIES).find(([, registry]) => registry.code === names.code);
  if (sameCode) throw taken(`the code ${names.code} (registry ${sameCode[0]})`);
  const subgraphNames = new Set([...SUBGRAPHS.map((subgraph) => subgraph.name), ...Object.values(REGISTRIES).map((r) => r.subgraph)]);
  if (subgraphNames.has(names.name)) throw taken(`the subgraph name ${names.name}`);
  if (existsSync(join(root, 'subgraphs', names.name))) throw taken(`subgraphs/${names.name}/`);
  const existing = newFiles.filter((path) => existsSync(join(root, path)));
  if (existing.length > 0) throw taken(existing.join(', '));
  const graph = composedGraph(root);
  const entity = SUBJECT_KEYS[scaffold.on].graphType;
  if (graph.types.has(names.recordType)) throw taken(`the GraphQL type ${names.recordType}`);
  if (graph.fields[entity].has(names.id)) throw taken(`the field ${entity}.${names.id}`);
}

async function formatted(root: string, path: string, text: string): Promise<string> {
  const filepath = join(root, path);
  const options = await prettier.resolveConfig(filepath);
  return prettier.format(text, { ...options, filepath });
}

/** Works out the whole scaffold; throws Refusal for a request it refuses, SourceEditError for a file it cannot edit. */
export async function planNewRegistry(request: NewRegistryRequest, root = REPOSITORY_ROOT): Promise<Plan> {
  const names = registryNames(request.name);
  const port = Math.max(...SUBGRAPHS.map((subgraph) => subgraph.defaultPort)) + 1;
  const scaffold: Scaffold = { names, flavour: request.flavour, on: request.on, port };

  const newFiles: Array<[path: string, content: string]> = [
    [`contracts/registries/${names.name}.ts`, contractTemplate(scaffold)],
    [`subgraphs/${names.name}/schema.graphql`, subgraphSchemaTemplate(scaffold)],
    [`subgraphs/${names.name}/registry-client.ts`, registryClientTemplate(scaffold)],
    [`subgraphs/${names.name}/subgraph.ts`, subgraphDefinitionTemplate(scaffold)],
    [`subgraphs/${names.name}/main.ts`, subgraphMainTemplate(scaffold)],
    [`subgraphs/${names.name}/entities.test.ts`, entitiesTestTemplate(scaffold)],
    [`mocks/registries/${names.name}.ts`, mockServiceTemplate(scaffold)],
    [`mocks/dataset/sections/${names.name}.ts`, datasetSectionTemplate(scaffold)],
    [`test/e2e/${names.name}.test.ts`, e2eTestTemplate(scaffold)],
  ];
  refuseCollisions(
    scaffold,
    root,
    newFiles.map(([path]) => path),
  );

  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  const edits: Array<[path: string, edit: (source: string, path: string) => string]> = [
    ['contracts/registry-catalogue.ts', (source, path) => appendToLiteral(path, source, 'REGISTRIES', catalogueEntryTemplate(scaffold))],
    // The gateway's registry-call estimate must know the new field reads the registry, once per parent.
    [
      'gateway/registry-budget.ts',
      (source, path) =>
        appendToLiteral(
          path,
          source,
          'REGISTRY_READS',
          `'${scaffold.on === 'applicant' ? 'Applicant' : 'Employer'}.${names.id}': { per: 'parent', registries: ['${names.id}'] },`,
        ),
    ],
    [
      'subgraphs/shared/common.graphql',
      (source, path) => appendToGraphQLEnum(path, source, 'Registry', registryEnumValueTemplate(scaffold)),
    ],
    [
      'subgraphs/index.ts',
      (source, path) =>
        appendToLiteral(
          path,
          addImport(
            path,
            source,
            `import { ${names.subgraphConstant} } from './${names.name}/subgraph.js';`,
            `./${names.name}/subgraph.js`,
          ),
          'SUBGRAPHS',
          `${names.subgraphConstant},`,
        ),
    ],
    [
      'mocks/registries/index.ts',
      (source, path) =>
        appendToLiteral(
          path,
          addImport(path, source, `import { ${names.serviceFactory} } from './${names.name}.js';`, `./${names.name}.js`),
          'FACTORIES',
          `${names.id}: ${names.serviceFactory},`,
        ),
    ],
    [
      'contracts/rights.ts',
      (source, path) =>
        appendToLiteral(
          path,
          source,
          'RIGHTS',
          `'${names.right}': '${TODO}: what it shows; which roles need it (the rights file grants it to senior case workers)',`,
        ),
    ],
    // Deny by default, but the registry must be readable by someone for its field to be tested:
    // the scaffold grants its right to senior case workers only, and says so in the TODOs.
    ['gateway/rights.json', (source, path) => grantRight(path, source, 'senior-case-worker', names.right)],
    [
      'mocks/dataset/sections/index.ts',
      (source, path) =>
        appendToLiteral(
          path,
          addImport(path, source, `import { ${names.sectionConstant} } from './${names.name}.js';`, `./${names.name}.js`),
          'DATASET_SECTIONS',
          `${names.id}: ${names.sectionConstant},`,
        ),
    ],
  ];

  const changes: FileChange[] = [];
  for (const [path, content] of newFiles) changes.push({ path, before: null, after: await formatted(root, path, content) });
  for (const [path, edit] of edits) {
    const before = read(path);
    changes.push({ path, before, after: await formatted(root, path, edit(before, path)) });
  }
  return { scaffold, changes };
}

export function applyPlan(plan: Plan, root = REPOSITORY_ROOT): void {
  for (const change of plan.changes) {
    const file = join(root, change.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, change.after);
  }
}

/** Puts every changed file back and removes every written one (and the subgraph's folder). */
export function revertPlan(plan: Plan, root = REPOSITORY_ROOT): void {
  for (const change of plan.changes) {
    const file = join(root, change.path);
    if (change.before === null) rmSync(file, { force: true });
    else writeFileSync(file, change.before);
  }
  rmSync(join(root, 'subgraphs', plan.scaffold.names.name), { recursive: true, force: true });
}

/** A TODO the scaffold wrote: what the integrator must fill in, and where. */
export interface Todo {
  path: string;
  line: number;
  text: string;
}

/** Every TODO the scaffold wrote, by file and line. */
export function todosOf(plan: Plan): Todo[] {
  return plan.changes.flatMap((change) => {
    const before = new Set((change.before ?? '').split('\n').filter((line) => line.includes(TODO)));
    return change.after
      .split('\n')
      .flatMap((line, i) =>
        line.includes(TODO) && !before.has(line)
          ? [{ path: change.path, line: i + 1, text: line.slice(line.indexOf(TODO) + TODO.length).replace(/^:\s*|\s*\*\/\s*$/g, '') }]
          : [],
      );
  });
}
