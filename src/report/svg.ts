/**
 * The opening tag of a chart. `width`/`height` give standalone viewers a size; on a report page the
 * `chart` class scales it to its column's width (page.ts), the viewBox keeping its proportions.
 */
export function svgOpen(width: number, height: number, fontSize: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="xMidYMid meet" font-family="system-ui, sans-serif" font-size="${fontSize}">`;
}
