/**
 * Refusing request shapes that would exhaust the stack before anything reads them.
 *
 * JSON.parse copes with any nesting, but what walks the parsed value afterwards (variable
 * coercion, the response cache's key) recurses, and graphql-js's parser recurses into list and
 * object literals: 5,000 levels of `[[[...]]]` end in "Maximum call stack size exceeded". Both are
 * counted here on the raw text, without parsing, so an over-deep request is refused up front.
 */

/**
 * Deepest bracket nesting a request's JSON or GraphQL document may have. The deepest legitimate
 * document (an operation 10 selections deep, with an input object argument) nests about 14 levels.
 */
export const MAX_NESTING = 64;

/**
 * Whether `text` nests `{`, `[` (and, for GraphQL, `(`) deeper than `max`, ignoring brackets in
 * strings (and, for GraphQL, comments and block strings). A linear scan: no recursion, no allocation.
 */
export function nestsDeeperThan(text: string, max: number, language: 'json' | 'graphql'): boolean {
  let depth = 0;
  const graphql = language === 'graphql';
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22 /* " */) {
      if (graphql && text.startsWith('"""', i)) {
        const end = findBlockStringEnd(text, i + 3);
        if (end === -1) return false;
        i = end + 2;
        continue;
      }
      i = findStringEnd(text, i + 1);
      if (i === -1) return false;
      continue;
    }
    if (graphql && char === 0x23 /* # */) {
      const end = text.indexOf('\n', i);
      if (end === -1) return false;
      i = end;
      continue;
    }
    if (char === 0x7b /* { */ || char === 0x5b /* [ */ || (graphql && char === 0x28) /* ( */) {
      if (++depth > max) return true;
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */ || (graphql && char === 0x29) /* ) */) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote closing a string whose content starts at `from`, or -1. */
function findStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x5c /* \ */) i++;
    else if (char === 0x22 || char === 0x0a) return i;
  }
  return -1;
}

/** The index of the `"""` closing a block string whose content starts at `from`, or -1. */
function findBlockStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x5c && text.startsWith('\\"""', i)) i += 3;
    else if (text.startsWith('"""', i)) return i;
  }
  return -1;
}
