/**
 * Police case management's part of the data set: what the police hold on a subject, keyed by a
 * Finnish personal identity code or, for a person without one, by biographic data. In the bulk,
 * a few per cent of persons, and of applicants without a Finnish code, have records.
 */
import type { PoliceSubjectQuery, PoliceSubjectRecords } from '../../../contracts/registries/police.js';
import type { IsoDate } from '../../../contracts/xroad.js';
import { RATES } from '../bulk-rates.js';
import { addDays, addYears } from '../dates.js';
import type { IdentifierLedger } from '../identifier-ledger.js';
import type { Prng } from '../prng.js';
import { OFFENCES } from '../reference-data/police-and-sis.js';
import type { BulkContext, DatasetSection, SectionBulk } from './section.js';

/**
 * What the police hold on one subject, keyed either by a Finnish personal identity code or, for a
 * person without one, by biographic data (the same two shapes a query takes).
 */
export type StoredPoliceSubject = {
  subject: PoliceSubjectQuery;
} & Pick<PoliceSubjectRecords, 'offences' | 'pendingInvestigations' | 'restrainingOrders' | 'businessBans'>;

export interface PoliceSection {
  subjects: StoredPoliceSubject[];
}

/** A police case number in the form the data set uses: R/<year>/<running number>, running on from the scenarios into the bulk. */
export function policeCaseNumber(ids: IdentifierLedger, on: IsoDate): string {
  return `R/${on.slice(0, 4)}/${String(ids.next('policeCase')).padStart(6, '0')}`;
}

/** Serious offences are rarer than minor and ordinary ones. */
const OFFENCE_WEIGHTS = OFFENCES.map((o) => [o, o.category === 'SERIOUS' ? 1 : 4.5] as const);

type PoliceEntries = Omit<StoredPoliceSubject, 'subject'>;

/** One to three offences over fifteen years (recent ones often still open), and by chance a restraining order or a business ban. */
function randomPoliceRecords(random: Prng, ids: IdentifierLedger, ref: IsoDate): PoliceEntries {
  const records: PoliceEntries = { offences: [], pendingInvestigations: [], restrainingOrders: [], businessBans: [] };
  const count = random.weighted([
    [1, 70],
    [2, 22],
    [3, 8],
  ]);
  const committedDaysAgo = Array.from({ length: count }, () => random.int(30, 15 * 365)).sort((a, b) => b - a);
  for (const daysAgo of committedDaysAgo) {
    const committedOn = addDays(ref, -daysAgo);
    const recent = daysAgo < 730;
    const status = random.weighted<'SUSPECTED' | 'CHARGED' | 'CONVICTED'>(
      recent
        ? [
            ['SUSPECTED', 35],
            ['CHARGED', 25],
            ['CONVICTED', 40],
          ]
        : [
            ['SUSPECTED', 3],
            ['CHARGED', 5],
            ['CONVICTED', 92],
          ],
    );
    const offence = random.weighted(OFFENCE_WEIGHTS);
    const caseNumber = policeCaseNumber(ids, committedOn);
    const decidedOn = status === 'CONVICTED' ? addDays(committedOn, Math.min(random.int(60, 540), daysAgo - 1)) : null;
    records.offences.push({
      caseNumber,
      title: offence.title,
      category: offence.category,
      committedOn,
      status,
      decidedOn,
      sanction: decidedOn ? random.pick(offence.sanctions) : null,
    });
    if (status === 'SUSPECTED') {
      records.pendingInvestigations.push({
        caseNumber,
        title: offence.title,
        openedOn: addDays(committedOn, Math.min(random.int(1, 60), daysAgo - 1)),
      });
    }
  }
  if (random.chance(0.05)) {
    const validFrom = addDays(ref, -random.int(0, 700));
    records.restrainingOrders.push({
      orderNumber: policeCaseNumber(ids, validFrom),
      kind: random.weighted([
        ['BASIC', 70],
        ['INSIDE_FAMILY', 25],
        ['EXTENDED', 5],
      ]),
      validFrom,
      validUntil: addDays(validFrom, 365),
    });
  }
  if (random.chance(0.02)) {
    const validFrom = addDays(ref, -random.int(0, 1500));
    records.businessBans.push({
      decisionNumber: policeCaseNumber(ids, validFrom),
      validFrom,
      validUntil: addYears(validFrom, random.int(3, 7)),
    });
  }
  return records;
}

function policeBulk({ data, options, ids, random }: BulkContext<PoliceSection>): SectionBulk {
  const ref = options.referenceDate;
  return {
    person(person) {
      if (random.chance(RATES.policeRecord)) {
        data.subjects.push({ subject: { personalIdentityCode: person.personalIdentityCode }, ...randomPoliceRecords(random, ids, ref) });
      }
    },
    // An applicant with a population record has been answered as a person already.
    applicant({ applicant, population }) {
      if (population || !random.chance(RATES.policeRecord)) return;
      data.subjects.push({
        subject: {
          givenNames: applicant.givenNames,
          familyName: applicant.familyName,
          dateOfBirth: applicant.dateOfBirth,
          nationality: applicant.nationalities[0] ?? null,
        },
        ...randomPoliceRecords(random, ids, ref),
      });
    },
  };
}

export const policeSection: DatasetSection<PoliceSection> = {
  empty: () => ({ subjects: [] }),
  counts: (data) => ({ policeSubjects: data.subjects.length }),
  check(check, section, path) {
    check.each(check.array(section, 'subjects', path), `${path}.subjects`, (subject, subjectPath) => {
      if (check.object(subject.subject, `${subjectPath}.subject`)) {
        const key = subject.subject;
        if (!('personalIdentityCode' in key)) {
          check.string(key, 'givenNames', `${subjectPath}.subject`);
          check.string(key, 'familyName', `${subjectPath}.subject`);
          check.date(key, 'dateOfBirth', `${subjectPath}.subject`);
          check.string(key, 'nationality', `${subjectPath}.subject`, true);
        } else {
          check.string(key, 'personalIdentityCode', `${subjectPath}.subject`);
        }
      }
      for (const list of ['offences', 'pendingInvestigations', 'restrainingOrders', 'businessBans'])
        check.array(subject, list, subjectPath);
    });
  },
  bulk: policeBulk,
};
