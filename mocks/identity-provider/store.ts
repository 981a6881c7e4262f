/**
 * Where the provider keeps sessions, interactions, grants and authorization codes: in memory, in
 * one bounded LRU owned by one running identity provider.
 *
 * oidc-provider's own memory adapter is not ours to hand over (in oidc-provider 8 it is one store
 * of 1000 entries for the whole process, shared by every Provider in it). Rotating the signing key
 * builds a new Provider (the library reads its JWKS once), so the store lives outside it and is
 * handed to each: a rotation keeps everyone signed in and every code in flight redeemable.
 * Nothing is written to disk; a restart signs everyone out, as it should for a demo.
 */
import { LRUCache } from 'lru-cache';
import type { Adapter, AdapterPayload } from 'oidc-provider';

/** More than a demo ever holds; the least recently used entry goes first beyond it. */
const MAX_ENTRIES = 20_000;

type Entry = AdapterPayload | string | Set<string>;

/**
 * The models revoking a grant removes (RFC 6749 10.5/7009: what was issued under it). Others
 * carry a grantId too, an Interaction for one, and must outlive the revocation: switching user
 * revokes the old user's grant in the middle of the interaction that signs the new one in.
 */
const ISSUED_UNDER_GRANT = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export class ProviderStore {
  readonly #entries = new LRUCache<string, Entry>({ max: MAX_ENTRIES });

  /** The adapter factory for oidc-provider's `adapter` option. */
  readonly adapterFor = (model: string): Adapter => new ModelAdapter(model, this.#entries);

  clear(): void {
    this.#entries.clear();
  }
}

class ModelAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly entries: LRUCache<string, Entry>,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  private payload(key: string | undefined): AdapterPayload | undefined {
    if (key === undefined) return undefined;
    const entry = this.entries.get(key);
    return entry !== undefined && typeof entry === 'object' && !(entry instanceof Set) ? entry : undefined;
  }

  private pointer(key: string): string | undefined {
    const entry = this.entries.get(key);
    return typeof entry === 'string' ? entry : undefined;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const key = this.key(id);
    const ttl = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined;
    const options = ttl === undefined ? {} : { ttl };
    this.entries.set(key, payload, options);
    if (this.model === 'Session' && typeof payload.uid === 'string') this.entries.set(`sessionUid:${payload.uid}`, id, options);
    if (typeof payload.userCode === 'string') this.entries.set(`userCode:${payload.userCode}`, id, options);
    if (ISSUED_UNDER_GRANT.has(this.model) && typeof payload.grantId === 'string') {
      const grantKey = `grant:${payload.grantId}`;
      const members = this.entries.get(grantKey);
      if (members instanceof Set) members.add(key);
      else this.entries.set(grantKey, new Set([key]));
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.payload(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.pointer(`sessionUid:${uid}`);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.pointer(`userCode:${userCode}`);
    return id === undefined ? undefined : this.find(id);
  }

  async consume(id: string): Promise<void> {
    const payload = this.payload(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const grantKey = `grant:${grantId}`;
    const members = this.entries.get(grantKey);
    if (members instanceof Set) for (const key of members) this.entries.delete(key);
    this.entries.delete(grantKey);
  }
}
