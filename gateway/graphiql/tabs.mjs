// Which tab GraphiQL opens with, and what its editors hold at first.
//
// GraphiQL 5 (graphiql-react's getDefaultTabState) decides the tabs once, at start, from what it
// is given as the initial query, variables and headers:
// - with no tabs stored yet, it opens the first of `defaultTabs`, but fills the variables and
//   headers editors from the initial values, not from that tab: given none, the first tab showed
//   its query with an empty variables pane until one switched away and back;
// - with tabs stored (a reload or a return visit), it looks for a stored tab with exactly the
//   initial query, variables and headers, and when none matches it adds one: given none, every
//   visit added an empty "<untitled>" tab and opened it.
// So the page always gives GraphiQL the contents of the tab it is to open: the active tab
// stored in GraphiQL's own tab state (the analyst's own edits included) when there is one, else
// the first example tab (CaseView).
//
// Plain JavaScript without imports or browser globals: the renderer inlines it in the page, and
// tests run it in Node.

/** Where GraphiQL keeps its tabs (localStorage, "graphiql:" + its key "tabState"). */
export const TAB_STATE_KEY = 'graphiql:tabState';

const textOrEmpty = (value) => (typeof value === 'string' ? value : '');

/**
 * The initial query, variables and headers for GraphiQL: those of the stored active tab, or of
 * `defaultTabs[0]` when nothing usable is stored.
 */
export function openingTab(storage, defaultTabs) {
  const stored = storedActiveTab(storage);
  const tab = stored ?? defaultTabs[0] ?? { query: '', variables: '', headers: '' };
  return { query: textOrEmpty(tab.query), variables: textOrEmpty(tab.variables), headers: textOrEmpty(tab.headers) };
}

/** The active tab of GraphiQL's stored tab state, when GraphiQL itself would take that state as valid. */
function storedActiveTab(storage) {
  let state;
  try {
    state = JSON.parse(storage.getItem(TAB_STATE_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!state || typeof state !== 'object' || !Array.isArray(state.tabs) || typeof state.activeTabIndex !== 'number') return null;
  // GraphiQL's own check (isTabsState): otherwise it drops the stored tabs for the default ones.
  if (!state.tabs.every(isStoredTab)) return null;
  return state.tabs[state.activeTabIndex] ?? null;
}

const isTextOrNull = (tab, key) => key in tab && (typeof tab[key] === 'string' || tab[key] === null);

function isStoredTab(tab) {
  return (
    tab !== null &&
    typeof tab === 'object' &&
    !Array.isArray(tab) &&
    typeof tab.id === 'string' &&
    typeof tab.title === 'string' &&
    ['query', 'variables', 'headers', 'operationName', 'response'].every((key) => isTextOrNull(tab, key))
  );
}
