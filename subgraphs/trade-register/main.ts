import { runSubgraph } from '../shared/subgraph-server.js';
import { tradeRegisterSubgraph } from './subgraph.js';

runSubgraph(tradeRegisterSubgraph);
