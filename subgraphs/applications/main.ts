import { runSubgraph } from '../shared/subgraph-server.js';
import { applicationsSubgraph } from './subgraph.js';

runSubgraph(applicationsSubgraph);
