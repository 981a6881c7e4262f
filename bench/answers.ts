/**
 * Comparing two gateways' answers to the same operation. Before a gateway is measured its
 * answer is compared with casegraph's: on the same subgraphs and data they must agree, except in
 * what each request stamps anew (when and under which request a registry answered, and whether
 * from a cache).
 */

/** Provenance fields that differ from one request to the next by design. */
const PER_REQUEST_PROVENANCE_FIELDS = new Set(['retrievedAt', 'requestId', 'fromCache']);

/** The answer without its per-request provenance fields. */
export function withoutPerRequestFields(value: unknown, insideProvenance = false): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutPerRequestFields(item));
  if (typeof value !== 'object' || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (insideProvenance && PER_REQUEST_PROVENANCE_FIELDS.has(key)) continue;
    kept[key] = withoutPerRequestFields(child, key === 'provenance');
  }
  return kept;
}

/**
 * The path of the first place where `actual` differs from `expected` (e.g.
 * `application.applicant.sis.hitCount`), or null when they are equal. Key order is ignored.
 */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | null {
  const here = path || '(root)';
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return here;
    if (expected.length !== actual.length) return `${here} (length ${actual.length}, expected ${expected.length})`;
    for (const [index, item] of expected.entries()) {
      const difference = firstDifference(item, actual[index], `${path}[${index}]`);
      if (difference !== null) return difference;
    }
    return null;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const expectedRecord = expected as Record<string, unknown>;
    const actualRecord = actual as Record<string, unknown>;
    const keys = new Set([...Object.keys(expectedRecord), ...Object.keys(actualRecord)]);
    for (const key of keys) {
      if (!(key in expectedRecord) || !(key in actualRecord)) return path ? `${path}.${key}` : key;
      const difference = firstDifference(expectedRecord[key], actualRecord[key], path ? `${path}.${key}` : key);
      if (difference !== null) return difference;
    }
    return null;
  }
  return Object.is(expected, actual) ? null : here;
}
