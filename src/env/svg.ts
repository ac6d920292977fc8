/** Small helpers for the environments' SVG frames (standalone `<svg>` strings for reports). */

/** Escapes text for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A standalone `<svg>` element of the given size around `body`. */
export function svgFrame(options: { width: number; height: number; title: string; body: string }): string {
  const { width, height } = options;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><title>${escapeXml(options.title)}</title>${options.body}</svg>`;
}

/** A number rounded for SVG coordinates. */
export function coordinate(value: number): string {
  return String(Math.round(value * 100) / 100);
}
