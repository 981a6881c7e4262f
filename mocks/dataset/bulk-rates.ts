/** The rates the random bulk is drawn with (README.md, "Default rates"), in one table across the sections. */
export const RATES = {
  /** An application by someone who already applied. */
  repeatApplicant: 0.08,
  /** Share of the population budget kept for applicants with a Finnish code (and their spouses). */
  applicantShareOfPersons: 0.7,
  superseded: 0.007,
  temporaryCode: 0.012,
  estonianCodeOfEstonians: 0.85,
  stateless: 0.01,
  travelDocument: 0.95,
  nonDisclosure: 0.008,
  deceased: 0.006,
  /** Among persons, and among applicants without a Finnish code (matched biographically). */
  policeRecord: 0.03,
  personalTaxDebt: 0.04,
  /** SIS alerts per article: SIS_ARTICLES[].applicantRate. Alerts on people outside the case register: */
  sisUnrelatedAlertsPerApplicant: 0.02,
  sisNearMissAlertsPerApplicant: 0.003,
  unregisteredEmployer: 0.005,
} as const;
