// Types of tabs.mjs (plain JavaScript, inlined in the GraphiQL page), for its tests.

export const TAB_STATE_KEY: string;

export interface TabContents {
  query: string;
  variables: string;
  headers: string;
}

export function openingTab(storage: { getItem(key: string): string | null }, defaultTabs: readonly TabContents[]): TabContents;
