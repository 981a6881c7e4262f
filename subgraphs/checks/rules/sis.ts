/**
 * The SIS II rule, part of every rule set: an alert on the applicant is never weighed by a
 * machine. Any hit, whatever its article, sends the case to a person.
 */
import type { CaseApplication } from '../../../contracts/registries/case-register.js';
import type { SisPersonSearchResult } from '../../../contracts/registries/sis.js';
import type { SubgraphContext } from '../../shared/request-context.js';
import { SisRegistryClient } from '../../sis/registry-client.js';
import { answerOf, type RegistryReaders } from '../registry-readers.js';
import { defineRule, registryFact, registryUnavailable, type Answer } from './rule.js';

export interface SisFacts {
  /** The SIS II search for the applicant, by identity code, document number and names with date of birth. */
  sis: Answer<SisPersonSearchResult>;
}

/** The SIS II search on the applicant, for a rule set's `gatherFacts` to start with its other loads. */
export async function gatherSisFacts(readers: RegistryReaders, context: SubgraphContext, application: CaseApplication): Promise<SisFacts> {
  return { sis: await answerOf(() => readers.sis.search(context, SisRegistryClient.searchFor(application.applicant))) };
}

export const sisRule = defineRule<SisFacts>(
  {
    id: 'sis.noHits',
    version: 1,
    title: 'No alerts on the applicant in SIS II',
    legalBasis:
      'Regulations (EU) 2018/1860, 2018/1861 and 2018/1862 (SIS II): ' +
      'a hit is verified and acted upon by a person, following the action the alert states',
    discretionary: false,
    outcomes: ['FULFILLED', 'MANUAL_REVIEW'],
  },
  ({ sis }) => {
    if (!sis.ok) return registryUnavailable([sis.failure], 'The SIS II search');
    if (!sis.record) {
      return { outcome: 'MANUAL_REVIEW', explanation: 'SIS II gave no search result: for a case worker' };
    }
    const hits = sis.record.hits;
    const facts = [
      registryFact('sisHitCount', hits.length, sis.provenance),
      registryFact(
        'sisHitArticles',
        hits.map((hit) => hit.article),
        sis.provenance,
      ),
    ];
    if (hits.length === 0) return { outcome: 'FULFILLED', explanation: 'There are no alerts on the applicant in SIS II', facts };
    const alerts = hits.length === 1 ? 'an alert' : `${hits.length} alerts`;
    return {
      outcome: 'MANUAL_REVIEW',
      explanation: `SIS II has ${alerts} matching the applicant: every hit is verified by a case worker`,
      facts,
    };
  },
);
