import { runSubgraph } from '../shared/subgraph-server.js';
import { sisSubgraph } from './subgraph.js';

runSubgraph(sisSubgraph);
