/**
 * The example operations and the query limits against the real supergraph: every operation
 * GraphiQL offers must validate, and the default limits must admit the heaviest legitimate
 * operation (a 1,000-application worklist with every registry summary) while refusing abuse.
 * The subgraphs are pointed at a dead port: only parsing, validation and the limits matter here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { pino } from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../contracts/identity.js';
import { createTestIdentity } from '../test/test-identity.js';
import { loadGatewayConfig, subgraphUrlVariable } from './config.js';
import { startGateway, type RunningGateway } from './server.js';

let gateway: RunningGateway;
let operationsDir: string;
let signedIn: Record<string, string>;

beforeAll(async () => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const deadUrl = `http://127.0.0.1:${(probe.address() as net.AddressInfo).port}/graphql`;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const identity = await createTestIdentity();
  // A caller in every role: the operations and limits are under test here, not who may read what.
  signedIn = await identity.as({ sub: 'test.every-role', roles: [...ROLES], unit: 'HEL-1' });
  const defaults = loadGatewayConfig(identity.gatewayEnv);
  operationsDir = defaults.operationsDir;
  const config = loadGatewayConfig({
    ...identity.gatewayEnv,
    PORT: '0',
    ...Object.fromEntries(defaults.subgraphs.map(({ name }) => [subgraphUrlVariable(name), deadUrl])),
  });
  gateway = await startGateway(config, { logger: pino({ level: 'silent' }) });
});
afterAll(() => gateway.close());

async function errorCodes(query: string): Promise<unknown[]> {
  const response = await request(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedIn },
    body: JSON.stringify({ query }),
  });
  const body = (await response.body.json()) as { errors?: Array<{ extensions?: { code?: unknown } }> };
  return [...new Set((body.errors ?? []).map((error) => error.extensions?.code))];
}

/** Codes that mean the operation itself was accepted; the subgraphs being down is expected. */
const ACCEPTED = [[], ['SUBGRAPH_UNAVAILABLE']];

const WORKLIST_OF_1000 = `query WorklistOf1000 {
  worklist(first: 1000) {
    totalCount
    nextCursor
    items {
      id type status submittedAt
      applicant {
        id givenNames familyName dateOfBirth nationalities
        population { identityCodeValid nonDisclosure municipalityOfResidence { name since } dateOfDeath }
        police { hasEntries matchedBy provenance { registry retrievedAt requestId fromCache } }
        sis { hitCount requiresHumanReview provenance { registry retrievedAt requestId fromCache } }
        taxDebt { hasDebt amountEur underPaymentPlan }
      }
      employer {
        businessId
        tradeRegister { name status inTradeRegister liableForVat }
        taxCompliance { taxReturnsFiled taxDebtEur taxDebtUnderPaymentPlan overdueTaxesEur customsDutiesDueEur }
      }
    }
  }
}`;

const ids = Array.from({ length: 1000 }, (_, i) => `"APP-${String(i + 1).padStart(7, '0')}"`).join(' ');

describe('the example operations', () => {
  const files = readdirSync(path.resolve(import.meta.dirname, 'operations')).filter((file) => file.endsWith('.graphql'));

  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s validates against the supergraph within the limits', async (file) => {
    expect(ACCEPTED).toContainEqual(await errorCodes(readFileSync(path.join(operationsDir, file), 'utf8')));
  });
});

describe('the default query limits', () => {
  it('admit a worklist of 1,000 applications with every registry summary', async () => {
    expect(ACCEPTED).toContainEqual(await errorCodes(WORKLIST_OF_1000));
  });

  it('admit 1,000 application ids given literally', async () => {
    expect(ACCEPTED).toContainEqual(await errorCodes(`{ applications(ids: [${ids}]) { id status applicant { familyName } } }`));
  });

  it('admit the introspection query GraphiQL sends', async () => {
    expect(await errorCodes(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });

  it.each([
    ['a page of 5,000', WORKLIST_OF_1000.replace('first: 1000', 'first: 5000')],
    [
      'a cycle through applicants and their applications',
      `{ application(id: "APP-0000001") { ${'applicant { applications { '.repeat(5)}id${' } }'.repeat(5)} } }`,
    ],
    [
      'alias batching',
      `{ ${Array.from({ length: 21 }, (_, i) => `p${i}: populationRecord(personalIdentityCode: "010594Y9021") { familyName }`).join(' ')} }`,
    ],
    ['directive overloading', `{ application(id: "APP-0000001") { ${'id @include(if: true) '.repeat(21)}} }`],
  ])('refuse %s', async (_abuse, query) => {
    expect(await errorCodes(query)).toEqual(['QUERY_TOO_COMPLEX']);
  });
});
