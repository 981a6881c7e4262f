import { runSubgraph } from '../shared/subgraph-server.js';
import { taxSubgraph } from './subgraph.js';

runSubgraph(taxSubgraph);
