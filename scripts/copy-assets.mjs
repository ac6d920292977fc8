#!/usr/bin/env node
// Copies the files that compiled code reads at run time from src/ into dist/, beside the modules
// that load them: the sandbox's Python harness (.py) and every file in an `assets` folder (the web
// inspector's page, script and style). Run by `npm run build` after tsc.
import { cpSync, readdirSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src");
const target = join(root, "dist");
for (const entry of readdirSync(source, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const asset = basename(entry.parentPath) === "assets";
  if (!asset && !entry.name.endsWith(".py")) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(target, relative(source, from)));
}
