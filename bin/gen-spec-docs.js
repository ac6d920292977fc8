#!/usr/bin/env node
// Writes docs/spec.md from the node schemas, docs/environment-options.md from the environments'
// option schemas and docs/ors-config.md from the ORS config schemas (run after `npm run build`);
// --check fails when any is stale.
import { readFileSync, writeFileSync } from "node:fs";

const { renderSpecDocs } = await import("../dist/docs/spec-docs.js");
const { renderEnvironmentDocs } = await import("../dist/docs/environment-docs.js");
const { builtinNodes } = await import("../dist/nodes.js");
const { builtinEstimators } = await import("../dist/advantage/estimators.js");
const { environments } = await import("../dist/env/index.js");
const { renderOrsConfigDocs } = await import("../dist/docs/ors-config-docs.js");

const outputs = [
  [new URL("../docs/spec.md", import.meta.url), renderSpecDocs(builtinNodes, builtinEstimators), "node"],
  [
    new URL("../docs/environment-options.md", import.meta.url),
    renderEnvironmentDocs(environments),
    "environment",
  ],
  [new URL("../docs/ors-config.md", import.meta.url), renderOrsConfigDocs(), "ORS config"],
];
let stale = false;
for (const [target, text, kind] of outputs) {
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {}
    if (current !== text) {
      const name = target.pathname.split("/").slice(-2).join("/");
      process.stderr.write(`${name} is out of date with the ${kind} schemas: run \`npm run docs:spec\`\n`);
      stale = true;
    }
  } else {
    writeFileSync(target, text);
  }
}
if (stale) process.exit(1);
