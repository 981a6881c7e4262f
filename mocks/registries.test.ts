/**
 * Each registry service answers per its contract (subgraphs/<name>/registry-api.ts), over real
 * HTTP through the security server, on the default data set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationListResponse, CaseApplicant, CaseApplication } from '../contracts/registries/case-register.js';
import { MAX_BATCH_KEYS, type RegistryId } from '../contracts/registry-catalogue.js';
import { SCENARIO } from './dataset/scenarios.js';
import type { Dataset } from './dataset/types.js';
import { startMockRegistries, type MockRegistries } from './server.js';
import { callRegistry, type XRoadCall } from './testing/xroad-test-client.js';

let mocks: MockRegistries;
let dataset: Dataset;

beforeAll(async () => {
  mocks = await startMockRegistries({ knobs: { defaults: { latencyMs: 0, jitterMs: 0 } } });
  dataset = mocks.dataset;
});

afterAll(async () => {
  await mocks?.close();
});

const call = (registry: RegistryId, endpoint: string, request: XRoadCall = {}) => callRegistry(mocks.url, registry, endpoint, request);

function application(id: string) {
  return dataset.caseRegister.applications.find((a) => a.id === id)!;
}
function applicantOf(applicationId: string): CaseApplicant {
  const { applicantId } = application(applicationId);
  return dataset.caseRegister.applicants.find((a) => a.id === applicantId)!;
}

/** A registry's own error: no X-Road-Error header, a {error, message} body. */
function expectServiceError(answer: Awaited<ReturnType<typeof call>>, status: number, error: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('x-road-error')).toBeNull();
  expect(answer.body).toMatchObject({ error, message: expect.any(String) });
}

describe('batch lookups, common to every batch service', () => {
  it('answers every key in the order asked, duplicates each, unknown and malformed keys found: false', async () => {
    const code = applicantOf(SCENARIO.showcase).personalIdentityCode!;
    const keys = ['999999-999X', code, 'not a code', code, '010101-0101'];
    const answer = await call('population', 'persons/batch', { json: { keys } });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r: { key: string; found: boolean }) => [r.key, r.found])).toEqual([
      ['999999-999X', false],
      [code, true],
      ['not a code', false],
      [code, true],
      ['010101-0101', false],
    ]);
    expect(answer.body.results[1].record.personalIdentityCode).toBe(code);
  });

  it('answers an empty batch with no results', async () => {
    expect((await call('tradeRegister', 'companies/batch', { json: { keys: [] } })).body).toEqual({ results: [] });
  });

  it(`refuses more than ${MAX_BATCH_KEYS} keys with too_many_keys`, async () => {
    const keys = Array.from({ length: MAX_BATCH_KEYS + 1 }, (_, i) => `key-${i}`);
    expectServiceError(await call('tax', 'complianceReports/batch', { json: { keys } }), 400, 'too_many_keys');
    expect((await call('tax', 'complianceReports/batch', { json: { keys: keys.slice(1) } })).status).toBe(200);
  });

  it('refuses malformed JSON and wrong shapes as bad_request', async () => {
    for (const request of [
      { rawBody: '{"keys": [' },
      { rawBody: '' },
      { json: { keys: 'APP-0000001' } },
      { json: { keys: [1, 2] } },
      { json: ['APP-0000001'] },
      { json: null },
      { json: 42 },
    ]) {
      expectServiceError(await call('caseRegister', 'applications/batch', request), 400, 'bad_request');
    }
  });
});

describe('case register', () => {
  it('answers applications by id with the applicant embedded', async () => {
    const answer = await call('caseRegister', 'applications/batch', { json: { keys: [SCENARIO.showcase, 'APP-9999999'] } });
    const showcase: CaseApplication = answer.body.results[0].record;
    expect(showcase).toMatchObject({ id: SCENARIO.showcase, type: 'WORK_PERMIT', status: 'PENDING', applicant: { id: 'CUS-0000001' } });
    expect(showcase).not.toHaveProperty('applicantId');
    expect(answer.body.results[1]).toEqual({ key: 'APP-9999999', found: false });
  });

  it('pages through a filtered list oldest first with an opaque cursor, every item once', async () => {
    const expected = dataset.caseRegister.applications.filter((a) => a.status === 'PENDING' && a.type === 'CITIZENSHIP');
    const seen: CaseApplication[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { status: 'PENDING', type: 'CITIZENSHIP', limit: '100', ...(cursor ? { cursor } : {}) };
      const answer = await call('caseRegister', 'applications', { query });
      expect(answer.status).toBe(200);
      const page: ApplicationListResponse = answer.body;
      expect(page.totalCount).toBe(expected.length);
      expect(page.items.length).toBeLessThanOrEqual(100);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    expect(seen.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    const order = seen.map((a) => `${a.submittedAt}|${a.id}`);
    expect(order).toEqual([...order].sort());
    expect(seen.every((a) => a.status === 'PENDING' && a.type === 'CITIZENSHIP')).toBe(true);
  });

  it('starts the pending worklist with the showcase case and ends the last page with no cursor', async () => {
    const first = await call('caseRegister', 'applications', { query: { status: 'PENDING', limit: '3' } });
    expect(first.body.items.map((a: CaseApplication) => a.id)).toEqual([
      SCENARIO.showcase,
      SCENARIO.showcaseEmployerSecond,
      SCENARIO.noCodeSisNameMatch,
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all = await call('caseRegister', 'applications', { query: { applicantId: applicantOf(SCENARIO.repeatApplicantWorkPermit).id } });
    expect(all.body).toMatchObject({ totalCount: 2, nextCursor: null });
    expect(all.body.items.map((a: CaseApplication) => a.id)).toEqual([
      SCENARIO.repeatApplicantFamilyTies,
      SCENARIO.repeatApplicantWorkPermit,
    ]);
  });

  it('filters by employer, combined with status', async () => {
    const employer = application(SCENARIO.showcase).employerBusinessId!;
    const all = await call('caseRegister', 'applications', { query: { employerBusinessId: employer } });
    expect(all.body.items.map((a: CaseApplication) => a.id).sort()).toEqual([
      SCENARIO.showcase,
      SCENARIO.showcaseEmployerSecond,
      SCENARIO.showcaseEmployerDecided,
    ]);
    const pending = await call('caseRegister', 'applications', { query: { employerBusinessId: employer, status: 'PENDING', limit: '1' } });
    expect(pending.body).toMatchObject({ totalCount: 2, items: [{ id: SCENARIO.showcase }] });
    const next = await call('caseRegister', 'applications', {
      query: { employerBusinessId: employer, status: 'PENDING', cursor: pending.body.nextCursor },
    });
    expect(next.body).toMatchObject({ totalCount: 2, nextCursor: null, items: [{ id: SCENARIO.showcaseEmployerSecond }] });
  });

  it('serves a page of 1,000, as large as the worklist asks for', async () => {
    const answer = await call('caseRegister', 'applications', { query: { limit: '1000' } });
    expect(answer.body.items).toHaveLength(1000);
  });

  it('refuses an invalid cursor, status, type, limit or parameter', async () => {
    const invalid: Record<string, string>[] = [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('12|APP-1').toString('base64url') + '!' },
      { status: 'LOST' },
      { type: 'VISA' },
      { limit: '0' },
      { limit: '1001' },
      { limit: '1.5' },
      { sort: 'newest' },
    ];
    for (const query of invalid) {
      expectServiceError(await call('caseRegister', 'applications', { query }), 400, 'bad_request');
    }
  });

  it('lists applications by applicant and by employer, empty lists and found: false as the contract says', async () => {
    const repeat = applicantOf(SCENARIO.repeatApplicantFamilyTies).id;
    const byApplicant = await call('caseRegister', 'applications/by-applicant', { json: { keys: [repeat, 'CUS-9999999'] } });
    expect(byApplicant.body.results[0].record.map((a: CaseApplication) => a.id)).toEqual([
      SCENARIO.repeatApplicantFamilyTies,
      SCENARIO.repeatApplicantWorkPermit,
    ]);
    expect(byApplicant.body.results[1]).toEqual({ key: 'CUS-9999999', found: false });
    const employer = application(SCENARIO.showcase).employerBusinessId!;
    const byEmployer = await call('caseRegister', 'applications/by-employer', { json: { keys: [employer, '0245437-2'] } });
    expect(byEmployer.body.results[0].record).toHaveLength(3);
    expect(byEmployer.body.results[1]).toEqual({ key: '0245437-2', found: false });
  });

  it('answers applicants by id', async () => {
    const answer = await call('caseRegister', 'applicants/batch', { json: { keys: ['CUS-0000001', 'CUS-9999999'] } });
    // With the units whose cases concern the applicant: a scenario applicant's are all HEL-1's.
    expect(answer.body.results[0].record).toEqual({ ...applicantOf(SCENARIO.showcase), units: ['HEL-1'] });
    expect(answer.body.results[1].found).toBe(false);
  });

  it('searches applicants by code, or by family name without diacritics or case, narrowed by given names, birth date and nationality', async () => {
    const sisPerson = applicantOf(SCENARIO.noCodeSisNameMatch);
    const byCode = await call('caseRegister', 'applicants/search', {
      json: { personalIdentityCode: applicantOf(SCENARIO.showcase).personalIdentityCode!.toLowerCase() },
    });
    expect(byCode.body.items.map((a: CaseApplicant) => a.id)).toEqual(['CUS-0000001']);
    const byName = await call('caseRegister', 'applicants/search', { json: { familyName: 'GONCALVES-PEREIRA' } });
    expect(byName.body.items.map((a: CaseApplicant) => a.id)).toEqual([sisPerson.id]);
    const narrowed = await call('caseRegister', 'applicants/search', {
      json: { familyName: 'gonçalves pereira', givenNames: 'Jose', dateOfBirth: sisPerson.dateOfBirth, nationality: 'BRA' },
    });
    expect(narrowed.body.items).toHaveLength(1);
    for (const miss of [{ givenNames: 'Maria' }, { dateOfBirth: '1900-01-01' }, { nationality: 'FIN' }]) {
      expect((await call('caseRegister', 'applicants/search', { json: { familyName: 'Gonçalves Pereira', ...miss } })).body.items).toEqual(
        [],
      );
    }
    const common = dataset.caseRegister.applicants[dataset.caseRegister.applicants.length - 1]!.familyName;
    const limited = await call('caseRegister', 'applicants/search', { json: { familyName: common, limit: 2 } });
    expect(limited.body.items.length).toBeLessThanOrEqual(2);
    expectServiceError(await call('caseRegister', 'applicants/search', { json: {} }), 400, 'bad_request');
    expectServiceError(await call('caseRegister', 'applicants/search', { json: { familyName: 'Tamm', limit: 1000 } }), 400, 'bad_request');
    expectServiceError(await call('caseRegister', 'applicants/search', { json: { familyName: 7 } }), 400, 'bad_request');
  });
});

describe('population', () => {
  it('answers a superseded code with its own record, marked invalid', async () => {
    const code = applicantOf(SCENARIO.citizenshipSupersededCode).personalIdentityCode!;
    const answer = await call('population', 'persons/batch', { json: { keys: [code] } });
    expect(answer.body.results[0]).toMatchObject({ found: true, record: { personalIdentityCode: code, identityCodeValid: false } });
  });

  it("answers the address of a person under non-disclosure in full (withholding it is the graph's duty)", async () => {
    const code = applicantOf(SCENARIO.nonDisclosure).personalIdentityCode!;
    const answer = await call('population', 'persons/batch', { json: { keys: [code] } });
    expect(answer.body.results[0].record).toMatchObject({ nonDisclosure: true, permanentAddress: { street: expect.any(String) } });
  });
});

describe('police', () => {
  it('finds a subject by identity code', async () => {
    const answer = await call('police', 'subjectRecords', {
      json: { personalIdentityCode: applicantOf(SCENARIO.policeConviction).personalIdentityCode },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ matchedBy: 'PERSONAL_IDENTITY_CODE', subjectKnown: true, offences: [{ status: 'CONVICTED' }] });
  });

  it('answers a subject without entries with empty lists, not an error', async () => {
    const answer = await call('police', 'subjectRecords', {
      json: { personalIdentityCode: applicantOf(SCENARIO.showcase).personalIdentityCode },
    });
    expect(answer.body).toEqual({
      matchedBy: 'PERSONAL_IDENTITY_CODE',
      subjectKnown: false,
      offences: [],
      pendingInvestigations: [],
      restrainingOrders: [],
      businessBans: [],
    });
  });

  it('finds a subject without a Finnish code by biographic data, without diacritics or case, with the nationality', async () => {
    const person = applicantOf(SCENARIO.noCodePoliceBiographicMatch);
    const query = {
      givenNames: person.givenNames.toUpperCase(),
      familyName: 'TRAORE',
      dateOfBirth: person.dateOfBirth,
      nationality: 'MLI',
    };
    const answer = await call('police', 'subjectRecords', { json: query });
    expect(answer.body).toMatchObject({
      matchedBy: 'BIOGRAPHIC',
      subjectKnown: true,
      pendingInvestigations: [{ title: 'Working without a permit' }],
    });
    expect((await call('police', 'subjectRecords', { json: { ...query, nationality: null } })).body.subjectKnown).toBe(true);
    expect((await call('police', 'subjectRecords', { json: { ...query, nationality: 'FRA' } })).body.subjectKnown).toBe(false);
    expect((await call('police', 'subjectRecords', { json: { ...query, dateOfBirth: '1987-09-10' } })).body.subjectKnown).toBe(false);
  });

  it('answers one subject per call: an array, or a query naming no subject, is a 400', async () => {
    expectServiceError(await call('police', 'subjectRecords', { json: [{ personalIdentityCode: '131052-308T' }] }), 400, 'bad_request');
    expectServiceError(await call('police', 'subjectRecords', { json: { familyName: 'Traoré' } }), 400, 'bad_request');
    expectServiceError(await call('police', 'subjectRecords', { json: { personalIdentityCode: 131052 } }), 400, 'bad_request');
  });
});

describe('SIS', () => {
  it('matches family name, first given name and birth date without diacritics or case, with the nationality filter', async () => {
    const person = applicantOf(SCENARIO.noCodeSisNameMatch);
    const search = { givenNames: person.givenNames, familyName: person.familyName, dateOfBirth: person.dateOfBirth };
    const withNationality = await call('sis', 'personSearch', { json: { ...search, nationality: 'BRA' } });
    expect(withNationality.body.hits).toHaveLength(1);
    expect(withNationality.body.hits[0]).toMatchObject({
      article: 'REFUSAL_OF_ENTRY_OR_STAY',
      familyName: 'GONCALVES PEREIRA',
      matchedOn: ['NAME_AND_DATE_OF_BIRTH'],
    });
    expect(withNationality.body.hits[0]).not.toHaveProperty('personalIdentityCode');
    const anyNationality = await call('sis', 'personSearch', { json: search });
    expect(anyNationality.body.hits.map((h: { article: string }) => h.article)).toEqual(['REFUSAL_OF_ENTRY_OR_STAY', 'JUDICIAL_PROCEDURE']);
  });

  it('matches a lost or stolen document by its number', async () => {
    const person = applicantOf(SCENARIO.sisStolenDocument);
    const answer = await call('sis', 'personSearch', {
      json: {
        documentNumber: person.travelDocument!.number.toLowerCase(),
        givenNames: person.givenNames,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
      },
    });
    expect(answer.body.hits).toHaveLength(1);
    expect(answer.body.hits[0]).toMatchObject({ article: 'OBJECT', matchedOn: ['DOCUMENT_NUMBER'], documents: [{ lostOrStolen: true }] });
  });

  it('matches an identity code, naming every criterion matched', async () => {
    const person = applicantOf(SCENARIO.sisIdentityCodeMatch);
    const byCode = await call('sis', 'personSearch', { json: { personalIdentityCode: person.personalIdentityCode } });
    expect(byCode.body.hits).toMatchObject([{ article: 'DISCREET_INQUIRY_OR_SPECIFIC_CHECK', matchedOn: ['PERSONAL_IDENTITY_CODE'] }]);
    const byAll = await call('sis', 'personSearch', {
      json: {
        personalIdentityCode: person.personalIdentityCode,
        givenNames: person.givenNames,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        nationality: 'HUN',
      },
    });
    expect(byAll.body.hits).toMatchObject([{ matchedOn: ['PERSONAL_IDENTITY_CODE', 'NAME_AND_DATE_OF_BIRTH'] }]);
    const byAlias = await call('sis', 'personSearch', {
      json: { givenNames: 'Viktor', familyName: 'Horvat', dateOfBirth: person.dateOfBirth },
    });
    expect(byAlias.body.hits).toHaveLength(1);
  });

  it('answers no hits as hits: [], and refuses arrays and searches with nothing to search by', async () => {
    const person = applicantOf(SCENARIO.showcase);
    expect(
      (
        await call('sis', 'personSearch', {
          json: {
            personalIdentityCode: person.personalIdentityCode,
            familyName: person.familyName,
            givenNames: person.givenNames,
            dateOfBirth: person.dateOfBirth,
          },
        })
      ).body,
    ).toEqual({ hits: [] });
    expectServiceError(await call('sis', 'personSearch', { json: [{ documentNumber: 'X' }, { documentNumber: 'Y' }] }), 400, 'bad_request');
    expectServiceError(await call('sis', 'personSearch', { json: { familyName: 'Horváth', nationality: 'HUN' } }), 400, 'bad_request');
  });
});

describe('trade register and tax', () => {
  it('answers companies and compliance reports by Business ID', async () => {
    const showcaseEmployer = application(SCENARIO.showcase).employerBusinessId!;
    const bankrupt = application(SCENARIO.employerBankrupt).employerBusinessId!;
    const unregistered = application(SCENARIO.employerNotRegistered).employerBusinessId!;
    const companies = await call('tradeRegister', 'companies/batch', { json: { keys: [showcaseEmployer, bankrupt, unregistered] } });
    expect(companies.body.results.map((r: { found: boolean; record?: { status: string } }) => r.found && r.record!.status)).toEqual([
      'ACTIVE',
      'BANKRUPT',
      false,
    ]);
    const overdue = application(SCENARIO.employerOverdueTaxes1000).employerBusinessId!;
    const reports = await call('tax', 'complianceReports/batch', { json: { keys: [overdue, unregistered] } });
    expect(reports.body.results[0].record).toMatchObject({ businessId: overdue, overdueTaxesEur: 1000, taxDebt: { amountEur: 0 } });
    expect(reports.body.results[1].found).toBe(false);
  });

  it('answers personal tax debts, a person without debt found: false', async () => {
    const indebted = applicantOf(SCENARIO.citizenshipLargeTaxDebt).personalIdentityCode!;
    const clean = applicantOf(SCENARIO.citizenshipFulfilsAll).personalIdentityCode!;
    const answer = await call('tax', 'personalTaxDebts/batch', { json: { keys: [indebted, clean] } });
    expect(answer.body.results).toEqual([
      { key: indebted, found: true, record: { personalIdentityCode: indebted, amountEur: 15800, underPaymentPlan: false } },
      { key: clean, found: false },
    ]);
  });
});

describe('robustness', () => {
  it('answers every kind of bad input without failing, and keeps serving', async () => {
    const bodies: XRoadCall[] = [
      { rawBody: 'null' },
      { rawBody: '"text"' },
      { rawBody: '[[[[]]]]' },
      { rawBody: '{"keys": [null]}' },
      { rawBody: '{"keys": {"length": 3}}' },
      { rawBody: '\u0000\u00ff' },
      { json: { personalIdentityCode: { $ne: 1 } } },
      { json: { familyName: ['a'], givenNames: 'b', dateOfBirth: 'c' } },
      { json: { limit: -1, familyName: 'x' } },
      { rawBody: '{"keys": ["' + 'x'.repeat(100_000) + '"]}' },
    ];
    const endpoints: [RegistryId, string][] = [
      ['caseRegister', 'applications/batch'],
      ['caseRegister', 'applications/by-applicant'],
      ['caseRegister', 'applicants/search'],
      ['population', 'persons/batch'],
      ['police', 'subjectRecords'],
      ['sis', 'personSearch'],
      ['tradeRegister', 'companies/batch'],
      ['tax', 'personalTaxDebts/batch'],
    ];
    for (const [registry, endpoint] of endpoints) {
      for (const body of bodies) {
        const answer = await call(registry, endpoint, body);
        expect(answer.status, `${registry} ${endpoint} ${JSON.stringify(body).slice(0, 60)}`).toBeLessThan(500);
      }
    }
    expect((await call('population', 'persons/batch', { json: { keys: [] } })).status).toBe(200);
  });
});
