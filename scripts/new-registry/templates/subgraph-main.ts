/** subgraphs/<name>/main.ts: the subgraph as a process. */
import type { Scaffold } from './scaffold.js';

export function subgraphMainTemplate({ names }: Scaffold): string {
  return `import { runSubgraph } from '../shared/subgraph-server.js';
import { ${names.subgraphConstant} } from './subgraph.js';

runSubgraph(${names.subgraphConstant});
`;
}
