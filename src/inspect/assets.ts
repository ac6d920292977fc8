import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** A file the page loads, with its content type. */
export interface PageAsset {
  type: string;
  body: Buffer;
}

/**
 * The page and everything it loads, read from the package's own files: the page's HTML, script and
 * style (src/inspect/assets, copied beside the compiled code by scripts/copy-assets.mjs) and uPlot's
 * browser build from its npm package. Nothing is fetched from the network.
 */
export function readPageAssets(): Map<string, PageAsset> {
  const own = (name: string) => readFileSync(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)));
  const require = createRequire(import.meta.url);
  const uplot = (name: string) => readFileSync(require.resolve(`uplot/dist/${name}`));
  return new Map<string, PageAsset>([
    ["index.html", { type: "text/html; charset=utf-8", body: own("index.html") }],
    ["inspect.js", { type: "text/javascript; charset=utf-8", body: own("inspect.js") }],
    ["inspect.css", { type: "text/css; charset=utf-8", body: own("inspect.css") }],
    ["uPlot.iife.min.js", { type: "text/javascript; charset=utf-8", body: uplot("uPlot.iife.min.js") }],
    ["uPlot.min.css", { type: "text/css; charset=utf-8", body: uplot("uPlot.min.css") }],
  ]);
}
