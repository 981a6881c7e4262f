/**
 * SIS II's part of the data set: alerts on persons and on lost or stolen documents. In the bulk,
 * under one per cent of applicants have an alert of each article (found by identity code, by
 * document number or by name and date of birth), and the `outsiders` phase adds alerts on people
 * the case register never saw and near misses: an applicant's name with a birth date a few days
 * off, which a correct search never matches.
 */
import type { CaseApplicant } from '../../../contracts/registries/case-register.js';
import type { SisAlert } from '../../../contracts/registries/sis.js';
import { RATES } from '../bulk-rates.js';
import { addDays } from '../dates.js';
import { namesFor, randomDateOfBirth, randomSex } from '../people.js';
import { NATIONALITIES } from '../reference-data/people-and-places.js';
import { SIS_ARTICLES, SIS_ISSUING_STATES, SIS_WARNING_MARKERS, type SisArticleProfile } from '../reference-data/police-and-sis.js';
import type { BulkApplicant, BulkContext, DatasetSection, SectionBulk } from './section.js';

/**
 * A SIS alert as stored. `matchedOn` is computed per search; a national alert may also carry the
 * person's Finnish personal identity code.
 */
export type StoredSisAlert = Omit<SisAlert, 'matchedOn'> & { personalIdentityCode?: string };

export interface SisSection {
  alerts: StoredSisAlert[];
}

const SIS_ARTICLE_NAMES = SIS_ARTICLES.map((profile) => profile.article);

const SIS_PERSON_ARTICLES = SIS_ARTICLES.filter((a) => a.article !== 'OBJECT');
const NATIONALITY_WEIGHTS = NATIONALITIES.map((n) => [n, n.weight] as const);

/** Adds an alert with the next alert id. */
export function addSisAlert(data: SisSection, alert: Omit<StoredSisAlert, 'alertId'>): StoredSisAlert {
  const withId = { alertId: `SIS-${String(data.alerts.length + 1).padStart(8, '0')}`, ...alert };
  data.alerts.push(withId);
  return withId;
}

/** What an alert says beyond the person or object it is about. */
export type SisAlertText = Pick<StoredSisAlert, 'article' | 'legalBasis' | 'reason' | 'actionToTake' | 'issuingState'>;

/**
 * An OBJECT alert on an applicant's lost or stolen travel document. It carries the holder's
 * names, as SIS object alerts do, but no date of birth, so it matches by document number only.
 */
export function lostDocumentAlert(
  applicant: Pick<CaseApplicant, 'givenNames' | 'familyName'> & { travelDocument: NonNullable<CaseApplicant['travelDocument']> },
  text: SisAlertText,
): Omit<StoredSisAlert, 'alertId'> {
  const document = applicant.travelDocument;
  return {
    ...text,
    givenNames: applicant.givenNames.toUpperCase(),
    familyName: applicant.familyName.toUpperCase(),
    aliases: [],
    dateOfBirth: null,
    placeOfBirth: null,
    nationalities: [],
    warningMarkers: [],
    documents: [{ type: document.type, number: document.number, issuingCountry: document.issuingCountry, lostOrStolen: true }],
  };
}

function sisBulk({ data, options, random }: BulkContext<SisSection>): SectionBulk {
  const ref = options.referenceDate;
  const applicants: BulkApplicant[] = [];

  /**
   * An alert on an applicant, found by identity code, by document number or by name and date of
   * birth. A document-number alert carries another birth date, so only the document matches; an
   * OBJECT alert is the applicant's own document reported lost or stolen.
   */
  function addAlertFor(bulk: BulkApplicant, profile: SisArticleProfile): void {
    const { applicant } = bulk;
    const document = applicant.travelDocument;
    const text = {
      article: profile.article,
      legalBasis: profile.legalBasis,
      reason: profile.reason,
      actionToTake: profile.actionToTake,
      issuingState: random.pick(SIS_ISSUING_STATES),
    };
    if (profile.article === 'OBJECT') {
      if (document) addSisAlert(data, lostDocumentAlert({ ...applicant, travelDocument: document }, text));
      return;
    }
    const byCode = applicant.personalIdentityCode !== null && random.chance(0.3);
    const byDocument = !byCode && document !== null && random.chance(0.2);
    addSisAlert(data, {
      ...text,
      ...(byCode ? { personalIdentityCode: applicant.personalIdentityCode! } : {}),
      givenNames: applicant.givenNames,
      familyName: applicant.familyName,
      aliases: random.chance(0.2) ? [{ givenNames: applicant.givenNames, familyName: random.pick(bulk.profile.familyNames) }] : [],
      dateOfBirth: byDocument ? addDays(applicant.dateOfBirth, random.int(400, 4000)) : applicant.dateOfBirth,
      placeOfBirth: applicant.placeOfBirth,
      nationalities: applicant.nationalities,
      warningMarkers: random.chance(0.05) ? [random.pick(SIS_WARNING_MARKERS)] : [],
      documents: byDocument
        ? [{ type: document.type, number: document.number, issuingCountry: document.issuingCountry, lostOrStolen: false }]
        : [],
    });
  }

  return {
    applicant(bulk) {
      applicants.push(bulk);
      for (const article of SIS_ARTICLES) {
        if (random.chance(article.applicantRate)) addAlertFor(bulk, article);
      }
    },
    outsiders() {
      const unrelated = Math.round(applicants.length * RATES.sisUnrelatedAlertsPerApplicant);
      for (let i = 0; i < unrelated; i++) {
        const profile = random.weighted(NATIONALITY_WEIGHTS);
        const article = random.pick(SIS_PERSON_ARTICLES);
        const sex = randomSex(random);
        addSisAlert(data, {
          article: article.article,
          legalBasis: article.legalBasis,
          reason: article.reason,
          actionToTake: article.actionToTake,
          issuingState: random.pick(SIS_ISSUING_STATES),
          ...namesFor(random, profile, sex),
          aliases: [],
          dateOfBirth: randomDateOfBirth(random, ref, 18, 70),
          placeOfBirth: random.pick(profile.placesOfBirth),
          nationalities: [profile.code],
          warningMarkers: [],
          documents: [],
        });
      }
      const nearMisses = applicants.length > 0 ? Math.round(applicants.length * RATES.sisNearMissAlertsPerApplicant) : 0;
      for (let i = 0; i < nearMisses; i++) {
        const { applicant } = random.pick(applicants);
        const article = random.pick(SIS_PERSON_ARTICLES);
        addSisAlert(data, {
          article: article.article,
          legalBasis: article.legalBasis,
          reason: article.reason,
          actionToTake: article.actionToTake,
          issuingState: random.pick(SIS_ISSUING_STATES),
          givenNames: applicant.givenNames,
          familyName: applicant.familyName,
          aliases: [],
          dateOfBirth: addDays(applicant.dateOfBirth, random.chance(0.5) ? random.int(1, 30) : -random.int(1, 30)),
          placeOfBirth: applicant.placeOfBirth,
          nationalities: applicant.nationalities,
          warningMarkers: [],
          documents: [],
        });
      }
    },
  };
}

export const sisSection: DatasetSection<SisSection> = {
  empty: () => ({ alerts: [] }),
  counts: (data) => ({ sisAlerts: data.alerts.length }),
  check(check, section, path) {
    const alertIds = new Map<string, string>();
    check.each(check.array(section, 'alerts', path), `${path}.alerts`, (alert, alertPath) => {
      check.unique(alertIds, check.string(alert, 'alertId', alertPath), `${alertPath}.alertId`, 'alert id');
      check.oneOf(alert, 'article', SIS_ARTICLE_NAMES, alertPath);
      check.string(alert, 'givenNames', alertPath);
      check.string(alert, 'familyName', alertPath);
      check.date(alert, 'dateOfBirth', alertPath, true);
      check.strings(alert, 'nationalities', alertPath);
      if (alert.personalIdentityCode !== undefined) check.string(alert, 'personalIdentityCode', alertPath);
      check.each(check.array(alert, 'aliases', alertPath), `${alertPath}.aliases`, (alias, aliasPath) => {
        check.string(alias, 'givenNames', aliasPath);
        check.string(alias, 'familyName', aliasPath);
      });
      check.each(check.array(alert, 'documents', alertPath), `${alertPath}.documents`, (document, documentPath) =>
        check.string(document, 'number', documentPath),
      );
    });
  },
  bulk: sisBulk,
};
