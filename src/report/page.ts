import { escapeXml } from "./escape.js";

/** A self-contained HTML page (no scripts, no external assets) around report sections. */
export function htmlPage(title: string, sections: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; padding: 0 1rem; max-width: 1280px; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; } td, th { border: 1px solid #ddd; padding: 4px 10px; text-align: right; }
th { background: #f4f4f4; } td:first-child, th:first-child { text-align: left; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 460px), 1fr)); gap: 12px; align-items: start; }
.grid.small { grid-template-columns: repeat(auto-fill, minmax(min(100%, 300px), 1fr)); }
svg.chart { display: block; width: 100%; height: auto; } .muted { color: #777; } .ok { color: #2a7; } .bad { color: #c33; }
code { background: #f4f4f4; padding: 1px 4px; border-radius: 3px; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${sections.join("\n")}
</body>
</html>
`;
}

/** An HTML table from a header row and body rows (cells are escaped). */
export function htmlTable(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const head = `<tr>${header.map((cell) => `<th>${escapeXml(cell)}</th>`).join("")}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeXml(String(cell))}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table>\n${head}\n${body}\n</table>`;
}
