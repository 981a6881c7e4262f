/**
 * What police and SIS records are drawn from: offences with their sanctions, SIS alert articles
 * with their legal basis and rates, issuing states and warning markers.
 */
import type { SisArticle } from '../../../contracts/registries/sis.js';

export const OFFENCES: readonly { title: string; category: 'MINOR' | 'ORDINARY' | 'SERIOUS'; sanctions: readonly string[] }[] = [
  { title: 'Petty theft', category: 'MINOR', sanctions: ['Fine (10 day-fines)', 'Fine (15 day-fines)'] },
  { title: 'Traffic offence', category: 'MINOR', sanctions: ['Penalty fee', 'Fine (12 day-fines)'] },
  { title: 'Theft', category: 'ORDINARY', sanctions: ['Fine (40 day-fines)', 'Conditional imprisonment, 2 months'] },
  { title: 'Fraud', category: 'ORDINARY', sanctions: ['Fine (50 day-fines)', 'Conditional imprisonment, 4 months'] },
  { title: 'Assault', category: 'ORDINARY', sanctions: ['Fine (60 day-fines)', 'Conditional imprisonment, 3 months'] },
  { title: 'Drunk driving', category: 'ORDINARY', sanctions: ['Fine (30 day-fines)', 'Conditional imprisonment, 1 month'] },
  { title: 'Working without a permit', category: 'MINOR', sanctions: ['Fine (20 day-fines)'] },
  { title: 'Aggravated assault', category: 'SERIOUS', sanctions: ['Imprisonment, 1 year 6 months'] },
  { title: 'Aggravated tax fraud', category: 'SERIOUS', sanctions: ['Imprisonment, 1 year 2 months'] },
  { title: 'Extortionate work discrimination', category: 'SERIOUS', sanctions: ['Imprisonment, 10 months'] },
];

export interface SisArticleProfile {
  article: SisArticle;
  legalBasis: string;
  reason: string;
  actionToTake: string;
  /** Share of applicants with an alert of this article (each under one per cent). */
  applicantRate: number;
}

export const SIS_ARTICLES: readonly SisArticleProfile[] = [
  {
    article: 'REFUSAL_OF_ENTRY_OR_STAY',
    legalBasis: 'Regulation (EU) 2018/1861 art. 24',
    reason: 'Threat to public order: prior conviction',
    actionToTake: 'Refuse entry or stay',
    applicantRate: 0.006,
  },
  {
    article: 'EU_TRAVEL_BAN',
    legalBasis: 'Regulation (EU) 2018/1861 art. 25',
    reason: 'Restrictive measure adopted under the CFSP',
    actionToTake: 'Refuse entry; inform the issuing state',
    applicantRate: 0.001,
  },
  {
    article: 'PRIOR_CONSULTATION',
    legalBasis: 'Regulation (EU) 2018/1861 art. 27',
    reason: 'Prior consultation requested before a residence permit',
    actionToTake: 'Consult the issuing state before granting a permit',
    applicantRate: 0.002,
  },
  {
    article: 'ARREST_FOR_SURRENDER',
    legalBasis: 'Regulation (EU) 2018/1862 art. 26',
    reason: 'European arrest warrant',
    actionToTake: 'Arrest for surrender; contact SIRENE at once',
    applicantRate: 0.001,
  },
  {
    article: 'MISSING_PERSON',
    legalBasis: 'Regulation (EU) 2018/1862 art. 32',
    reason: 'Missing person',
    actionToTake: 'Place under protection if needed; inform SIRENE',
    applicantRate: 0.0015,
  },
  {
    article: 'JUDICIAL_PROCEDURE',
    legalBasis: 'Regulation (EU) 2018/1862 art. 34',
    reason: 'Sought as a witness in criminal proceedings',
    actionToTake: 'Communicate place of residence or domicile',
    applicantRate: 0.0015,
  },
  {
    article: 'DISCREET_INQUIRY_OR_SPECIFIC_CHECK',
    legalBasis: 'Regulation (EU) 2018/1862 art. 36',
    reason: 'Discreet check: suspected serious crime',
    actionToTake: 'Report the encounter discreetly; do not inform the person',
    applicantRate: 0.003,
  },
  {
    article: 'OBJECT',
    legalBasis: 'Regulation (EU) 2018/1862 art. 38',
    reason: 'Travel document reported stolen',
    actionToTake: 'Seize the document',
    applicantRate: 0.003,
  },
  {
    article: 'RETURN_DECISION',
    legalBasis: 'Regulation (EU) 2018/1860 art. 3',
    reason: 'Return decision issued',
    actionToTake: 'Verify departure; inform the issuing state',
    applicantRate: 0.005,
  },
];

/** Schengen states that issue alerts (ISO 3166-1 alpha-2). */
export const SIS_ISSUING_STATES = ['FI', 'SE', 'DE', 'FR', 'NL', 'EE', 'IT', 'ES', 'PL', 'NO'] as const;

export const SIS_WARNING_MARKERS = ['VIOLENT', 'ARMED', 'ESCAPE_RISK', 'SUICIDE_RISK'] as const;
