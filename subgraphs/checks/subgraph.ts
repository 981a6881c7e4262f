/**
 * The prerequisite checks subgraph: the rule engine, as its own subgraph, reading the
 * registries itself.
 *
 * Why it reads the registries itself, through the shared X-Road client and the registry
 * clients of the other subgraphs, rather than taking registry fields from the gateway with
 * @requires:
 *
 * - Confidentiality. A case worker without rights to police records must still see the
 *   integrity outcome, but not the records behind it. With @requires the gateway would fetch
 *   the police records on behalf of the caller, under the caller's rights. Here the engine reads
 *   them as a service and exposes outcomes; police-derived fact values are withheld unless the
 *   request grants the right (SubgraphContext.rights).
 * - Bulk. UMA runs over 230,000 prerequisite checks a day. They need batch loaders across a
 *   whole page of applications: one call per batch registry per 500 keys, police and SIS once
 *   per distinct applicant. With @requires the gateway would ship every application's registry
 *   data to this subgraph as entity representations, and each registry subgraph would fetch it
 *   first.
 * - Provenance in one place. Every fact a rule uses keeps the registry, time and X-Road request
 *   id of the answer it came from, read where the rule runs.
 *
 * The facts come through the shared per-request loaders, so the registry cache applies to them
 * as to every other subgraph.
 */
import { CaseRegisterClient } from '../applications/registry-client.js';
import { MAX_LIST_LIMIT, type ApplicationStatus, type ApplicationType } from '../../contracts/registries/case-register.js';
import { REGISTRY_IDS, type RegistryId } from '../../contracts/registry-catalogue.js';
import { PoliceRegistryClient } from '../police/registry-client.js';
import { PopulationRegistryClient } from '../population/registry-client.js';
import type { IsoDate } from '../../contracts/xroad.js';
import { CaseAccessRefusal, caseAccessError, readableUnits, requireCaseAccess } from '../shared/case-access.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { validApplicationId, validPageSize } from '../shared/validation.js';
import { SisRegistryClient } from '../sis/registry-client.js';
import { TaxRegistryClient } from '../tax/registry-client.js';
import { TradeRegisterClient } from '../trade-register/registry-client.js';
import { todayInFinland } from './calendar.js';
import { PrerequisiteChecker } from './checker.js';
import type { PrerequisiteCheck } from './evaluation.js';
import type { RegistryReaders } from './registry-readers.js';
import { RULE_SETS } from './rules/index.js';
import type { Fact } from './rules/rule.js';
import type { Thresholds } from '../../contracts/check-thresholds.js';
import type { Right } from '../../contracts/rights.js';
import { loadConfiguredThresholds } from './thresholds-config.js';

const READ_REGISTRIES = new Set<RegistryId>(['caseRegister', ...RULE_SETS.flatMap((ruleSet) => ruleSet.registries)]);

/**
 * The registries the checks read, in the catalogue's order: the case register, for the
 * applications, and every registry a rule set reads. Only these get an X-Road client.
 */
const CHECKS_REGISTRIES = REGISTRY_IDS.filter((id): id is keyof RegistryReaders => READ_REGISTRIES.has(id));

/** The right that shows the value of a confidential fact: police-derived facts need the police-records right. */
const RIGHT_TO_SEE: Readonly<Record<NonNullable<Fact['confidentiality']>, Right>> = {
  POLICE_RECORDS: 'police:read',
};

/**
 * A fact as a caller sees it: a confidential value is withheld unless the caller has the right to
 * it. The outcome the fact led to (e.g. integrity) stays visible to every case worker.
 */
function visibleFact(fact: Fact, context: SubgraphContext) {
  const withheld = fact.confidentiality !== null && !context.caller.rights.has(RIGHT_TO_SEE[fact.confidentiality]);
  return {
    name: fact.name,
    value: withheld ? null : JSON.stringify(fact.value ?? null),
    withheld,
    confidentiality: fact.confidentiality,
    source: fact.source,
    provenance: fact.provenance,
  };
}

/** The checks subgraph, applying `thresholds`; `checksSubgraph` reads them from configuration at start. */
export function createChecksSubgraph(thresholds?: Thresholds): SubgraphDefinition<keyof RegistryReaders> {
  return {
    name: 'checks',
    defaultPort: 4007,
    schemaFile: new URL('./schema.graphql', import.meta.url),
    registries: CHECKS_REGISTRIES,
    resolvers: (clients, config) => {
      // A reader whose registry is not in CHECKS_REGISTRIES would have no X-Road client behind it: no
      // rule set calls one, as each reads only the registries it declares (rules/rule-sets.test.ts).
      const readers: RegistryReaders = {
        caseRegister: new CaseRegisterClient(clients.caseRegister),
        population: new PopulationRegistryClient(clients.population),
        police: new PoliceRegistryClient(clients.police, config.REGISTRY_SUBJECT_CONCURRENCY),
        sis: new SisRegistryClient(clients.sis, config.REGISTRY_SUBJECT_CONCURRENCY),
        tradeRegister: new TradeRegisterClient(clients.tradeRegister),
        tax: new TaxRegistryClient(clients.tax),
      };
      const { caseRegister } = readers;
      const checker = new PrerequisiteChecker(
        readers,
        // Read and validated here, at start: a bad thresholds file stops the process naming the problem.
        thresholds ?? loadConfiguredThresholds(),
      );

      return {
        Query: {
          prerequisiteChecks: async (
            _: unknown,
            args: { type: ApplicationType; status?: ApplicationStatus | null; first: number; after?: string | null; asOf?: IsoDate | null },
            context: SubgraphContext,
          ) => {
            const limit = validPageSize(args.first, MAX_LIST_LIMIT);
            const asOf = args.asOf ?? todayInFinland();
            const units = readableUnits(context.caller);
            if (units !== 'all' && units.length === 0) throw caseAccessError(CaseAccessRefusal.NO_CASE_ACCESS);
            // Only the caller's reach: the bulk checker reads every unit's cases, anyone else their own unit's.
            const page = await caseRegister.worklist(context, { type: args.type, status: args.status, units, limit, cursor: args.after });
            const { items, nextCursor, totalCount } = page.record;
            return {
              items: await Promise.all(items.map((record) => checker.check(context, { record, provenance: page.provenance }, asOf))),
              nextCursor,
              totalCount,
            };
          },
        },

        Application: {
          __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
          prerequisiteCheck: async (application: { id: string }, args: { asOf?: IsoDate | null }, context: SubgraphContext) => {
            validApplicationId(application.id);
            // The application is the check's subject: without the case register there is nothing to
            // check, so its failure is this field's error, naming it.
            const answer = await caseRegister.application(context, application.id);
            if (!answer.record) return null;
            // A case of another unit: no registry is asked about its applicant.
            requireCaseAccess(context.caller, answer.record.unit);
            return checker.check(context, { record: answer.record, provenance: answer.provenance }, args.asOf ?? todayInFinland());
          },
        },

        PrerequisiteCheck: {
          application: (check: PrerequisiteCheck) => ({ id: check.applicationId }),
        },

        RuleResult: {
          ruleId: (rule: { id: string }) => rule.id,
          facts: (rule: { facts: Fact[] }, _: unknown, context: SubgraphContext) => rule.facts.map((fact) => visibleFact(fact, context)),
        },
      };
    },
  };
}

export const checksSubgraph = createChecksSubgraph();
