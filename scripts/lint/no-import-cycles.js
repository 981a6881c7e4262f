// ESLint rule casegraph/no-import-cycles: no module may reach itself through imports, and type-only
// imports count (import-x/no-cycle skips them, but a type-only loop still ties two modules' designs
// together). The project's whole import graph is read once per lint run with TypeScript's own
// pre-processor (every import, export-from and dynamic import with a relative specifier, `.js`
// resolved to the `.ts` source), its strongly connected components are found (Tarjan), and each
// import that stays inside a component is reported with the loop it closes.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', 'coverage', '.git', '.scratch', 'results', 'profiles']);

/** Where a relative specifier in `from` points, as a source file that exists; null otherwise. */
function resolveSpecifier(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [
    target,
    target.replace(/\.js$/, '.ts'),
    target.replace(/\.mjs$/, '.mts'),
    `${target}.ts`,
    path.join(target, 'index.ts'),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

function sourceFiles(directory, found = []) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.') && entry.isDirectory()) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) sourceFiles(full, found);
    } else if (SOURCE_EXTENSIONS.includes(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found;
}

/** file -> [{ target, specifier }] for every relative import of every source file under `root`. */
function importGraph(root) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const edges = [];
    for (const { fileName } of importedFiles) {
      const target = resolveSpecifier(file, fileName);
      if (target && target !== file) edges.push({ target, specifier: fileName });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Tarjan's strongly connected components: file -> component id, for components of two or more files. */
function cyclicComponents(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const componentOf = new Map();
  let counter = 0;
  let components = 0;
  const visit = (start) => {
    // Iterative, so a deep import chain cannot overflow the call stack.
    const work = [{ file: start, edge: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.file) ?? [];
      if (frame.edge < edges.length) {
        const { target } = edges[frame.edge++];
        if (!graph.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ file: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.file, Math.min(low.get(frame.file), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].file;
        low.set(parent, Math.min(low.get(parent), low.get(frame.file)));
      }
      if (low.get(frame.file) === index.get(frame.file)) {
        const members = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          members.push(member);
        } while (member !== frame.file);
        if (members.length > 1) {
          components++;
          for (const file of members) componentOf.set(file, components);
        }
      }
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return componentOf;
}

/** The shortest chain of imports from `from` back to `to`, inside one component, as relative paths. */
function loopBack(graph, componentOf, from, to, root) {
  const component = componentOf.get(from);
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === to) break;
    for (const { target } of graph.get(file) ?? []) {
      if (componentOf.get(target) === component && !previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  const chain = [];
  for (let file = to; file !== null && file !== undefined; file = previous.get(file)) chain.unshift(path.relative(root, file));
  return chain;
}

let cached = null;

function analysis(root) {
  if (cached?.root !== root) {
    const graph = importGraph(root);
    cached = { root, graph, componentOf: cyclicComponents(graph) };
  }
  return cached;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only imports included.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{loop}}' },
  },
  create(context) {
    const root = context.cwd;
    const file = context.physicalFilename;
    const { graph, componentOf } = analysis(root);
    const component = componentOf.get(file);
    if (component === undefined) return {};
    const report = (node, specifier) => {
      const target = resolveSpecifier(file, specifier);
      if (!target || componentOf.get(target) !== component) return;
      const loop = [path.relative(root, file), ...loopBack(graph, componentOf, target, file, root)];
      context.report({ node, messageId: 'cycle', data: { loop: loop.join(' -> ') } });
    };
    return {
      ImportDeclaration: (node) => report(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && report(node, node.source.value),
      ExportAllDeclaration: (node) => report(node, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && typeof node.source.value === 'string' && report(node, node.source.value),
    };
  },
};
