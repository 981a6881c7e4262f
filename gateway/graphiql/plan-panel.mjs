// The plan panel: a GraphiQL sidebar plugin showing, for the last operation run, how the gateway
// planned it and what it cost: the query plan as a tree of sequence and parallel steps, each
// subgraph fetch with the entity type and key fields it resolves by and how long it took, and a
// table of the registry calls the request caused (registry, X-Road service, keys, duration,
// cache level, X-Road request id).
//
// The gateway returns this (`extensions.casegraphPlan`) only to callers holding the query-plan
// right, and only when asked (`x-casegraph-plan: 1`, fetcher.mjs):
//   { queryPlan: string,   // Apollo's prettyFormatQueryPlan text
//     fetches: [{ subgraph, path: string[] ("@" for lists), entityFetch, durationMs }],
//     registryCalls: [{ subgraph, registry, service, keys, durationMs, fromCache: 'memory'|'redis'|null,
//                       xRoadId, outcome: 'ok'|'failed' }],
//     fromResponseCache: boolean }   // the gateway answered from its response cache: nothing ran
//
// Rendering takes React's createElement as `h`, so tests render with a stand-in; the page passes
// the React inside GraphiQL's bundle. Plain JavaScript without imports or browser globals.

export const PLAN_PLUGIN_TITLE = 'Query plan';
export const PLAN_RIGHT = 'query-plan:read';

// ---------------------------------------------------------------------------------------------
// Reading Apollo's query plan text

/** Apollo's plan text as a tree of blocks (`header {` ... `}`) and leaves (other lines). */
function blocksOf(text) {
  const root = { header: '', children: [], leaf: false };
  const stack = [root];
  const top = () => stack[stack.length - 1];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (/^\},?$/.test(line) || line === '}, [') {
      if (stack.length > 1) stack.pop();
    } else if (line === '} =>') {
      if (stack.length > 1) stack.pop().requires = true;
    } else if (line === '} Else {') {
      if (stack.length > 1) stack.pop();
      const block = { header: 'Else', children: [], leaf: false };
      top().children.push(block);
      stack.push(block);
    } else if (line.endsWith('{')) {
      const block = { header: line.slice(0, -1).trim(), children: [], leaf: false };
      top().children.push(block);
      stack.push(block);
    } else if (line !== ']' && line !== ':') {
      top().children.push({ header: line.replace(/,$/, ''), children: [], leaf: true });
    }
  }
  return root;
}

/** A selection's field name: `application(id: $id)` is application; aliases stay (`a: application`). */
const fieldName = (header) => header.replace(/\(.*$/, '').trim();

/** The fields a selection set selects at its top, inline fragments looked into. */
function topFields(block) {
  const fields = [];
  for (const child of block.children) {
    if (child.header.startsWith('... on ')) fields.push(...topFields(child));
    else if (child.header.startsWith('...')) fields.push(child.header);
    else if (child.header !== '__typename') fields.push(fieldName(child.header));
  }
  return [...new Set(fields)];
}

/** Reads a `Fetch(service: ...)` block: root or entity fetch, its types, keys and fields. */
function fetchNode(block, service) {
  const selections = block.children.filter((child) => !child.leaf && child.header === '');
  const requires = selections.find((selection) => selection.requires) ?? null;
  const operation = selections.find((selection) => !selection.requires) ?? null;
  const entityTypes = requires
    ? requires.children.filter((child) => child.header.startsWith('... on ')).map((child) => child.header.slice(7))
    : [];
  const keyFields = requires ? topFields(requires) : [];
  return {
    kind: 'Fetch',
    service,
    path: [],
    entityFetch: requires !== null,
    entityTypes: [...new Set(entityTypes)],
    keyFields,
    fields: operation ? topFields(operation) : [],
  };
}

function planNode(block) {
  const header = block.header;
  const nodes = () => block.children.filter((child) => !child.leaf).map(planNode);
  let match;
  if (header === 'Sequence' || header === 'Parallel') return { kind: header, children: nodes() };
  if ((match = /^Flatten\(path: "(.*)"\)$/.exec(header))) {
    const path = match[1] === '' ? [] : match[1].split('.');
    const [child] = nodes();
    if (child?.kind === 'Fetch') return { ...child, path };
    return { kind: 'Step', label: `At ${match[1]}`, children: child ? [child] : [] };
  }
  if ((match = /^Fetch\(service: "([^"]+)"/.exec(header))) return fetchNode(block, match[1]);
  if ((match = /^(Include|Skip|Condition)\(if: (\$\w+)\)$/.exec(header))) {
    const verb = match[1] === 'Skip' ? 'Unless' : 'If';
    return { kind: 'Step', label: `${verb} ${match[2]}`, children: nodes() };
  }
  if (header === 'Then' || header === 'Else') return { kind: 'Step', label: header, children: nodes() };
  return { kind: 'Step', label: header.replace(/:$/, ''), children: nodes() };
}

/**
 * Apollo's prettyFormatQueryPlan text as a tree: `{ kind: 'Sequence' | 'Parallel', children }`,
 * `{ kind: 'Fetch', service, path, entityFetch, entityTypes, keyFields, fields }`, and
 * `{ kind: 'Step', label, children }` for conditions, @defer and anything else. Null when the text
 * is no query plan.
 */
export function parseQueryPlan(text) {
  if (typeof text !== 'string') return null;
  const plan = blocksOf(text).children.find((child) => child.header === 'QueryPlan');
  if (!plan) return null;
  const [node] = plan.children.filter((child) => !child.leaf).map(planNode);
  return node ?? { kind: 'Sequence', children: [] };
}

/** Every fetch of a plan tree, in plan order. */
export function fetchesOf(node) {
  if (!node) return [];
  return node.kind === 'Fetch' ? [node] : node.children.flatMap(fetchesOf);
}

/**
 * Pairs the plan's fetches with the timings the gateway measured (`casegraphPlan.fetches`), by
 * subgraph and response path, in order. Returns a Map from plan fetch node to timing.
 */
export function timingsByFetch(tree, fetches) {
  const queues = new Map();
  for (const fetch of Array.isArray(fetches) ? fetches : []) {
    const key = `${fetch.subgraph}|${(fetch.path ?? []).join('.')}`;
    if (!queues.has(key)) queues.set(key, []);
    queues.get(key).push(fetch);
  }
  const timings = new Map();
  for (const node of fetchesOf(tree)) {
    const timing = queues.get(`${node.service}|${node.path.join('.')}`)?.shift();
    if (timing) timings.set(node, timing);
  }
  return timings;
}

// ---------------------------------------------------------------------------------------------
// Rendering

const formatMs = (ms) => (typeof ms === 'number' && Number.isFinite(ms) ? `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms` : '–');

const SOURCE_LABELS = { memory: 'memory cache', redis: 'Redis cache' };

/** A bar as long as `ms` is against the longest of its kind: a glance at where the time went. */
function durationBar(h, ms, longest) {
  const share = typeof ms === 'number' && longest > 0 ? Math.max(2, Math.round((ms / longest) * 100)) : 0;
  return h('span', { className: 'cg-plan-bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${share}%` } }));
}

function fetchItem(h, node, timing, longest, key) {
  const detail = [
    node.entityFetch ? `${node.entityTypes.join(', ') || 'entities'} by ` : 'root: ',
    node.entityFetch ? h('code', { key: 'keys' }, node.keyFields.join(', ') || '(no key)') : null,
    node.entityFetch && node.path.length > 0 ? [' at ', h('code', { key: 'path' }, node.path.join('.'))] : null,
    node.fields.length > 0 ? [node.entityFetch ? ' → ' : '', h('code', { key: 'fields' }, node.fields.join(', '))] : null,
  ];
  return h(
    'li',
    { className: `cg-plan-fetch${node.entityFetch ? ' cg-plan-entity' : ''}`, key },
    h(
      'div',
      { className: 'cg-plan-fetch-line' },
      h('span', { className: 'cg-plan-subgraph' }, node.service),
      h('span', { className: 'cg-plan-fetch-kind' }, node.entityFetch ? 'entity fetch' : 'root fetch'),
      h(
        'span',
        { className: 'cg-plan-duration', title: 'How long the gateway waited for this fetch' },
        timing ? formatMs(timing.durationMs) : '',
      ),
    ),
    timing ? durationBar(h, timing.durationMs, longest) : null,
    h('div', { className: 'cg-plan-fetch-detail' }, ...detail),
  );
}

function treeItem(h, node, timings, longest, key) {
  if (node.kind === 'Fetch') return fetchItem(h, node, timings.get(node), longest, key);
  const parallel = node.kind === 'Parallel';
  const label =
    node.kind === 'Sequence' ? 'Sequence: one after another' : parallel ? 'Parallel: at the same time' : node.label || node.kind;
  return h(
    'li',
    { className: `cg-plan-group cg-plan-${node.kind.toLowerCase()}`, key },
    h('span', { className: 'cg-plan-group-label' }, label),
    h(parallel ? 'ul' : 'ol', null, ...node.children.map((child, index) => treeItem(h, child, timings, longest, index))),
  );
}

function registryTable(h, calls) {
  if (calls.length === 0)
    return h('p', { className: 'cg-plan-note' }, 'No registry calls: nothing this answer needed was asked of a registry.');
  const header = ['Registry and X-Road service', 'Keys', 'Time', 'Answered by'];
  return h(
    'table',
    { className: 'cg-plan-calls' },
    h('thead', null, h('tr', null, ...header.map((title) => h('th', { key: title }, title)))),
    ...calls.map((call, index) =>
      h(
        'tbody',
        { key: index, className: call.outcome === 'failed' ? 'cg-plan-failed' : undefined },
        h(
          'tr',
          null,
          h(
            'td',
            null,
            h('strong', null, String(call.registry ?? '')),
            h('code', { className: 'cg-plan-service' }, String(call.service ?? '')),
          ),
          h('td', { className: 'cg-plan-number' }, String(call.keys ?? '')),
          h('td', { className: 'cg-plan-number' }, formatMs(call.durationMs)),
          h('td', null, SOURCE_LABELS[call.fromCache] ?? (call.outcome === 'failed' ? 'failed' : 'registry')),
        ),
        h(
          'tr',
          { className: 'cg-plan-call-ids' },
          h(
            'td',
            { colSpan: 4 },
            'X-Road request id ',
            call.xRoadId ? h('code', null, call.xRoadId) : '–',
            call.subgraph ? ` · by ${call.subgraph}` : '',
          ),
        ),
      ),
    ),
  );
}

function summaryOf(last, tree, calls) {
  const fetches = fetchesOf(tree);
  const entityFetches = fetches.filter((fetch) => fetch.entityFetch).length;
  const subgraphs = new Set(fetches.map((fetch) => fetch.service)).size;
  const fromCache = calls.filter((call) => call.fromCache).length;
  return [
    `${last.operationName ?? 'Anonymous operation'}: ${formatMs(last.durationMs)} in the browser`,
    `${fetches.length} fetch${fetches.length === 1 ? '' : 'es'} from ${subgraphs} subgraph${subgraphs === 1 ? '' : 's'} (${entityFetches} entity fetch${entityFetches === 1 ? '' : 'es'})`,
    `${calls.length} registry call${calls.length === 1 ? '' : 's'}${fromCache > 0 ? `, ${fromCache} from cache` : ''}`,
  ].join(' · ');
}

/**
 * The panel's contents.
 * @param state.caller       `{ name, id, roles }` of the signed-in analyst, or null when signed out
 * @param state.canSeePlans  whether the caller's roles hold the query-plan right
 * @param state.planRoles    the roles that hold it (for the note to those without it)
 * @param state.last         the last request (LastRequest.current()), or null
 */
export function renderPlanPanel(h, { caller, canSeePlans, planRoles, last }) {
  const title = h('div', { className: 'graphiql-doc-explorer-title' }, PLAN_PLUGIN_TITLE);
  const note = (text) => h('div', { className: 'cg-plan' }, title, h('p', { className: 'cg-plan-note' }, text));
  if (!caller) return note('Sign in to see how the gateway plans your operations.');
  if (!canSeePlans) {
    const holders = planRoles.length > 0 ? ` (${planRoles.join(', ')})` : '';
    return note(
      `The query plan needs the query-plan right (${PLAN_RIGHT}), which ${caller.name ?? caller.id} (${caller.roles.join(', ') || 'no roles'}) does not hold; the roles that do${holders} see it here.`,
    );
  }
  if (!last) return note('Run an operation: its query plan and the registry calls it caused appear here.');
  const plan = last.plan;
  if (!plan) {
    const why =
      last.status === 401 || last.status === null
        ? 'the request was not signed in.'
        : 'the gateway answered without one (it refused the operation before planning it, or could not run it).';
    return note(`No query plan for ${last.operationName ?? 'the last operation'}: ${why}`);
  }
  if (plan.fromResponseCache) {
    return note(
      `${last.operationName ?? 'The last operation'} was answered from the gateway's response cache: no query plan ran, and no subgraph or registry was asked. For a fresh answer send Cache-Control: no-cache (headers editor) or mark the operation @fresh.`,
    );
  }
  const tree = parseQueryPlan(plan.queryPlan);
  const calls = Array.isArray(plan.registryCalls) ? plan.registryCalls : [];
  const timings = timingsByFetch(tree, plan.fetches);
  const longest = Math.max(0, ...[...timings.values()].map((timing) => timing.durationMs).filter((ms) => typeof ms === 'number'));
  return h(
    'div',
    { className: 'cg-plan' },
    title,
    h('p', { className: 'cg-plan-summary' }, summaryOf(last, tree, calls)),
    h('h3', { className: 'cg-plan-heading' }, 'Subgraph fetches'),
    tree
      ? h('ol', { className: 'cg-plan-tree' }, treeItem(h, tree, timings, longest, 'root'))
      : h('p', { className: 'cg-plan-note' }, 'The plan could not be read; its text is below.'),
    h('h3', { className: 'cg-plan-heading' }, 'Registry calls'),
    registryTable(h, calls),
    h(
      'details',
      { className: 'cg-plan-raw' },
      h('summary', null, 'Query plan as Apollo prints it'),
      h('pre', null, typeof plan.queryPlan === 'string' ? plan.queryPlan : ''),
    ),
  );
}

/** The GraphiQL plugin: `{ title, icon, content }`, its content following `lastRequest`. */
export function planPlugin(React, { lastRequest, caller, canSeePlans, planRoles }) {
  const h = React.createElement;
  return {
    title: PLAN_PLUGIN_TITLE,
    icon: () =>
      h(
        'svg',
        { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, 'aria-hidden': 'true' },
        h('rect', { x: 3, y: 3, width: 7, height: 5, rx: 1 }),
        h('rect', { x: 14, y: 10, width: 7, height: 5, rx: 1 }),
        h('rect', { x: 14, y: 17, width: 7, height: 4, rx: 1 }),
        h('path', { d: 'M6.5 8v4.5H14M6.5 12.5V19H14' }),
      ),
    content: function QueryPlanPanel() {
      const last = React.useSyncExternalStore(lastRequest.subscribe, lastRequest.current);
      return renderPlanPanel(h, { caller, canSeePlans, planRoles, last });
    },
  };
}
