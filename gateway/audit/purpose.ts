/**
 * Why a request consulted personal data, as the audit trail records it: from the case it names and
 * the root fields it asks for. A request about one case (x-case-id, or `application(id:)` alone) is
 * case handling whatever it reads; otherwise the root fields say. A root field this table does not
 * know (a registry's lookup added later) is a search: it finds a person or a company by identifier.
 */
import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { AuditPurpose } from '../../contracts/audit.js';

export const PURPOSE_OF_ROOT_FIELD: Readonly<Record<string, AuditPurpose>> = {
  application: 'CASE_HANDLING',
  applications: 'CASE_LISTS',
  worklist: 'CASE_LISTS',
  applicant: 'SEARCH',
  searchApplicants: 'SEARCH',
  populationRecord: 'SEARCH',
  employer: 'SEARCH',
  prerequisiteChecks: 'BULK_CHECKS',
  auditTrail: 'AUDIT_REVIEW',
  subjectAccessReport: 'AUDIT_REVIEW',
  accessesByUser: 'AUDIT_REVIEW',
};

/** When root fields of several purposes meet in one request, the one recorded is the first of these. */
const PRECEDENCE: readonly AuditPurpose[] = ['AUDIT_REVIEW', 'BULK_CHECKS', 'SEARCH', 'CASE_LISTS', 'CASE_HANDLING', 'OTHER'];

function rootFieldNames(selectionSet: SelectionSetNode, document: DocumentNode, names: Set<string>, seen: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      rootFieldNames(selection.selectionSet, document, names, seen);
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
      );
      if (fragment?.kind === Kind.FRAGMENT_DEFINITION) rootFieldNames(fragment.selectionSet, document, names, seen);
    }
  }
}

export function purposeOf(operation: OperationDefinitionNode, document: DocumentNode, caseId: string | null): AuditPurpose {
  const names = new Set<string>();
  rootFieldNames(operation.selectionSet, document, names, new Set());
  const purposes = new Set([...names].map((name) => PURPOSE_OF_ROOT_FIELD[name] ?? 'SEARCH'));
  if (purposes.has('AUDIT_REVIEW')) return 'AUDIT_REVIEW';
  if (caseId !== null) return 'CASE_HANDLING';
  return PRECEDENCE.find((purpose) => purposes.has(purpose)) ?? 'OTHER';
}
