/**
 * Audit record contents for tests of the stores: what the gateway would write for a request, with
 * the caller, time and subjects a test needs, and nothing personal (subjects are made-up pseudonyms).
 */
import { randomUUID } from 'node:crypto';
import type { AuditRecordContent } from '../contracts/audit.js';

export interface RecordShape {
  at?: Date | string;
  userId?: string | null;
  unit?: string | null;
  subjects?: string[];
  purpose?: AuditRecordContent['purpose'];
}

export function auditContent({
  at = new Date(),
  userId = 'kaisa.virtanen',
  unit = 'HEL-1',
  subjects = ['subject-a'],
  purpose = 'CASE_HANDLING',
}: RecordShape = {}): AuditRecordContent {
  return {
    id: randomUUID(),
    at: typeof at === 'string' ? at : at.toISOString(),
    requestId: randomUUID(),
    traceId: null,
    caller: { userId, organisation: userId ? 'FI/GOV/0245437-2' : null, unit, roles: userId ? ['case-worker'] : [] },
    case: { id: 'APP-0000001', source: 'operation' },
    purpose,
    operation: { name: 'CaseView', documentHash: 'f'.repeat(64) },
    outcome: 'served',
    refusals: [],
    registries: [
      {
        registry: 'POPULATION',
        service: 'FI/GOV/0245437-2/VTJ/personRecords',
        subjects: [...subjects].sort(),
        fields: ['PopulationRecord.givenNames'],
        xRoadIds: [randomUUID()],
        sources: ['registry'],
        outcome: 'ok',
      },
    ],
  };
}
