import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  HETU_SIGNS_BY_CENTURY,
  parseBusinessId,
  parseEstonianPersonalCode,
  parsePersonalIdentityCode,
} from '../../contracts/identifiers.js';
import { createSisService } from '../registries/sis.js';
import { normaliseName } from '../registries/names.js';
import { generateDataset } from './generator.js';
import { DEFAULT_GENERATOR_OPTIONS } from './generator-options.js';
import { FINNISH_NAMES, NATIONALITIES } from './reference-data/people-and-places.js';
import { SIS_ARTICLES } from './reference-data/police-and-sis.js';
import { SCENARIO, SCENARIOS } from './scenarios.js';
import type { Dataset } from './types.js';
import { validateDataset } from './load.js';

let dataset: Dataset;
beforeAll(() => {
  dataset = generateDataset();
});

const applicantOf = (d: Dataset, applicationId: string) => {
  const application = d.caseRegister.applications.find((a) => a.id === applicationId)!;
  return d.caseRegister.applicants.find((a) => a.id === application.applicantId)!;
};

describe('determinism', () => {
  it('gives byte-identical JSON for the same seed and options, and different JSON for another seed', () => {
    const options = { seed: 7, applications: 1500, persons: 1200, employers: 300 };
    const first = JSON.stringify(generateDataset(options));
    expect(JSON.stringify(generateDataset(options))).toBe(first);
    expect(JSON.stringify(generateDataset({ ...options, seed: 8 }))).not.toBe(first);
  });

  it('dates everything from the reference date, not the clock', () => {
    const shifted = generateDataset({ applications: 200, persons: 200, employers: 50, referenceDate: '2030-01-15' });
    expect(shifted.meta.referenceDate).toBe('2030-01-15');
    const latest = shifted.caseRegister.applications
      .map((a) => a.submittedAt)
      .sort()
      .at(-1)!;
    expect(latest <= '2030-01-15T23:59:59Z').toBe(true);
    expect(latest >= '2029-01-01').toBe(true);
  });

  it('records the options and counts it was made with', () => {
    expect(dataset.meta).toMatchObject({ seed: DEFAULT_GENERATOR_OPTIONS.seed, referenceDate: '2026-10-01' });
    expect(dataset.meta.counts).toMatchObject({
      applications: DEFAULT_GENERATOR_OPTIONS.applications,
      persons: DEFAULT_GENERATOR_OPTIONS.persons,
      companies: DEFAULT_GENERATOR_OPTIONS.employers,
      applicants: dataset.caseRegister.applicants.length,
      sisAlerts: dataset.sis.alerts.length,
    });
  });

  it('passes its own loader check', () => {
    expect(() => validateDataset(JSON.parse(JSON.stringify(dataset)))).not.toThrow();
  });
});

describe('identifiers', () => {
  it('gives every Finnish code in every registry a valid check character, and each person a unique one', () => {
    const codes = [
      ...dataset.population.persons.map((p) => p.personalIdentityCode),
      ...dataset.caseRegister.applicants.flatMap((a) => (a.personalIdentityCode ? [a.personalIdentityCode] : [])),
      ...dataset.police.subjects.flatMap((s) => ('personalIdentityCode' in s.subject ? [s.subject.personalIdentityCode] : [])),
      ...dataset.sis.alerts.flatMap((a) => (a.personalIdentityCode ? [a.personalIdentityCode] : [])),
      ...dataset.tax.personalTaxDebts.map((d) => d.personalIdentityCode),
      ...dataset.population.persons.flatMap((p) =>
        p.familyRelations.flatMap((r) => (r.personalIdentityCode ? [r.personalIdentityCode] : [])),
      ),
    ];
    for (const code of codes) expect(parsePersonalIdentityCode(code), code).toMatchObject({ ok: true });
    const populationCodes = dataset.population.persons.map((p) => p.personalIdentityCode);
    expect(new Set(populationCodes).size).toBe(populationCodes.length);
    const applicantCodes = dataset.caseRegister.applicants.flatMap((a) => (a.personalIdentityCode ? [a.personalIdentityCode] : []));
    expect(new Set(applicantCodes).size).toBe(applicantCodes.length);
  });

  it('keeps the birth date and sex of a code consistent with the record', () => {
    for (const person of dataset.population.persons) {
      const parsed = parsePersonalIdentityCode(person.personalIdentityCode);
      expect(parsed.ok && { dateOfBirth: parsed.value.dateOfBirth, sex: parsed.value.sex }).toEqual({
        dateOfBirth: person.dateOfBirth,
        sex: person.sex,
      });
    }
  });

  it('uses every century sign, the 2023 ones included', () => {
    const signs = new Set(
      dataset.population.persons.map((p) => parsePersonalIdentityCode(p.personalIdentityCode)).map((r) => r.ok && r.value.centurySign),
    );
    for (const sign of Object.values(HETU_SIGNS_BY_CENTURY).flat()) expect(signs, `century sign ${sign}`).toContain(sign);
  });

  it('gives applicants temporary codes, superseded codes, Estonian codes and no code at all', () => {
    const applicants = dataset.caseRegister.applicants;
    const temporary = applicants.filter((a) => {
      const parsed = a.personalIdentityCode ? parsePersonalIdentityCode(a.personalIdentityCode) : null;
      return parsed?.ok && parsed.value.temporary;
    });
    const population = new Map(dataset.population.persons.map((p) => [p.personalIdentityCode, p]));
    expect(temporary.length).toBeGreaterThan(0);
    expect(temporary.every((a) => !population.has(a.personalIdentityCode!))).toBe(true);
    expect(applicants.some((a) => a.personalIdentityCode && population.get(a.personalIdentityCode)?.identityCodeValid === false)).toBe(
      true,
    );
    expect(applicants.some((a) => a.personalIdentityCode === null && a.foreignPersonalCode === null)).toBe(true);
    const estonian = applicants.filter((a) => a.foreignPersonalCode);
    expect(estonian.length).toBeGreaterThan(0);
    for (const a of estonian) {
      expect(a.foreignPersonalCode!.country).toBe('EST');
      expect(a.nationalities).toEqual(['EST']);
      expect(parseEstonianPersonalCode(a.foreignPersonalCode!.code), a.foreignPersonalCode!.code).toMatchObject({
        ok: true,
        value: { dateOfBirth: a.dateOfBirth },
      });
    }
    expect(new Set(estonian.map((a) => a.foreignPersonalCode!.code)).size).toBe(estonian.length);
  });

  it('gives every company and employer a valid, unique Business ID', () => {
    const ids = dataset.tradeRegister.companies.map((c) => c.businessId);
    expect(new Set(ids).size).toBe(ids.length);
    const employers = dataset.caseRegister.applications.flatMap((a) => (a.employerBusinessId ? [a.employerBusinessId] : []));
    for (const id of [...ids, ...employers]) expect(parseBusinessId(id), id).toMatchObject({ ok: true });
  });

  it('gives every travel document a unique number', () => {
    const numbers = dataset.caseRegister.applicants.flatMap((a) => (a.travelDocument ? [a.travelDocument.number] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('numbers applications and applicants APP- and CUS- with seven digits, in order', () => {
    dataset.caseRegister.applications.forEach((a, i) => expect(a.id).toBe(`APP-${String(i + 1).padStart(7, '0')}`));
    dataset.caseRegister.applicants.forEach((a, i) => expect(a.id).toBe(`CUS-${String(i + 1).padStart(7, '0')}`));
  });
});

describe('rates', () => {
  const share = (part: number, whole: number) => part / whole;

  it('gives a few per cent of persons, and of applicants without a Finnish code, police records', () => {
    const byCode = new Set(
      dataset.police.subjects.flatMap((s) => ('personalIdentityCode' in s.subject ? [s.subject.personalIdentityCode] : [])),
    );
    const persons = dataset.population.persons;
    expect(share(persons.filter((p) => byCode.has(p.personalIdentityCode)).length, persons.length)).toBeGreaterThan(0.01);
    expect(share(persons.filter((p) => byCode.has(p.personalIdentityCode)).length, persons.length)).toBeLessThan(0.08);
    const withoutCode = dataset.caseRegister.applicants.filter((a) => !a.personalIdentityCode);
    const biographic = dataset.police.subjects.filter((s) => !('personalIdentityCode' in s.subject)).length;
    expect(share(biographic, withoutCode.length)).toBeGreaterThan(0.01);
    expect(share(biographic, withoutCode.length)).toBeLessThan(0.08);
  });

  it('gives under one per cent of applicants a SIS hit of each article, matched by code, document and name', () => {
    const sis = createSisService(dataset);
    const applicantsWith = new Map<string, number>();
    const matchedOn = new Set<string>();
    for (const a of dataset.caseRegister.applicants) {
      const { body } = sis.handle({
        method: 'POST',
        service: 'personSearch',
        path: '',
        query: new URLSearchParams(),
        body: {
          kind: 'json',
          value: {
            personalIdentityCode: a.personalIdentityCode,
            documentNumber: a.travelDocument?.number ?? null,
            givenNames: a.givenNames,
            familyName: a.familyName,
            dateOfBirth: a.dateOfBirth,
            nationality: a.nationalities[0] ?? null,
          },
        },
      }) as { body: { hits: { article: string; matchedOn: string[] }[] } };
      for (const article of new Set(body.hits.map((h) => h.article))) applicantsWith.set(article, (applicantsWith.get(article) ?? 0) + 1);
      for (const hit of body.hits) for (const on of hit.matchedOn) matchedOn.add(`${hit.article === 'OBJECT' ? 'OBJECT:' : ''}${on}`);
    }
    for (const { article } of SIS_ARTICLES) {
      const rate = share(applicantsWith.get(article) ?? 0, dataset.caseRegister.applicants.length);
      expect(rate, article).toBeGreaterThan(0);
      expect(rate, article).toBeLessThan(0.01);
    }
    expect([...matchedOn]).toEqual(
      expect.arrayContaining(['PERSONAL_IDENTITY_CODE', 'DOCUMENT_NUMBER', 'NAME_AND_DATE_OF_BIRTH', 'OBJECT:DOCUMENT_NUMBER']),
    );
  });

  it('puts some persons under non-disclosure, some deceased, and few of either', () => {
    const persons = dataset.population.persons;
    for (const flagged of [persons.filter((p) => p.nonDisclosure), persons.filter((p) => p.dateOfDeath !== null)]) {
      expect(flagged.length).toBeGreaterThan(0);
      expect(share(flagged.length, persons.length)).toBeLessThan(0.02);
    }
  });

  it('gives some employers each kind of trouble', () => {
    const statuses = new Set(dataset.tradeRegister.companies.map((c) => c.status));
    expect([...statuses]).toEqual(expect.arrayContaining(['ACTIVE', 'BANKRUPT', 'DISSOLVED', 'IN_LIQUIDATION']));
    const reports = dataset.tax.complianceReports;
    const kinds = {
      taxDebt: reports.filter((r) => r.taxDebt.amountEur > 0),
      overdue: reports.filter((r) => r.overdueTaxesEur > 0),
      missingReturns: reports.filter((r) => !r.taxReturns.allFiled),
      pension: reports.filter((r) => !r.pensionInsurance.valid),
      accident: reports.filter((r) => !r.accidentInsurance.valid),
      customs: reports.filter((r) => r.customsDutiesDueEur > 0),
      damages: reports.filter((r) => r.damagesAwardedByJudgment),
      publicRegister: reports.filter((r) => r.inPublicTaxDebtRegister),
    };
    for (const [kind, found] of Object.entries(kinds)) {
      expect(found.length, kind).toBeGreaterThan(0);
      expect(share(found.length, reports.length), kind).toBeLessThan(0.15);
    }
    expect(
      share(dataset.tradeRegister.companies.filter((c) => c.status === 'ACTIVE').length, dataset.tradeRegister.companies.length),
    ).toBeGreaterThan(0.85);
  });

  it('uses Finnish municipalities, TOL industries and ISCO occupations', () => {
    expect(dataset.population.persons.every((p) => p.dateOfDeath !== null || /^\d{3}$/.test(p.municipalityOfResidence!.code))).toBe(true);
    expect(dataset.tradeRegister.companies.every((c) => /^\d{5}$/.test(c.mainIndustry.code))).toBe(true);
    const occupations = dataset.caseRegister.applications.flatMap((a) =>
      a.declared.employment ? [a.declared.employment.occupationCode] : [],
    );
    expect(occupations.length).toBeGreaterThan(0);
    expect(occupations.every((code) => /^\d{4}$/.test(code))).toBe(true);
  });
});

describe('the worklist', () => {
  const pendingOldestFirst = () =>
    dataset.caseRegister.applications
      .filter((a) => a.status === 'PENDING')
      .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : a.id < b.id ? -1 : 1));

  it('has over 300 pending applications of every type', () => {
    const pending = pendingOldestFirst();
    expect(pending.length).toBeGreaterThan(300);
    expect(new Set(pending.slice(0, 300).map((a) => a.type)).size).toBe(5);
  });

  it('repeats applicants and employers, and mixes kinds of identity code, within the first 100 pending', () => {
    const first = pendingOldestFirst().slice(0, 100);
    const applicants = new Map(dataset.caseRegister.applicants.map((a) => [a.id, a]));
    expect(first[0]!.id).toBe(SCENARIO.showcase);
    expect(new Set(first.map((a) => a.applicantId)).size).toBeLessThanOrEqual(98);
    const employers = first.flatMap((a) => (a.employerBusinessId ? [a.employerBusinessId] : []));
    expect(new Set(employers).size).toBeLessThan(employers.length - 2);
    const kinds = new Set(
      first
        .map((a) => applicants.get(a.applicantId)!)
        .map((a) => (a.personalIdentityCode ? 'HETU' : a.foreignPersonalCode ? 'EST' : 'NONE')),
    );
    expect([...kinds].sort()).toEqual(['EST', 'HETU', 'NONE']);
  });
});

describe('scenarios', () => {
  it('come first, in the order of their ids, the same whatever the seed and size', () => {
    expect(SCENARIOS.map((s) => s.id)).toEqual(Object.values(SCENARIO));
    expect(dataset.caseRegister.applications.slice(0, SCENARIOS.length).map((a) => a.id)).toEqual(SCENARIOS.map((s) => s.id));
    const small = generateDataset({ seed: 99, applications: 100, persons: 50, employers: 10 });
    const scenarioPart = (d: Dataset) => {
      const applications = d.caseRegister.applications.slice(0, SCENARIOS.length);
      const applicantIds = new Set(applications.map((a) => a.applicantId));
      return { applications, applicants: d.caseRegister.applicants.filter((a) => applicantIds.has(a.id)) };
    };
    expect(scenarioPart(small)).toEqual(scenarioPart(dataset));
  });

  it('are all in the README table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const { id } of SCENARIOS) expect(readme, id).toContain(id);
  });

  it('use family names no random record can have, so random alerts never hit a scenario person', () => {
    const bulkFamilyNames = new Set(
      [
        ...NATIONALITIES.flatMap((n) => n.familyNames.flatMap((f) => [f, n.feminineFamilyName?.(f) ?? f])),
        ...FINNISH_NAMES.familyNames,
      ].map(normaliseName),
    );
    const scenarioApplicantIds = new Set(dataset.caseRegister.applications.slice(0, SCENARIOS.length).map((a) => a.applicantId));
    for (const applicant of dataset.caseRegister.applicants.filter((a) => scenarioApplicantIds.has(a.id))) {
      expect(bulkFamilyNames.has(normaliseName(applicant.familyName)), applicant.familyName).toBe(false);
    }
  });

  it('make APP-0000001 the showcase: a pending work permit, a registered applicant, an employer in good standing', () => {
    const application = dataset.caseRegister.applications[0]!;
    expect(application).toMatchObject({ id: SCENARIO.showcase, type: 'WORK_PERMIT', status: 'PENDING', applicantId: 'CUS-0000001' });
    const applicant = applicantOf(dataset, SCENARIO.showcase);
    expect(parsePersonalIdentityCode(applicant.personalIdentityCode!)).toMatchObject({ ok: true, value: { temporary: false } });
    const person = dataset.population.persons.find((p) => p.personalIdentityCode === applicant.personalIdentityCode)!;
    expect(person).toMatchObject({ identityCodeValid: true, nonDisclosure: false, dateOfDeath: null });
    expect(person.permanentAddress).not.toBeNull();
    expect(person.municipalityOfResidence).not.toBeNull();
    expect(person.migrations.length).toBeGreaterThan(0);

    const company = dataset.tradeRegister.companies.find((c) => c.businessId === application.employerBusinessId)!;
    expect(company.status).toBe('ACTIVE');
    expect(company.vatRegister).toMatchObject({ until: null });
    expect(company.employerRegister).toMatchObject({ until: null });
    const report = dataset.tax.complianceReports.find((r) => r.businessId === application.employerBusinessId)!;
    expect(report).toMatchObject({
      taxReturns: { allFiled: true },
      taxDebt: { amountEur: 0 },
      overdueTaxesEur: 0,
      pensionInsurance: { valid: true },
      accidentInsurance: { valid: true },
      customsDutiesDueEur: 0,
      damagesAwardedByJudgment: false,
    });
    expect(
      dataset.caseRegister.applications.filter((a) => a.employerBusinessId === application.employerBusinessId).length,
    ).toBeGreaterThanOrEqual(3);

    expect(
      dataset.police.subjects.some(
        (s) => 'personalIdentityCode' in s.subject && s.subject.personalIdentityCode === applicant.personalIdentityCode,
      ),
    ).toBe(false);
    const sis = createSisService(dataset).handle({
      method: 'POST',
      service: 'personSearch',
      path: '',
      query: new URLSearchParams(),
      body: {
        kind: 'json',
        value: {
          personalIdentityCode: applicant.personalIdentityCode,
          documentNumber: applicant.travelDocument!.number,
          givenNames: applicant.givenNames,
          familyName: applicant.familyName,
          dateOfBirth: applicant.dateOfBirth,
        },
      },
    });
    expect(sis.body).toEqual({ hits: [] });
  });

  it('give the name-match, conviction and non-disclosure cases what they promise', () => {
    const sisApplicant = applicantOf(dataset, SCENARIO.noCodeSisNameMatch);
    expect(sisApplicant).toMatchObject({ personalIdentityCode: null, foreignPersonalCode: null });
    expect(
      dataset.sis.alerts.some(
        (a) =>
          normaliseName(a.familyName) === normaliseName(sisApplicant.familyName) &&
          a.dateOfBirth === sisApplicant.dateOfBirth &&
          a.familyName !== sisApplicant.familyName,
      ),
    ).toBe(true);

    const convicted = applicantOf(dataset, SCENARIO.policeConviction);
    const subject = dataset.police.subjects.find(
      (s) => 'personalIdentityCode' in s.subject && s.subject.personalIdentityCode === convicted.personalIdentityCode,
    )!;
    expect(subject.offences.some((o) => o.status === 'CONVICTED')).toBe(true);

    const protectedPerson = applicantOf(dataset, SCENARIO.nonDisclosure);
    expect(dataset.population.persons.find((p) => p.personalIdentityCode === protectedPerson.personalIdentityCode)).toMatchObject({
      nonDisclosure: true,
    });
  });
});
