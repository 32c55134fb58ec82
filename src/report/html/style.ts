// Inline CSS: the report is one file with no external assets, readable when printed too.
export const CSS = `
:root { --ok:#2e7d32; --bad:#c62828; --warn:#b7791f; --tool:#616161; --line:#ddd; --soft:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 24px 48px; color: #1f2328; }
h1 { font-size: 22px; margin: 24px 0 8px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.zero td { color: #8c959f; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--soft); border: 1px solid var(--line); padding: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; margin: 4px 0; }
.banner { margin: 16px 0; padding: 16px 20px; border-radius: 6px; color: #fff; }
.banner .verdict { font-size: 28px; font-weight: 700; letter-spacing: .5px; }
.banner p { margin: 4px 0 0; }
.v-conformant { background: var(--ok); } .v-not-conformant { background: var(--bad); }
.v-incomplete { background: var(--warn); } .v-tool-error { background: var(--tool); }
.state { font-weight: 600; white-space: nowrap; }
.s-passed { color: var(--ok); } .s-failed { color: var(--bad); } .s-skipped { color: var(--warn); } .s-error { color: var(--tool); }
.card { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 4px; padding: 8px 16px; margin: 12px 0; }
.card.tool { border-left-color: var(--tool); }
.card.advisory { border-left-color: var(--warn); }
.exchange { margin: 8px 0 16px; }
.exchange h4 { font-size: 13px; margin: 8px 0 2px; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
dl.kv dt { font-weight: 600; } dl.kv dd { margin: 0; word-break: break-word; }
.muted { color: #59636e; }
ul.ids { font-size: 12px; overflow-wrap: anywhere; }
@media print { details { display: block; } .banner { color: #000; border: 2px solid #000; } }
`;
