/**
 * Scenario application ids by name, and what a scenario is. The ids are fixed: tests, example
 * operations, the README and demos name them, and the scenarios are added in id order.
 */
import type { ScenarioKit } from '../scenario-kit.js';

/** Scenario application ids by name. */
export const SCENARIO = {
  showcase: 'APP-0000001',
  showcaseEmployerSecond: 'APP-0000002',
  showcaseEmployerDecided: 'APP-0000003',
  noCodeSisNameMatch: 'APP-0000004',
  policeConviction: 'APP-0000005',
  nonDisclosure: 'APP-0000006',
  citizenshipFulfilsAll: 'APP-0000007',
  specialistAtThreshold: 'APP-0000008',
  specialistCentBelowThreshold: 'APP-0000009',
  specialistWithoutExpertiseStatement: 'APP-0000010',
  employerNotRegistered: 'APP-0000011',
  employerBankrupt: 'APP-0000012',
  employerDissolved: 'APP-0000013',
  employerNotVatRegistered: 'APP-0000014',
  employerMissingTaxReturns: 'APP-0000015',
  employerOverdueTaxes999: 'APP-0000016',
  employerOverdueTaxes1000: 'APP-0000017',
  employerTaxDebt999: 'APP-0000018',
  employerTaxDebt1000: 'APP-0000019',
  employerTaxDebtUnderPaymentPlan: 'APP-0000020',
  employerDamagesAwarded: 'APP-0000021',
  employerPensionInsuranceInvalid: 'APP-0000022',
  employerAccidentInsuranceInvalid: 'APP-0000023',
  employerCustomsDuties1000: 'APP-0000024',
  employerCustomsDuties1001: 'APP-0000025',
  citizenshipAge18Today: 'APP-0000026',
  citizenshipAge18TomorrowIs18: 'APP-0000027',
  citizenshipTemporaryCode: 'APP-0000028',
  citizenshipSupersededCode: 'APP-0000029',
  citizenshipNoFinnishCode: 'APP-0000030',
  citizenshipResidence8Years: 'APP-0000031',
  citizenshipResidence8YearsMinusDay: 'APP-0000032',
  citizenshipResidence5YearsLanguage: 'APP-0000033',
  citizenshipResidence5YearsMinusDayLanguage: 'APP-0000034',
  citizenshipResidence5YearsSpouse: 'APP-0000035',
  citizenshipResidence5YearsStateless: 'APP-0000036',
  citizenshipResidence6YearsNoGround: 'APP-0000037',
  citizenshipAbroad365Days: 'APP-0000038',
  citizenshipAbroad366Days: 'APP-0000039',
  citizenshipAbroadLastYear90Days: 'APP-0000040',
  citizenshipAbroadLastYear91Days: 'APP-0000041',
  citizenshipLanguageSpeakingWriting: 'APP-0000042',
  citizenshipLanguageListeningWriting: 'APP-0000043',
  citizenshipLanguageReadingSpeaking: 'APP-0000044',
  citizenshipLanguageNearMiss: 'APP-0000045',
  citizenshipRecentOffence: 'APP-0000046',
  citizenshipOldOffence: 'APP-0000047',
  citizenshipRestrainingOrder: 'APP-0000048',
  citizenshipPendingInvestigation: 'APP-0000049',
  citizenshipSmallTaxDebt: 'APP-0000050',
  citizenshipTaxDebtUnderPaymentPlan: 'APP-0000051',
  citizenshipLargeTaxDebt: 'APP-0000052',
  citizenshipUnemployment3Months: 'APP-0000053',
  citizenshipUnemployment4Months: 'APP-0000054',
  citizenshipSocialAssistance4Months: 'APP-0000055',
  repeatApplicantFamilyTies: 'APP-0000056',
  repeatApplicantWorkPermit: 'APP-0000057',
  estonianCode: 'APP-0000058',
  noCodePoliceBiographicMatch: 'APP-0000059',
  sisStolenDocument: 'APP-0000060',
  sisIdentityCodeMatch: 'APP-0000061',
  repeatApplicantWithoutCode: 'APP-0000062',
} as const;

export interface Scenario {
  id: string;
  description: string;
  exercises: string;
  build(kit: ScenarioKit, id: string): void;
}
