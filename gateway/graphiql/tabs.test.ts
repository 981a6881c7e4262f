import { describe, expect, it } from 'vitest';
import { openingTab, TAB_STATE_KEY } from './tabs.mjs';

const defaults = [
  { query: 'query CaseView { __typename }', variables: '{\n  "id": "APP-0000001"\n}', headers: '' },
  { query: 'query PopulationRecord { __typename }', variables: '{}', headers: '{\n  "x-case-id": "APP-0000001"\n}' },
];

function storageWith(value: unknown) {
  return { getItem: (key: string) => (key === TAB_STATE_KEY && value !== undefined ? JSON.stringify(value) : null) };
}

const storedTab = (query: string, variables: string | null, headers: string | null) => ({
  id: query,
  hash: null,
  title: query,
  query,
  variables,
  headers,
  operationName: null,
  response: null,
});

describe('openingTab', () => {
  it('on a first visit is the first example tab, variables and headers included', () => {
    expect(openingTab(storageWith(undefined), defaults)).toEqual(defaults[0]);
  });

  it('on a return visit is the active stored tab, as the analyst left it', () => {
    const state = {
      activeTabIndex: 1,
      tabs: [storedTab('query A { a }', '{}', null), storedTab('query B { b }', '{"x": 1}', '{"h": "1"}')],
    };
    expect(openingTab(storageWith(state), defaults)).toEqual({ query: 'query B { b }', variables: '{"x": 1}', headers: '{"h": "1"}' });
  });

  it('gives empty texts for what the stored tab holds as null (GraphiQL hashes both alike)', () => {
    const state = { activeTabIndex: 0, tabs: [storedTab('query A { a }', null, null)] };
    expect(openingTab(storageWith(state), defaults)).toEqual({ query: 'query A { a }', variables: '', headers: '' });
  });

  it.each([
    ['unreadable', '{not json'],
    ['without tabs', { activeTabIndex: 0 }],
    ['with a tab GraphiQL would not take', { activeTabIndex: 0, tabs: [{ id: 'x', title: 'x', query: 'query A { a }' }] }],
  ])('falls back to the first example tab when the stored state is %s', (_what, state) => {
    const storage = { getItem: () => (typeof state === 'string' ? state : JSON.stringify(state)) };
    expect(openingTab(storage, defaults)).toEqual(defaults[0]);
  });
});
