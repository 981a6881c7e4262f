import { runSubgraph } from '../shared/subgraph-server.js';
import { populationSubgraph } from './subgraph.js';

runSubgraph(populationSubgraph);
