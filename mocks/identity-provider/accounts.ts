/**
 * Who the demo provider knows, and what an access token says about them: exactly the claims of
 * contracts/identity.ts (`sub`, `roles`, `unit`, `org`, `name`), nothing the contract does not
 * name. Users sign in interactively; service accounts are OAuth clients using client credentials.
 */
import type { AccessToken, Account, ClientCredentials, FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import { DEMO_ORGANISATION, type DemoServiceAccount, type DemoUser } from '../../contracts/identity.js';

/** The claims an access token carries beyond the registered JWT ones (iss, aud, exp, iat, jti, client_id). */
export type AccessTokenClaims = {
  roles: string[];
  /** Omitted for users outside case handling (unit null) and for service accounts. */
  unit?: string;
  org: string;
  /** Users only. */
  name?: string;
};

export class DemoDirectory {
  readonly #users: ReadonlyMap<string, DemoUser>;
  readonly #serviceAccounts: ReadonlyMap<string, DemoServiceAccount>;

  constructor(users: readonly DemoUser[], serviceAccounts: readonly DemoServiceAccount[]) {
    this.#users = new Map(users.map((user) => [user.id, user]));
    this.#serviceAccounts = new Map(serviceAccounts.map((account) => [account.id, account]));
    const clash = users.find((user) => this.#serviceAccounts.has(user.id));
    if (clash) throw new Error(`${clash.id} is both a demo user and a service account`);
  }

  get users(): DemoUser[] {
    return [...this.#users.values()];
  }

  get serviceAccounts(): DemoServiceAccount[] {
    return [...this.#serviceAccounts.values()];
  }

  user(id: string): DemoUser | undefined {
    return this.#users.get(id);
  }

  /** oidc-provider's `findAccount`: a demo user by id, or undefined (the library then refuses). */
  readonly findAccount: FindAccount = async (_ctx, id): Promise<Account | undefined> => {
    const user = this.#users.get(id);
    if (!user) return undefined;
    // ID token and (disabled) userinfo claims; the access token's come from accessTokenClaims.
    return { accountId: user.id, claims: () => ({ sub: user.id, name: user.name }) };
  };

  /** oidc-provider's `extraTokenClaims`: the contract's claims for the token's user or service account. */
  readonly extraTokenClaims = async (
    _ctx: KoaContextWithOIDC,
    token: AccessToken | ClientCredentials,
  ): Promise<AccessTokenClaims | undefined> => {
    if (token.kind === 'ClientCredentials') {
      const account = token.clientId === undefined ? undefined : this.#serviceAccounts.get(token.clientId);
      return account ? { roles: [...account.roles], org: DEMO_ORGANISATION } : undefined;
    }
    const user = this.#users.get(token.accountId);
    if (!user) return undefined;
    return {
      roles: [...user.roles],
      ...(user.unit === null ? {} : { unit: user.unit }),
      org: DEMO_ORGANISATION,
      name: user.name,
    };
  };
}
