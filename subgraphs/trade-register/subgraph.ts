/**
 * The trade-register subgraph: employers as the trade register knows them.
 */
import { withProvenance } from '../shared/loaders.js';
import type { SubgraphContext } from '../shared/request-context.js';
import type { SubgraphDefinition } from '../shared/subgraph-server.js';
import { validBusinessId } from '../shared/validation.js';
import type { Company, RegisterPeriod } from '../../contracts/registries/trade-register.js';
import { TradeRegisterClient } from './registry-client.js';

/** Whether a register period covers today. */
function inForce(period: RegisterPeriod | null): boolean {
  if (!period) return false;
  const today = new Date().toISOString().slice(0, 10);
  return period.since <= today && (period.until === null || period.until >= today);
}

export const tradeRegisterSubgraph: SubgraphDefinition<'tradeRegister'> = {
  name: 'trade-register',
  defaultPort: 4005,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  registries: ['tradeRegister'],
  resolvers: (clients) => {
    const tradeRegister = new TradeRegisterClient(clients.tradeRegister);
    return {
      Query: {
        employer: (_: unknown, args: { businessId: string }) => ({ businessId: validBusinessId(args.businessId) }),
      },
      Employer: {
        tradeRegister: async (employer: { businessId: string }, _: unknown, context: SubgraphContext) =>
          withProvenance(await tradeRegister.company(context, employer.businessId)),
      },
      TradeRegisterEntry: {
        inTradeRegister: (company: Company) => company.status !== 'DISSOLVED' && inForce(company.tradeRegister),
        liableForVat: (company: Company) => inForce(company.vatRegister),
        tradeRegisterEntry: (company: Company) => company.tradeRegister,
      },
    };
  },
};
