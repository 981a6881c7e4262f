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
 * Where the first string longer than `max` characters sits in `value` (a request's parsed
 * variables), as `$name.field[2]`, with its length; or null when none is. Never the string itself:
 * it may be personal data. Recursion is bounded: the raw JSON was refused beyond MAX_NESTING first.
 */
export function overlongStringIn(value: unknown, max: number): { path: string; length: number } | null {
  // The path is made only for the string found, from the inside out: a thousand ids cost no strings.
  const steps: Array<string | number> = [];
  const lengthOfOverlong = (current: unknown): number | null => {
    if (typeof current === 'string') return current.length > max ? current.length : null;
    if (current === null || typeof current !== 'object') return null;
    const entries: Iterable<[string | number, unknown]> = Array.isArray(current) ? current.entries() : Object.entries(current);
    for (const [step, child] of entries) {
      const length = lengthOfOverlong(child);
      if (length !== null) {
        steps.push(step);
        return length;
      }
    }
    return null;
  };
  const length = lengthOfOverlong(value);
  if (length === null) return null;
  const path = steps
    .reverse()
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? `$${step}` : `.${step}`))
    .join('');
  return { path, length };
}

/** The characters a scan stops at: brackets, and what starts a string (and, in GraphQL, a comment). */
const JSON_STOPS = /["{}[\]]/g;
const GRAPHQL_STOPS = /["#{}[\]()]/g;

/**
 * Whether `text` nests `{`, `[` (and, for GraphQL, `(`) deeper than `max`, ignoring brackets in
 * strings (and, for GraphQL, comments and block strings). A linear scan that jumps from one
 * bracket or quote to the next (a regular expression and indexOf do the walking, natively): no
 * recursion, and it runs on every request.
 */
export function nestsDeeperThan(text: string, max: number, language: 'json' | 'graphql'): boolean {
  let depth = 0;
  const graphql = language === 'graphql';
  const stops = graphql ? GRAPHQL_STOPS : JSON_STOPS;
  stops.lastIndex = 0;
  for (let match = stops.exec(text); match !== null; match = stops.exec(text)) {
    const i = match.index;
    const char = text.charCodeAt(i);
    if (char === 0x22 /* " */) {
      if (graphql && text.startsWith('"""', i)) {
        const end = findBlockStringEnd(text, i + 3);
        if (end === -1) return false;
        stops.lastIndex = end + 3;
        continue;
      }
      const end = findStringEnd(text, i + 1);
      if (end === -1) return false;
      stops.lastIndex = end + 1;
      continue;
    }
    if (char === 0x23 /* # */) {
      const end = text.indexOf('\n', i);
      if (end === -1) return false;
      stops.lastIndex = end + 1;
      continue;
    }
    if (char === 0x7b /* { */ || char === 0x5b /* [ */ || char === 0x28 /* ( */) {
      if (++depth > max) return true;
    } else {
      depth--;
    }
  }
  return false;
}

/**
 * The index of the quote closing a string whose content starts at `from` (a quote not escaped by
 * an odd run of backslashes), or of a line break before it (a string never spans lines), or -1.
 */
function findStringEnd(text: string, from: number): number {
  const lineEnd = text.indexOf('\n', from);
  for (let quote = text.indexOf('"', from); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    if (lineEnd !== -1 && lineEnd < quote) return lineEnd;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return lineEnd;
}

/** The index of the `"""` closing a block string whose content starts at `from`, or -1. */
function findBlockStringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x5c && text.startsWith('\\"""', i)) i += 3;
    else if (text.startsWith('"""', i)) return i;
  }
  return -1;
}
