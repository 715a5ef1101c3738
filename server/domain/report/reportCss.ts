/**
 * The HTML report's whole stylesheet, inline so the file stands alone. Print rules make
 * "Print to PDF" a clean document: no link colours, charts and tables kept whole, the table
 * of contents on its own page. Sides are logical (inline-start/end), so an Urdu report
 * (`dir="rtl"`) mirrors: room rules and indents on the right, numbers aligned to the left.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --bar: #2f6fb3;
  --decision: #1a7f37; --action: #9a6700; --recommendation: #6639ba; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 3rem; color: var(--ink); background: #fff;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", sans-serif; overflow-wrap: anywhere; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.4rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { font-size: 1.2rem; margin-top: 2rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; }
.sub, .empty { color: var(--muted); margin: .25rem 0 .75rem; }
.toc ol { padding-inline-start: 1.25rem; }
.toc a { color: inherit; }
.room { border-inline-start: 3px solid var(--line); padding-inline-start: 1rem; margin-top: 1.5rem; }
.outcomes { list-style: none; padding: 0; }
.outcome { margin: .35rem 0; }
.notes .outcome { list-style: none; margin-inline-start: -1.25rem; }
.tag { display: inline-block; min-inline-size: 8.5rem; font-size: .8rem; font-weight: 700; text-transform: uppercase; }
/* Spacing letters apart breaks the joined letters of Urdu and the conjuncts of Bengali and Nepali. */
:lang(en) .tag, :lang(id) .tag, :lang(vi) .tag { letter-spacing: .03em; }
.outcome.decision .tag { color: var(--decision); }
.outcome.action .tag { color: var(--action); }
.outcome.recommendation .tag { color: var(--recommendation); }
.poll { margin: 1.25rem 0 2rem; }
/* The chart is drawn in SVG coordinates (labels, then bars growing from one axis): it keeps its
   geometry whatever the page's direction; its labels still read in their own script's order. */
.chart { display: block; max-width: 100%; height: auto; font-size: 13px; fill: var(--ink); direction: ltr; }
.chart rect { fill: var(--bar); }
table { border-collapse: collapse; margin-top: .5rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .25rem .6rem; text-align: end; }
th[scope="row"], thead th:first-child { text-align: start; font-weight: 500; }
thead th { background: #f6f8fa; font-weight: 600; }
.questions li { margin-bottom: .5rem; }
.questions p { margin: 0; }
blockquote { margin: .25rem 0 0; padding-inline-start: .75rem; border-inline-start: 3px solid var(--line); color: var(--muted); }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .9em; background: #f6f8fa; padding: 0 .2em; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .toc { break-after: page; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
  .poll, table, .chart, li { break-inside: avoid; }
  .room { border-inline-start: none; padding-inline-start: 0; }
}
@page { margin: 18mm 16mm; }
`.trim();
