import { runSubgraph } from '../shared/subgraph-server.js';
import { auditSubgraph } from './subgraph.js';

runSubgraph(auditSubgraph);
