/**
 * Before a scenario is measured: which variable sets its requests take, and whether every
 * gateway answers them as expected and alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pLimit from 'p-limit';
import { firstDifference, withoutPerRequestFields } from './answers.js';
import type { RunningGateway } from './gateways.js';
import type { BenchOptions } from './options.js';
import type { Phase } from './phases.js';
import type { AnswerCheck } from './report.js';
import { checkResponse, type QueryRunner, type Scenario, type Variables } from './scenarios.js';

/** Sent with every request, besides the caller's `authorization` (security.ts). */
export const REQUEST_HEADERS = { 'content-type': 'application/json' };

/** A scenario caller's headers: for the measured requests, and for finding the variable sets. */
export interface CallerHeaders {
  /** `authorization: Bearer <access token>` of the scenario's caller; every gateway gets it (the peers ignore it). */
  measured: Record<string, string>;
  /** The same caller allowed any document (trusted documents are enforced): the discovery queries are not shipped operations. */
  discovery: Record<string, string>;
}

export interface PreparedScenario {
  scenario: Scenario;
  /** The caller's headers, sent with every measured request. */
  headers: Record<string, string>;
  /** The example operation as shipped in gateway/operations/. */
  query: string;
  /** Variable sets every gateway answered as expected and alike; requests take them in turn. */
  variableSets: Variables[];
}

export async function post(
  url: string,
  query: string,
  variables: Variables | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...REQUEST_HEADERS, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, text: await response.text() };
}

/** Runs a query on a gateway and returns its data; any error is a failure of the benchmark's setup. */
function queryRunner(gateway: RunningGateway, headers: Record<string, string>): QueryRunner {
  return async (query, variables) => {
    const { status, text } = await post(gateway.graphqlUrl, query, variables, headers);
    const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: unknown };
    if (status !== 200 || body.errors !== undefined || !body.data) {
      throw new Error(`${gateway.definition.id} could not answer a set-up query: status ${status}, ${text.slice(0, 300)}`);
    }
    return body.data;
  };
}

/** At most this many answer-check requests at once, to keep the check short on 2 cores. */
const CHECK_CONCURRENCY = 6;

/**
 * Before measuring: finds the scenario's variable sets through the reference gateway (casegraph),
 * then sends every set to every gateway. Each answer must be the expected one (scenarios.ts) and,
 * apart from per-request provenance, the same as the reference's. A set the reference itself
 * answers wrongly is dropped; a peer that answers any set wrongly is not measured on the scenario.
 */
export async function prepareScenario(
  options: BenchOptions,
  phase: Phase,
  scenario: Scenario,
  operationsDir: string,
  gateways: readonly RunningGateway[],
  headers: CallerHeaders,
): Promise<{ prepared: PreparedScenario; checks: AnswerCheck[]; dropped: string[] }> {
  const query = readFileSync(path.join(operationsDir, `${scenario.operation}.graphql`), 'utf8');
  const [reference, ...allPeers] = gateways;
  if (!reference) throw new Error('no gateway to check answers against');
  const peers = allPeers.filter((peer) => !scenario.gateways || scenario.gateways.includes(peer.definition.id));
  const discovered = await scenario.discoverVariableSets(queryRunner(reference, headers.discovery));
  const candidates = options.variableSets === 'all' ? discovered : discovered.slice(0, scenario.connections);
  const limit = pLimit(CHECK_CONCURRENCY);

  const answer = async (gateway: RunningGateway, variables: Variables): Promise<{ data: unknown } | { problem: string }> => {
    const { status, text } = await post(gateway.graphqlUrl, query, variables, headers.measured);
    const outcome = checkResponse(scenario, variables, status, text);
    if ('problem' in outcome) return { problem: `${JSON.stringify(variables)}: ${outcome.problem}` };
    return { data: withoutPerRequestFields(outcome.data) };
  };

  const referenceAnswers = await Promise.all(candidates.map((variables) => limit(() => answer(reference, variables))));
  const accepted = candidates.flatMap((variables, index) => {
    const result = referenceAnswers[index]!;
    return 'data' in result ? [{ variables, data: result.data }] : [];
  });
  const referenceProblems = referenceAnswers.flatMap((result) => ('problem' in result ? [result.problem] : []));

  const checks: AnswerCheck[] = [
    {
      phase: phase.name,
      gateway: reference.definition.id,
      scenario: scenario.id,
      variableSets: candidates.length,
      problem: accepted.length === 0 ? `no variable set answered as expected (${referenceProblems[0] ?? 'none found'})` : null,
    },
  ];
  // The peers are checked side by side: the heavy worklist takes seconds per answer.
  const peerChecks = await Promise.all(
    peers.map(async (peer): Promise<AnswerCheck> => {
      const problems = await Promise.all(
        accepted.map(({ variables, data }) =>
          limit(async () => {
            const result = await answer(peer, variables);
            if ('problem' in result) return result.problem;
            const difference = firstDifference(data, result.data);
            return difference === null
              ? null
              : `${JSON.stringify(variables)}: answer differs from ${reference.definition.id}'s at ${difference}`;
          }),
        ),
      );
      const wrong = problems.filter((problem): problem is string => problem !== null);
      let problem: string | null = null;
      if (accepted.length === 0) problem = `not checked: ${reference.definition.id} answered no variable set as expected`;
      else if (wrong.length > 0) problem = `${wrong.length} of ${accepted.length} variable sets answered wrongly, e.g. ${wrong[0]}`;
      return { phase: phase.name, gateway: peer.definition.id, scenario: scenario.id, variableSets: accepted.length, problem };
    }),
  );
  checks.push(...peerChecks);
  return {
    prepared: { scenario, headers: headers.measured, query, variableSets: accepted.map(({ variables }) => variables) },
    checks,
    dropped: referenceProblems,
  };
}
