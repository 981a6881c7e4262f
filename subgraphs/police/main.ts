import { runSubgraph } from '../shared/subgraph-server.js';
import { policeSubgraph } from './subgraph.js';

runSubgraph(policeSubgraph);
