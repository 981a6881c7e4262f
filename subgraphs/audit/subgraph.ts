/**
 * The audit subgraph: the audit queries (docs/audit-queries.md) over the audit trail the gateway
 * writes, through the AuditReader interface, so it reads the JSONL file and PostgreSQL alike. It
 * reads no registry.
 *
 * Its queries are audited like any read of personal data: each reports what it read to the gateway
 * in the registry-activity extension, as the pseudo-registry AUDIT (contracts/audit.ts), with the
 * person searched for as the subject, so the gateway's record of it (purpose AUDIT_REVIEW) names
 * them and a later auditTrail of that person shows who looked.
 */
import { loadAuditConfig } from '../../platform/audit/audit-config.js';
import { openAuditReader } from '../../platform/audit/open-audit-store.js';
import type { AuditRegistryRead } from '../../contracts/audit.js';
import { noteAnswerFreshUntil, type SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { AuditQueries, type AuditEntry, type PageArguments, type TrailRead } from './audit-queries.js';

/** The registry code audit reads are reported under: the trail is not a registry, and says so. */
export const AUDIT_PSEUDO_REGISTRY = 'AUDIT';

/**
 * Reports a read of the trail for the gateway's audit record, and keeps the answer out of every
 * cache: an audit query answers from the trail as it is now, and the next view must show up in it.
 */
function reportTrailRead(context: SubgraphContext, query: string, read: TrailRead, startedAt: number): void {
  noteAnswerFreshUntil(context, 0);
  context.registryActivity.push({
    registry: AUDIT_PSEUDO_REGISTRY,
    service: `casegraph/audit/${query}`,
    source: 'registry',
    keys: Math.max(read.subjects.length, 1),
    subjects: read.subjects,
    xRoadIds: [],
    durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    outcome: 'ok',
  });
}

const upper = <T extends string>(value: T) => value.toUpperCase() as Uppercase<T>;

export const auditSubgraph: SubgraphDefinition<never> = {
  name: 'audit',
  defaultPort: 4008,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: [],
  readsAuditTrail: true,
  resolvers: (_clients, config, lifetime) => {
    // Read and checked at start: a missing or short subject key stops the process naming it.
    const audit = loadAuditConfig(config.environment);
    const reader = openAuditReader(audit);
    lifetime.onClose(() => reader.close());
    const queries = new AuditQueries(reader, audit.subjectKey);

    return {
      Query: {
        auditTrail: async (_: unknown, args: PageArguments & { subject: string }, context: SubgraphContext) => {
          const startedAt = performance.now();
          const { page, read } = await queries.auditTrail(args.subject, args);
          reportTrailRead(context, 'auditTrail', read, startedAt);
          return page;
        },
        subjectAccessReport: async (_: unknown, args: PageArguments & { subject: string }, context: SubgraphContext) => {
          const startedAt = performance.now();
          const { page, read } = await queries.subjectAccessReport(args.subject, args);
          reportTrailRead(context, 'subjectAccessReport', read, startedAt);
          return { generatedAt: new Date().toISOString(), ...page };
        },
        accessesByUser: async (_: unknown, args: PageArguments & { user: string }, context: SubgraphContext) => {
          const startedAt = performance.now();
          const { page, read } = await queries.accessesByUser(context.caller, args.user, args);
          reportTrailRead(context, 'accessesByUser', read, startedAt);
          return page;
        },
      },

      AuditEntry: {
        id: ({ record }: AuditEntry) => record.id,
        at: ({ record }: AuditEntry) => record.at,
        requestId: ({ record }: AuditEntry) => record.requestId,
        caller: ({ record }: AuditEntry) => ({
          user: record.caller.userId,
          organisation: record.caller.organisation,
          unit: record.caller.unit,
          roles: record.caller.roles,
        }),
        caseId: ({ record }: AuditEntry) => record.case.id,
        caseSource: ({ record }: AuditEntry) => (record.case.source ? upper(record.case.source) : null),
        purpose: ({ record }: AuditEntry) => record.purpose,
        operationName: ({ record }: AuditEntry) => record.operation.name,
        documentHash: ({ record }: AuditEntry) => record.operation.documentHash,
        outcome: ({ record }: AuditEntry) => upper(record.outcome),
        reads: ({ reads }: AuditEntry) => reads,
        refusals: ({ record }: AuditEntry) => record.refusals,
      },

      AuditRead: {
        subjectCount: (read: AuditRegistryRead) => read.subjects.length,
        // A call another request had in flight (shared) was still a registry call, made just then.
        fromCache: (read: AuditRegistryRead) => read.sources.some((source) => source !== 'registry' && source !== 'shared'),
        sources: (read: AuditRegistryRead) => read.sources.map((source) => upper(source.replace('-', '_'))),
        outcome: (read: AuditRegistryRead) => upper(read.outcome),
      },
    };
  },
};
