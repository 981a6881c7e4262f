import { describe, expect, it } from 'vitest';
import { MAX_NESTING, nestsDeeperThan, overlongStringIn } from './request-shape.js';

/** The scan as first written, a character at a time: what the jumping scan must agree with. */
function referenceNestsDeeperThan(text: string, max: number, language: 'json' | 'graphql'): boolean {
  const graphql = language === 'graphql';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      if (graphql && text.startsWith('"""', i)) {
        let end = -1;
        for (let j = i + 3; j < text.length; j++) {
          if (text[j] === '\\' && text.startsWith('\\"""', j)) j += 3;
          else if (text.startsWith('"""', j)) {
            end = j;
            break;
          }
        }
        if (end === -1) return false;
        i = end + 2;
        continue;
      }
      let end = -1;
      for (let j = i + 1; j < text.length; j++) {
        if (text[j] === '\\' && text[j + 1] !== '\n') j++;
        else if (text[j] === '"' || text[j] === '\n') {
          end = j;
          break;
        }
      }
      if (end === -1) return false;
      i = end;
      continue;
    }
    if (graphql && char === '#') {
      const end = text.indexOf('\n', i);
      if (end === -1) return false;
      i = end;
      continue;
    }
    if (char === '{' || char === '[' || (graphql && char === '(')) {
      if (++depth > max) return true;
    } else if (char === '}' || char === ']' || (graphql && char === ')')) {
      depth--;
    }
  }
  return false;
}

describe('nestsDeeperThan', () => {
  it('counts brackets, not those in strings, comments or block strings', () => {
    expect(nestsDeeperThan('[[[1]]]', 2, 'json')).toBe(true);
    expect(nestsDeeperThan('[[[1]]]', 3, 'json')).toBe(false);
    expect(nestsDeeperThan('{"a":"[[[[\\"[[[["}', 1, 'json')).toBe(false);
    expect(nestsDeeperThan('{"a\\\\":[[1]]}', 2, 'json')).toBe(true);
    expect(nestsDeeperThan('query { a(x: "{{{{") # {{{{\n { b } }', 2, 'graphql')).toBe(false);
    expect(nestsDeeperThan('query { a(x: """ {{{{ \\""" {{{{ """) { b { c } } }', 2, 'graphql')).toBe(true);
    expect(nestsDeeperThan(`${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}`, MAX_NESTING, 'json')).toBe(true);
  });

  it('agrees with a scan a character at a time on 20,000 random texts of brackets, quotes, escapes, comments and line breaks', () => {
    const alphabet = ['{', '}', '[', ']', '(', ')', '"', '"""', '\\', '#', '\n', 'a', ' '];
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20_000; round++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      for (const language of ['json', 'graphql'] as const) {
        const max = Math.floor(random() * 4);
        expect([text, language, max, nestsDeeperThan(text, max, language)]).toEqual([
          text,
          language,
          max,
          referenceNestsDeeperThan(text, max, language),
        ]);
      }
    }
  });
});

describe('overlongStringIn', () => {
  it('finds the first string over the limit, by its path, and never returns the string', () => {
    expect(overlongStringIn({ id: 'APP-0000001', filter: { familyName: 'Virtanen' } }, 11)).toBeNull();
    expect(overlongStringIn({ id: 'APP-0000001' }, 10)).toEqual({ path: '$id', length: 11 });
    expect(overlongStringIn({ filter: { names: ['ok', 'x'.repeat(5)] } }, 4)).toEqual({ path: '$filter.names[1]', length: 5 });
    expect(overlongStringIn({ n: 12345678901, b: true, z: null, list: [[], {}] }, 2)).toBeNull();
  });
});
