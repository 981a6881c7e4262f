/**
 * The table of rule sets, and each set's claim about the registries it reads. The checks
 * subgraph gets an X-Road client only for the registries the sets declare, and a page of checks
 * batches only if every load starts before the first await: both rest on what is tested here.
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EMPLOYER_BUSINESS_ID, application, provenance } from '../../../test/check-facts.js';
import type { ApplicationType } from '../../../contracts/registries/case-register.js';
import { REGISTRIES, REGISTRY_IDS, type RegistryId } from '../../../contracts/registry-catalogue.js';
import { ErrorCode } from '../../../platform/errors.js';
import { RegistryError } from '../../shared/registry-error.js';
import type { SubgraphContext } from '../../shared/request-context.js';
import type { RegistryAnswer } from '../../shared/xroad-client.js';
import type { RegistryReaders } from '../registry-readers.js';
import { checksSubgraph } from '../subgraph.js';
import { RULE_SETS, RULE_SETS_BY_TYPE, TYPES_WITHOUT_RULE_SET } from './index.js';
import type { Answer } from './rule.js';
import { sisRule } from './sis.js';

/** The application types the graph knows, from the checks subgraph's own schema. */
function graphApplicationTypes(): string[] {
  const sdl = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  const definition = parse(sdl).definitions.find(
    (node): node is EnumTypeDefinitionNode => node.kind === Kind.ENUM_TYPE_DEFINITION && node.name.value === 'ApplicationType',
  );
  return definition?.values?.map((value) => value.name.value) ?? [];
}

/**
 * Readers that note, as each call is made, which registry it went to, and answer it with
 * `answer`. Every method of every reader is there, so a set reading an undeclared registry is
 * seen, not a TypeError.
 */
function recordingReaders(answer: (registry: RegistryId) => Promise<RegistryAnswer<unknown>>) {
  const called: RegistryId[] = [];
  const reader = (registry: RegistryId) =>
    new Proxy(
      {},
      {
        get: () => () => {
          called.push(registry);
          return answer(registry);
        },
      },
    );
  const readers = Object.fromEntries(REGISTRY_IDS.map((id) => [id, reader(id)])) as unknown as RegistryReaders;
  return { readers, called };
}

const nothingKnown = (registry: RegistryId) => Promise.resolve({ record: null, provenance: provenance(REGISTRIES[registry].code) });
const unavailable = (registry: RegistryId) =>
  Promise.reject(new RegistryError({ registry, code: ErrorCode.REGISTRY_UNAVAILABLE }, 'the registry is unavailable'));

// The fake readers never look at the context.
const context = {} as SubgraphContext;

/** An application of `type` naming everything a set could ask a registry about: an identity code and an employer. */
function naming(type: ApplicationType) {
  return { record: application({ type, employerBusinessId: EMPLOYER_BUSINESS_ID }), provenance: provenance('CASE_REGISTER') };
}

/** An application of `type` naming nothing to ask by: no Finnish identity code, no employer. */
function namingNothing(type: ApplicationType) {
  const base = application({ type, employerBusinessId: null });
  return {
    record: { ...base, applicant: { ...base.applicant, personalIdentityCode: null } },
    provenance: provenance('CASE_REGISTER'),
  };
}

const sorted = (registries: readonly RegistryId[]) => [...new Set(registries)].sort();

describe('the table of rule sets by application type', () => {
  it('has every application type of the graph once, with or without a set', () => {
    const types = graphApplicationTypes().sort();
    expect(Object.keys(RULE_SETS_BY_TYPE).sort()).toEqual(types);
    // Each set under its own type and no other, each type without a set once.
    expect([...RULE_SETS.map((ruleSet) => ruleSet.applicationType), ...TYPES_WITHOUT_RULE_SET].sort()).toEqual(types);
  });

  it.each(Object.entries(RULE_SETS_BY_TYPE))('%s: the set, if any, is for that type', (type, ruleSet) => {
    if (ruleSet) expect(ruleSet.applicationType).toBe(type);
  });

  it('gives each set its own id', () => {
    expect(new Set(RULE_SETS.map((ruleSet) => ruleSet.id)).size).toBe(RULE_SETS.length);
  });

  it.each(RULE_SETS.map((ruleSet) => [ruleSet.id, ruleSet] as const))('%s ends with the SIS II rule, and has it once', (_id, ruleSet) => {
    expect(ruleSet.rules.at(-1)).toBe(sisRule);
    expect(ruleSet.rules.filter((rule) => rule.id === sisRule.id)).toHaveLength(1);
  });
});

describe.each(RULE_SETS.map((ruleSet) => [ruleSet.id, ruleSet] as const))('the %s rule set', (_id, ruleSet) => {
  it('reads exactly the registries it declares, every one started before its first await', async () => {
    const { readers, called } = recordingReaders(nothingKnown);
    const gathering = ruleSet.gatherFacts(readers, context, naming(ruleSet.applicationType));
    // Nothing has been awaited yet: what is called now is what joins the page's batches.
    const startedAtOnce = [...called];
    await gathering;
    expect(sorted(startedAtOnce)).toEqual(sorted(ruleSet.registries));
    expect(called).toEqual(startedAtOnce);
  });

  it('reads no registry it does not declare when the application names nothing to ask by', async () => {
    const { readers, called } = recordingReaders(nothingKnown);
    await ruleSet.gatherFacts(readers, context, namingNothing(ruleSet.applicationType));
    for (const registry of called) expect(ruleSet.registries).toContain(registry);
  });

  it('keeps a registry failure as evidence naming the registry, and does not throw', async () => {
    const { readers } = recordingReaders(unavailable);
    const facts: Record<string, unknown> = { ...(await ruleSet.gatherFacts(readers, context, naming(ruleSet.applicationType))) };
    const failed = Object.values(facts).filter(
      (value): value is Extract<Answer<unknown>, { ok: false }> =>
        typeof value === 'object' && value !== null && 'ok' in value && value.ok === false,
    );
    const failures = failed.map((answer) => answer.failure);
    expect(failures.map((failure) => failure.registry).sort()).toEqual(ruleSet.registries.map((id) => REGISTRIES[id].code).sort());
    for (const failure of failures) expect(failure).toMatchObject({ code: 'REGISTRY_UNAVAILABLE', message: /unavailable/ });
  });
});

describe('the checks subgraph', () => {
  it('reads the case register, for the applications, and every registry a rule set reads, and no other', () => {
    const read = new Set<RegistryId>(['caseRegister', ...RULE_SETS.flatMap((ruleSet) => ruleSet.registries)]);
    expect(checksSubgraph.registries).toEqual(REGISTRY_IDS.filter((id) => read.has(id)));
  });
});
