import { runSubgraph } from '../shared/subgraph-server.js';
import { checksSubgraph } from './subgraph.js';

runSubgraph(checksSubgraph);
