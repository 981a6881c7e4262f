// The page's own styles, after GraphiQL's: the identity bar above GraphiQL and the plan panel.
// GraphiQL's custom properties (colours, spacing, fonts) are used so both follow its light and
// dark themes. A module (not a .css file) so the build copies it with the other .mjs files.

export const PAGE_STYLES = `
html, body { height: 100%; }
body { display: flex; flex-direction: column; }
#casegraph-identity {
  flex: none; display: flex; align-items: center; gap: 16px; padding: 6px 16px; min-height: 40px; box-sizing: border-box;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #f1f3f6;
  border-bottom: 1px solid #d8dde5;
}
body.graphiql-dark #casegraph-identity { color: #e6e8ec; background: #141923; border-bottom-color: #2a3140; }
.cg-identity-product { font-weight: 600; }
.cg-identity-status { flex: 1; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; }
.cg-identity-id { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
.cg-identity-detail { color: #555; }
body.graphiql-dark .cg-identity-detail { color: #aab; }
.cg-identity-detail::before { content: "·"; margin-right: 8px; }
.cg-identity-warning { font-weight: 600; color: #9a3b00; }
.cg-identity-problem { flex-basis: 100%; color: #a4001f; }
body.graphiql-dark .cg-identity-warning { color: #ffb27a; }
body.graphiql-dark .cg-identity-problem { color: #ff8c9d; }
.cg-identity-actions { display: flex; gap: 8px; }
.cg-button {
  font: inherit; padding: 3px 12px; border-radius: 6px; border: 1px solid #b8c0cc; background: #fff; color: inherit; cursor: pointer;
}
.cg-button:hover, .cg-button:focus-visible { border-color: #5a7fb0; background: #e8eef6; }
.cg-button-primary { background: #2b5797; border-color: #2b5797; color: #fff; }
.cg-button-primary:hover, .cg-button-primary:focus-visible { background: #1f4277; }
body.graphiql-dark .cg-button { background: #1f2633; border-color: #3a4458; }
#root { flex: 1; min-height: 0; }
#root .graphiql-container { height: 100%; width: 100%; }

.cg-plan { font-size: var(--font-size-body); line-height: 1.45; }
.cg-plan-note, .cg-plan-summary { color: hsla(var(--color-neutral), var(--alpha-secondary)); }
.cg-plan-summary { margin: 0 0 var(--px-12); }
.cg-plan-heading { font-size: var(--font-size-h4); font-weight: var(--font-weight-medium); margin: var(--px-16) 0 var(--px-8); }
.cg-plan ol, .cg-plan ul { margin: 0; padding-left: 22px; }
.cg-plan-tree { padding-left: 0 !important; list-style: none; }
.cg-plan-group { margin: 2px 0; }
.cg-plan-group-label { font-weight: var(--font-weight-medium); color: hsl(var(--color-secondary)); }
.cg-plan-parallel > ul { list-style-type: "∥  "; border-left: 2px solid hsla(var(--color-secondary), 0.5); margin-left: 4px; padding-left: 24px; }
.cg-plan-parallel > ul > li::marker { color: hsl(var(--color-secondary)); }
.cg-plan-fetch { margin: 6px 0; }
.cg-plan-fetch-line { display: flex; align-items: baseline; gap: 8px; }
.cg-plan-subgraph { font-weight: var(--font-weight-medium); color: hsl(var(--color-primary)); }
.cg-plan-fetch-kind { color: hsla(var(--color-neutral), var(--alpha-secondary)); font-size: 0.9em; }
.cg-plan-duration { margin-left: auto; color: hsl(var(--color-tertiary)); font-variant-numeric: tabular-nums; white-space: nowrap; }
.cg-plan-bar { display: block; height: 3px; margin: 2px 0; background: hsla(var(--color-neutral), var(--alpha-background-light)); }
.cg-plan-bar > span { display: block; height: 100%; background: hsl(var(--color-tertiary)); border-radius: 2px; }
.cg-plan-fetch-detail { color: hsla(var(--color-neutral), var(--alpha-secondary)); font-size: 0.9em; overflow-wrap: anywhere; }
.cg-plan code { font-family: var(--font-family-mono); font-size: 0.92em; }
.cg-plan-calls { border-collapse: collapse; width: 100%; font-size: 0.92em; }
.cg-plan-calls th, .cg-plan-calls td { text-align: left; padding: 3px 6px; vertical-align: top; }
.cg-plan-calls th { font-weight: var(--font-weight-medium); border-bottom: 1px solid hsla(var(--color-neutral), var(--alpha-background-heavy)); }
.cg-plan-calls tbody { border-bottom: 1px solid hsla(var(--color-neutral), var(--alpha-background-heavy)); }
.cg-plan-service { display: block; color: hsla(var(--color-neutral), var(--alpha-secondary)); overflow-wrap: anywhere; }
.cg-plan-call-ids td { padding-top: 0; color: hsla(var(--color-neutral), var(--alpha-secondary)); font-size: 0.9em; overflow-wrap: anywhere; }
.cg-plan-number { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap; }
.cg-plan-failed td { color: hsl(var(--color-error)); }
.cg-plan-raw { margin-top: var(--px-16); }
.cg-plan-raw pre { font-family: var(--font-family-mono); font-size: 12px; white-space: pre; overflow: auto; max-height: 40vh; }
`;
