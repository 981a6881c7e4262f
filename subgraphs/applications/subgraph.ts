/**
 * The applications subgraph: the case register's applications and applicants, the root of
 * every case view and worklist. Registry subgraphs hang their answers on Applicant and
 * Employer; this one knows nothing of them.
 */
import { badUserInput } from '../../platform/errors.js';
import { applicantRefusal, CaseAccessRefusal, caseAccessError, caseRefusal, readableUnits } from '../shared/case-access.js';
import { withProvenance } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { validApplicationId, validBusinessId, validCustomerId, validPageSize, validPersonalIdentityCode } from '../shared/validation.js';
import type { Provenance, RegistryAnswer } from '../shared/xroad-client.js';
import { CaseRegisterClient } from './registry-client.js';
import {
  MAX_LIST_LIMIT,
  MAX_SEARCH_LIMIT,
  type ApplicationStatus,
  type ApplicationType,
  type CaseApplication,
  type LanguageCertificate,
  type RegisteredApplicant,
  type StayAbroad,
} from '../../contracts/registries/case-register.js';

type ApplicationNode = CaseApplication & { provenance: Provenance };

const MAX_IDS_PER_QUERY = 1000;

function nodesOf(applications: CaseApplication[] | null, provenance: Provenance, status?: ApplicationStatus | null): ApplicationNode[] {
  return (applications ?? [])
    .filter((application) => !status || application.status === status)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
    .map((application) => ({ ...application, provenance }));
}

const DAY_MS = 86_400_000;

/** The search criterion that keeps a person search to the caller's units (none for every unit). */
function unitsCriterion(units: 'all' | string[]): { units?: string[] } {
  return units === 'all' ? {} : { units };
}

export const applicationsSubgraph: SubgraphDefinition<'caseRegister'> = {
  name: 'applications',
  defaultPort: 4001,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['caseRegister'],
  resolvers: (clients) => {
    const caseRegister = new CaseRegisterClient(clients.caseRegister);

    /** An application the caller may read, with its provenance; FORBIDDEN (as an error value) for one of another unit. */
    const readable = (context: SubgraphContext, answer: RegistryAnswer<CaseApplication>) => {
      const refusal = answer.record ? caseRefusal(context.caller, answer.record.unit) : null;
      return refusal ? caseAccessError(refusal) : withProvenance(answer);
    };
    /** An applicant the caller may read (one of their cases is), with its provenance; FORBIDDEN otherwise. */
    const readableApplicant = (context: SubgraphContext, answer: RegistryAnswer<RegisteredApplicant>) => {
      const refusal = answer.record ? applicantRefusal(context.caller, answer.record) : null;
      return refusal ? caseAccessError(refusal) : withProvenance(answer);
    };
    /** The units a listing may show the caller; none at all is a refusal, not an empty list. */
    const listableUnits = (context: SubgraphContext) => {
      const units = readableUnits(context.caller);
      if (units !== 'all' && units.length === 0) throw caseAccessError(CaseAccessRefusal.NO_CASE_ACCESS);
      return units;
    };

    return {
      Query: {
        application: async (_: unknown, args: { id: string }, context: SubgraphContext) => {
          const result = readable(context, await caseRegister.application(context, validApplicationId(args.id, 'id')));
          if (result instanceof Error) throw result;
          return result;
        },

        applications: async (_: unknown, args: { ids: string[] }, context: SubgraphContext) => {
          if (args.ids.length > MAX_IDS_PER_QUERY) throw badUserInput(`ids may hold at most ${MAX_IDS_PER_QUERY} ids`, { argument: 'ids' });
          const ids = args.ids.map((id) => validApplicationId(id, 'ids'));
          // A case of another unit is null in its place, with its own FORBIDDEN error.
          return Promise.all(ids.map(async (id) => readable(context, await caseRegister.application(context, id))));
        },

        worklist: async (
          _: unknown,
          args: {
            filter?: { status?: ApplicationStatus | null; type?: ApplicationType | null; employerBusinessId?: string | null } | null;
            first: number;
            after?: string | null;
          },
          context: SubgraphContext,
        ) => {
          const limit = validPageSize(args.first, MAX_LIST_LIMIT);
          const employerBusinessId = args.filter?.employerBusinessId
            ? validBusinessId(args.filter.employerBusinessId, 'filter.employerBusinessId')
            : null;
          const response = await caseRegister.worklist(context, {
            status: args.filter?.status,
            type: args.filter?.type,
            employerBusinessId,
            // The case register lists only the caller's units' cases: pages stay full.
            units: listableUnits(context),
            limit,
            cursor: args.after,
          });
          return {
            items: response.record.items.map((application) => ({ ...application, provenance: response.provenance })),
            nextCursor: response.record.nextCursor,
            totalCount: response.record.totalCount,
          };
        },

        applicant: async (_: unknown, args: { id: string }, context: SubgraphContext) => {
          const result = readableApplicant(context, await caseRegister.applicant(context, validCustomerId(args.id, 'id')));
          if (result instanceof Error) throw result;
          return result;
        },

        searchApplicants: async (
          _: unknown,
          args: {
            personalIdentityCode?: string | null;
            familyName?: string | null;
            givenNames?: string | null;
            dateOfBirth?: string | null;
            nationality?: string | null;
            first: number;
          },
          context: SubgraphContext,
        ) => {
          const limit = validPageSize(args.first, MAX_SEARCH_LIMIT);
          const familyName = args.familyName?.trim();
          if (!args.personalIdentityCode && (!familyName || familyName.length < 2)) {
            throw badUserInput(
              'Search by personalIdentityCode, or by familyName (at least 2 characters) with optional givenNames, dateOfBirth and nationality',
            );
          }
          if (args.nationality && !/^[A-Z]{3}$/.test(args.nationality)) {
            throw badUserInput('nationality is an ISO 3166-1 alpha-3 code, e.g. FIN', { argument: 'nationality' });
          }
          const response = await caseRegister.searchApplicants(context, {
            ...(args.personalIdentityCode
              ? { personalIdentityCode: validPersonalIdentityCode(args.personalIdentityCode) }
              : {
                  familyName,
                  ...(args.givenNames?.trim() ? { givenNames: args.givenNames.trim() } : {}),
                  ...(args.dateOfBirth ? { dateOfBirth: args.dateOfBirth } : {}),
                  ...(args.nationality ? { nationality: args.nationality } : {}),
                }),
            ...unitsCriterion(listableUnits(context)),
            limit,
          });
          return response.record.items.map((applicant) => ({ ...applicant, provenance: response.provenance }));
        },
      },

      Application: {
        __resolveReference: async (reference: { id: string }, context: SubgraphContext) => {
          const result = readable(context, await caseRegister.application(context, reference.id));
          if (result instanceof Error) throw result;
          return result;
        },
        applicant: (application: ApplicationNode) => ({ ...application.applicant, provenance: application.provenance }),
        employer: (application: ApplicationNode) =>
          application.employerBusinessId ? { businessId: application.employerBusinessId } : null,
      },

      Applicant: {
        __resolveReference: async (reference: { id: string }, context: SubgraphContext) => {
          const result = readableApplicant(context, await caseRegister.applicant(context, reference.id));
          if (result instanceof Error) throw result;
          return result;
        },
        // The applicant's other applications: only those the caller may read.
        applications: async (applicant: { id: string }, _: unknown, context: SubgraphContext) => {
          const answer = await caseRegister.applicationsOfApplicant(context, applicant.id);
          return nodesOf(answer.record, answer.provenance).filter((application) => caseRefusal(context.caller, application.unit) === null);
        },
      },

      Employer: {
        __resolveReference: (reference: { businessId: string }) => ({ businessId: reference.businessId }),
        applications: async (employer: { businessId: string }, args: { status?: ApplicationStatus | null }, context: SubgraphContext) => {
          const answer = await caseRegister.applicationsOfEmployer(context, employer.businessId);
          // An employer's applications across units: the caller sees their own units' only.
          return nodesOf(answer.record, answer.provenance, args.status).filter(
            (application) => caseRefusal(context.caller, application.unit) === null,
          );
        },
      },

      LanguageCertificate: {
        speaking: (certificate: LanguageCertificate) => certificate.levels.speaking,
        writing: (certificate: LanguageCertificate) => certificate.levels.writing,
        listening: (certificate: LanguageCertificate) => certificate.levels.listening,
        reading: (certificate: LanguageCertificate) => certificate.levels.reading,
      },

      StayAbroad: {
        days: (stay: StayAbroad) => Math.round((Date.parse(stay.to) - Date.parse(stay.from)) / DAY_MS) + 1,
      },
    };
  },
};
