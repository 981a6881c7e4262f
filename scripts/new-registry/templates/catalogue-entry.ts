/** The registry's entry in contracts/registry-catalogue.ts (inserted into REGISTRIES, last). */
import { TODO, type Scaffold } from './scaffold.js';

/** The default TTL of a new registry until the integrator decides one: short, so nothing stale lingers. */
const PLACEHOLDER_TTL_SECONDS = 60;

export function catalogueEntryTemplate({ names, flavour }: Scaffold): string {
  return `  ${names.id}: {
    code: '${names.code}',
    // ${TODO}: what a case worker calls the registry; error messages start with it.
    title: '${names.title}',
    shortName: '${names.title.toLowerCase()}',
    // ${TODO}: the registry's X-Road subsystem, CLASS/MEMBER/SUBSYSTEM (a placeholder until then).
    xRoadSubsystem: 'GOV/0000000-0/${names.pascal}',
    batch: ${flavour === 'batch'},
    subgraph: '${names.name}',
    // ${TODO}: why this TTL: how often the registry's answers change and what a stale one would
    // cost a case worker; ${PLACEHOLDER_TTL_SECONDS} s is a placeholder.
    cacheTtlSeconds: ${PLACEHOLDER_TTL_SECONDS},
  },
`;
}
