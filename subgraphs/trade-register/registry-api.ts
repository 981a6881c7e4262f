/**
 * The trade register / business information system (YTJ), as X-Road serves it.
 *
 * Service under /r1/{INSTANCE}/GOV/0244680-7/YTJ/:
 *   POST companies/batch   BatchLookupRequest (Business IDs) -> BatchLookupResponse<Company>
 */
import type { IsoDate } from '../shared/registry-api.js';

export type CompanyStatus = 'ACTIVE' | 'BANKRUPT' | 'IN_LIQUIDATION' | 'DISSOLVED';

export interface RegisterPeriod {
  since: IsoDate;
  until: IsoDate | null;
}

export interface Company {
  businessId: string;
  name: string;
  /** TOL 2008 industry classification. */
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
