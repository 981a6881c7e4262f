/**
 * The trade register's part of the data set: companies by Business ID. The `employers` phase
 * makes the bulk's companies, each announced so that the tax administration reports on it and
 * applications can name it as their employer.
 */
import type { Company, CompanyStatus } from '../../../contracts/registries/trade-register.js';
import { addDays } from '../dates.js';
import { claimBusinessId, companyName, companyRecord } from '../employers.js';
import { finnishNamesFor, randomSex } from '../people.js';
import type { Prng } from '../prng.js';
import { INDUSTRIES } from '../reference-data/work.js';
import type { BulkContext, DatasetSection, SectionBulk } from './section.js';

export interface TradeRegisterSection {
  companies: Company[];
}

/** Every so many generated companies one has an industry the trade register does not know. */
const UNREPORTED_INDUSTRY_EVERY = 97;

const INDUSTRY_WEIGHTS = INDUSTRIES.map((industry) => [industry, industry.weight] as const);

function personsInCharge(random: Prng, legalForm: Company['legalForm'], ownerName: string): Company['personsInCharge'] {
  const other = () => {
    const names = finnishNamesFor(random, randomSex(random));
    return `${names.givenNames.split(' ')[0]} ${names.familyName}`;
  };
  switch (legalForm) {
    case 'TMI':
      return [{ name: ownerName, role: 'OWNER' }];
    case 'KY':
    case 'AY':
      return [
        { name: ownerName, role: 'PARTNER' },
        { name: other(), role: 'PARTNER' },
      ];
    default:
      return [
        { name: other(), role: 'CEO' },
        { name: ownerName, role: 'CHAIR' },
        ...(random.chance(0.5) ? [{ name: other(), role: 'BOARD_MEMBER' as const }] : []),
      ];
  }
}

function tradeRegisterBulk({ data, options, ids, random, announce }: BulkContext<TradeRegisterSection>): SectionBulk {
  const ref = options.referenceDate;
  return {
    employers() {
      const count = Math.max(0, options.employers - data.companies.length);
      for (let i = 0; i < count; i++) {
        const businessId = claimBusinessId(ids, random);
        const industry = random.weighted(INDUSTRY_WEIGHTS);
        const legalForm = random.weighted<Company['legalForm']>([
          ['OY', 70],
          ['TMI', 14],
          ['KY', 6],
          ['AY', 3],
          ['OYJ', 2],
          ['OSK', 5],
        ]);
        const status = random.weighted<CompanyStatus>([
          ['ACTIVE', 92],
          ['BANKRUPT', 3],
          ['IN_LIQUIDATION', 2],
          ['DISSOLVED', 3],
        ]);
        const ageDays = random.int(200, 30 * 365);
        const owner = finnishNamesFor(random, randomSex(random));
        const company = companyRecord({
          businessId,
          name: companyName(random, industry, legalForm, owner.familyName),
          industry,
          legalForm,
          status,
          registeredOn: addDays(ref, -ageDays),
          statusChangedOn: status === 'ACTIVE' ? null : addDays(ref, -random.int(10, Math.min(700, ageDays - 1))),
          inTradeRegisterProper: legalForm !== 'TMI' || random.chance(0.6),
          vatRegistered: random.chance(0.93),
          employerRegistered: random.chance(0.88),
          personsInCharge: personsInCharge(random, legalForm, `${owner.givenNames.split(' ')[0]} ${owner.familyName}`),
          // About one in a hundred never reported an industry. Chosen by position, not by the
          // random stream, so that adding it left the rest of every seeded data set as it was.
          industryReported: i % UNREPORTED_INDUSTRY_EVERY !== UNREPORTED_INDUSTRY_EVERY - 1,
        });
        data.companies.push(company);
        announce.employer({ company, industry });
      }
    },
  };
}

export const tradeRegisterSection: DatasetSection<TradeRegisterSection> = {
  empty: () => ({ companies: [] }),
  counts: (data) => ({ companies: data.companies.length }),
  check(check, section, path) {
    const businessIds = new Map<string, string>();
    check.each(check.array(section, 'companies', path), `${path}.companies`, (company, companyPath) => {
      check.unique(businessIds, check.string(company, 'businessId', companyPath), `${companyPath}.businessId`, 'Business ID');
    });
  },
  bulk: tradeRegisterBulk,
};
