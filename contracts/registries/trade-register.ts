/**
 * The trade register / business information system (YTJ), as X-Road serves it.
 *
 * Service under /r1/{INSTANCE}/GOV/0244680-7/YTJ/:
 *   POST companies/batch   BatchLookupRequest (Business IDs) -> BatchLookupResponse<Company>
 */
import type { IsoDate } from '../xroad.js';

export type CompanyStatus = 'ACTIVE' | 'BANKRUPT' | 'IN_LIQUIDATION' | 'DISSOLVED';

export interface RegisterPeriod {
  since: IsoDate;
  until: IsoDate | null;
}

/** TOL 2008 code of "Toimiala tuntematon": the trade register does not know the company's industry. */
export const UNKNOWN_INDUSTRY_CODE = '00000';

export interface Company {
  businessId: string;
  name: string;
  /** TOL 2008 industry classification; UNKNOWN_INDUSTRY_CODE when the industry was never reported. */
  mainIndustry: { code: string; description: string };
  legalForm: 'OY' | 'OYJ' | 'KY' | 'AY' | 'TMI' | 'OSK';
  status: CompanyStatus;
  registeredOn: IsoDate;
  /** Entry in the trade register proper (a sole trader may be in YTJ without it). */
  tradeRegister: RegisterPeriod | null;
  prepaymentRegister: RegisterPeriod | null;
  vatRegister: RegisterPeriod | null;
  employerRegister: RegisterPeriod | null;
  personsInCharge: { name: string; role: 'CEO' | 'CHAIR' | 'BOARD_MEMBER' | 'PARTNER' | 'OWNER' }[];
}
