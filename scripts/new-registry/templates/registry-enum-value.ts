/** The registry's value of the `Registry` enum in subgraphs/shared/common.graphql (inserted last). */
import { TODO, type Scaffold } from './scaffold.js';

export function registryEnumValueTemplate({ names }: Scaffold): string {
  return `
  # ${TODO}: describe the registry as API users know it.
  "${names.title}."
  ${names.code}`;
}
