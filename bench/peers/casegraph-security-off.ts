/**
 * casegraph's gateway with authentication and authorization off, for one purpose: issue 10 asks
 * what they cost against "the same run with them off". It is casegraph's own gateway
 * (gateway/server.ts), configured from the environment like the audit-off variant, except that
 * every GraphQL request is served as the bench's senior case worker without its token being
 * looked at, no field authorization or case check runs, and the subgraphs get the peers' one fixed
 * assertion (which they still verify) instead of one signed per caller and case. Trusted documents,
 * limits, the response cache, tracing and metrics stay as they are: those are not what issue 10
 * measures. Nothing but the benchmark starts this file; the gateway refuses it in production.
 *
 *   PORT=4204 SUPERGRAPH_PATH=... OIDC_ISSUER=... OIDC_JWKS_FILE=... GATEWAY_ASSERTION_SIGNING_KEY=... \
 *     AUDIT_SINK=off BENCH_SUBGRAPH_ASSERTION_FILE=<file> node dist/bench/peers/casegraph-security-off.js
 */
import '../../platform/vendor-telemetry-off.js';
import { readFileSync } from 'node:fs';
import { loadRightsFile } from '../../gateway/authentication/rights-file.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { startGateway } from '../../gateway/server.js';
import { createLogger } from '../../platform/logger.js';
import { runService, stopOnSignals } from '../../platform/service-process.js';
import { startTracing } from '../../platform/tracing.js';
import { benchCallerPrincipal, PEER_CALLER } from '../security.js';

await runService('gateway', async () => {
  const assertionFile = process.env.BENCH_SUBGRAPH_ASSERTION_FILE;
  if (!assertionFile) throw new Error('BENCH_SUBGRAPH_ASSERTION_FILE: required, the peers\u2019 fixed assertion');
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.logLevel);
  // As gateway/main.ts does: the async trace context (trace ids in logs and records) costs every
  // request something, and a baseline without it would put that cost on security's side.
  const tracing = startTracing('casegraph-gateway', config.tracing);
  // The caller the peers' assertion was signed for.
  const caller = benchCallerPrincipal(PEER_CALLER, loadRightsFile(config.rightsFile));
  const gateway = await startGateway(config, {
    logger,
    callerSecurityOff: { caller, subgraphAssertion: readFileSync(assertionFile, 'utf8').trim() },
  });
  logger.warn({ url: gateway.url }, 'the benchmark\u2019s security-off gateway: no caller is authenticated or authorized');
  stopOnSignals(() => gateway.close().then(() => tracing.shutdown()), logger, 'gateway');
});
