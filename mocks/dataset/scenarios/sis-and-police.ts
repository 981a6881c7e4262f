/**
 * What SIS and the police hold on applicants, and how they are searched: by identity code, by
 * document number, by names with date of birth (and nationality), with near misses.
 */
import { SCENARIO, type Scenario } from './scenario-ids.js';
import { addDays } from '../dates.js';
import { lostDocumentAlert } from '../sections/sis.js';
import { employment, pending, person, sisAlertText, SOFTWARE_EMPLOYER, withHetu, withoutCode } from './building-blocks.js';

const SIS_NAME_MATCH = person(
  {
    givenNames: 'José Carlos',
    familyName: 'Gonçalves Pereira',
    sex: 'MALE',
    nationalities: ['BRA'],
    placeOfBirth: 'Belo Horizonte',
    motherTongue: 'pt',
  },
  () => withoutCode('1983-05-09'),
);
const CONVICTED = person(
  { givenNames: 'Chinedu', familyName: 'Okafor', sex: 'MALE', nationalities: ['NGA'], placeOfBirth: 'Lagos', motherTongue: 'ig' },
  (d) => withHetu('1979-09-30', d.yearsAgo(4), 'W'),
);
const POLICE_BIOGRAPHIC = person(
  { givenNames: 'Abdoulaye', familyName: 'Traoré', sex: 'MALE', nationalities: ['MLI'], placeOfBirth: 'Bamako', motherTongue: 'bm' },
  () => withoutCode('1987-09-09'),
);
const STOLEN_DOCUMENT = person(
  { givenNames: 'Nour', familyName: 'El-Sayed', sex: 'FEMALE', nationalities: ['EGY'], placeOfBirth: 'Alexandria', motherTongue: 'ar' },
  () => withoutCode('1996-04-12'),
);
const SIS_CODE_MATCH = person(
  { givenNames: 'Viktor', familyName: 'Horváth', sex: 'MALE', nationalities: ['HUN'], placeOfBirth: 'Budapest', motherTongue: 'hu' },
  (d) => withHetu('2001-08-08', d.yearsAgo(2), 'D'),
);

/** SIS alerts and police records, found each way the registries search. */
export const SIS_AND_POLICE_SCENARIOS: readonly Scenario[] = [
  {
    id: SCENARIO.noCodeSisNameMatch,
    description: 'Applicant without a Finnish code; SIS holds a refusal of entry under the same name and birth date',
    exercises:
      'SIS search by family name + first given name + date of birth, without diacritics or case; ' +
      'the nationality filter (a second alert has another nationality); a near miss one day off',
    build: (kit, id) => {
      kit.application(id, {
        type: 'WORK_PERMIT',
        status: 'PENDING',
        person: SIS_NAME_MATCH,
        employer: SOFTWARE_EMPLOYER,
        declared: { employment: employment(kit, '3512', 2900) },
      });
      const { dateOfBirth } = kit.person(SIS_NAME_MATCH).applicant;
      const alertPerson = {
        givenNames: 'JOSE CARLOS',
        familyName: 'GONCALVES PEREIRA',
        aliases: [],
        placeOfBirth: 'BELO HORIZONTE',
        warningMarkers: [],
        documents: [],
      };
      kit.sisAlert({
        ...alertPerson,
        ...sisAlertText('REFUSAL_OF_ENTRY_OR_STAY'),
        dateOfBirth,
        nationalities: ['BRA'],
        issuingState: 'SE',
      });
      kit.sisAlert({ ...alertPerson, ...sisAlertText('JUDICIAL_PROCEDURE'), dateOfBirth, nationalities: ['PRT'], issuingState: 'PT' });
      kit.sisAlert({
        ...alertPerson,
        ...sisAlertText('RETURN_DECISION'),
        dateOfBirth: addDays(dateOfBirth, 1),
        nationalities: ['BRA'],
        issuingState: 'DE',
      });
    },
  },
  {
    id: SCENARIO.policeConviction,
    description: 'Family ties, pending; applicant convicted of aggravated assault a year ago',
    exercises: 'police record by personal identity code (CONVICTED offence)',
    build: (kit, id) => {
      pending('FAMILY_TIES', CONVICTED)(kit, id);
      const committedOn = kit.dates.monthsAgo(20);
      kit.police(CONVICTED, {
        offences: [
          {
            caseNumber: kit.policeCaseNumber(committedOn),
            title: 'Aggravated assault',
            category: 'SERIOUS',
            committedOn,
            status: 'CONVICTED',
            decidedOn: kit.dates.monthsAgo(12),
            sanction: 'Imprisonment, 1 year 6 months',
          },
        ],
      });
    },
  },
  {
    id: SCENARIO.noCodePoliceBiographicMatch,
    description: 'Work permit, pending; applicant without a Finnish code, suspected of working without a permit',
    exercises: 'police search by biographic data (names, date of birth, nationality)',
    build: (kit, id) => {
      kit.application(id, {
        type: 'WORK_PERMIT',
        status: 'PENDING',
        person: POLICE_BIOGRAPHIC,
        employer: SOFTWARE_EMPLOYER,
        declared: { employment: employment(kit, '3512', 2750) },
      });
      const committedOn = kit.dates.monthsAgo(5);
      const caseNumber = kit.policeCaseNumber(committedOn);
      kit.police(POLICE_BIOGRAPHIC, {
        offences: [
          {
            caseNumber,
            title: 'Working without a permit',
            category: 'MINOR',
            committedOn,
            status: 'SUSPECTED',
            decidedOn: null,
            sanction: null,
          },
        ],
        pendingInvestigations: [{ caseNumber, title: 'Working without a permit', openedOn: kit.dates.monthsAgo(4) }],
      });
    },
  },
  {
    id: SCENARIO.sisStolenDocument,
    description: 'Study, pending; the passport on the application is reported stolen',
    exercises: 'SIS search by document number: a lost/stolen document OBJECT alert',
    build: (kit, id) => {
      pending('STUDY', STOLEN_DOCUMENT)(kit, id);
      const { applicant } = kit.person(STOLEN_DOCUMENT);
      kit.sisAlert(
        lostDocumentAlert({ ...applicant, travelDocument: applicant.travelDocument! }, { ...sisAlertText('OBJECT'), issuingState: 'FR' }),
      );
    },
  },
  {
    id: SCENARIO.sisIdentityCodeMatch,
    description: "Family ties, pending; a national alert for a discreet check names the applicant's HETU",
    exercises: 'SIS search by personal identity code (also matching name and date of birth); new century sign D',
    build: (kit, id) => {
      pending('FAMILY_TIES', SIS_CODE_MATCH)(kit, id);
      const { applicant } = kit.person(SIS_CODE_MATCH);
      kit.sisAlert({
        ...sisAlertText('DISCREET_INQUIRY_OR_SPECIFIC_CHECK'),
        personalIdentityCode: applicant.personalIdentityCode!,
        givenNames: applicant.givenNames,
        familyName: applicant.familyName,
        aliases: [{ givenNames: 'Viktor', familyName: 'Horvat' }],
        dateOfBirth: applicant.dateOfBirth,
        placeOfBirth: applicant.placeOfBirth,
        nationalities: applicant.nationalities,
        warningMarkers: [],
        issuingState: 'FI',
        documents: [],
      });
    },
  },
];
