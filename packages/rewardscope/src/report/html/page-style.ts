/** The report's whole stylesheet, inlined: the file must open offline, with nothing fetched. */
export const PAGE_STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0 auto; max-width: 1180px; padding: 24px; color: #111827; background: #fff; font-size: 14px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
nav a { margin-right: 12px; color: #1d4ed8; text-decoration: none; }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
td:first-child { white-space: nowrap; }
.muted { color: #6b7280; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; }
.verdict-healthy { background: #16a34a; } .verdict-watch { background: #d97706; } .verdict-failing { background: #dc2626; }
.severity-low { background: #9ca3af; } .severity-medium { background: #f59e0b; } .severity-high { background: #ef4444; } .severity-critical { background: #7f1d1d; }
ul.reasons, ul.evidence { margin: 0; padding-left: 16px; }
figure.chart { margin: 12px 0; overflow-x: auto; }
figure.chart svg { max-width: 100%; height: auto; }
.completion { border: 1px solid #e5e7eb; border-radius: 6px; margin: 10px 0; padding: 8px 12px; }
.completion .meta { margin: 0 0 6px; color: #374151; font-size: 13px; }
.completion-body { display: flex; gap: 16px; align-items: flex-start; }
.completion-body table.breakdown { width: auto; min-width: 200px; }
.completion .text { flex: 1; min-width: 0; }
pre { white-space: pre-wrap; word-break: break-word; background: #f9fafb; padding: 8px; margin: 0; border-radius: 4px; font-size: 12.5px; max-height: 360px; overflow: auto; }
footer { margin-top: 40px; color: #6b7280; font-size: 12px; }
`;
