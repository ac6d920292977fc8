import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { RewardkitError } from "./errors.js";
import { defineNode } from "./node.js";
import { perBatch, perSample, type ScoreBatch, type ScoreOne } from "./reward.js";

/**
 * A user's own reward in a JS/TS file. The export is either a function
 * `(sample, context, options) => number | RewardResult | Promise<...>` or an object with
 * `score(batch, context, options)`; both work wherever a built-in node does.
 */
export const moduleNode = defineNode({
  type: "module",
  summary: "A user's own reward function or object from a .js/.mjs/.ts file.",
  fields: z.object({
    path: z.string().min(1).describe("The file, relative to the spec's directory."),
    export: z.string().default("default").describe("Which export to use."),
    options: z.unknown().optional().describe("Passed to the function as its third argument."),
    needs_reference: z
      .boolean()
      .default(false)
      .describe(
        "The reward compares with the row's reference: rows without one (absent, null or empty) get NOT_APPLICABLE without calling it.",
      ),
  }),
  example: "{ type: module, path: ./my-reward.ts, options: { target: 42 } }",
  needsReference: (spec) => spec.needs_reference,
  async create(spec, tools) {
    const file = isAbsolute(spec.path) ? spec.path : resolve(tools.baseDir, spec.path);
    const loaded = await loadModule(file, tools.path);
    let exported = loaded[spec.export];
    // A CommonJS or transpiled module can wrap its default export once more.
    if (
      spec.export === "default" &&
      typeof exported === "object" &&
      exported !== null &&
      "default" in exported &&
      !("score" in exported)
    ) {
      exported = (exported as { default: unknown }).default;
    }
    const options = spec.options;
    if (typeof exported === "function") {
      const fn = exported as (...args: unknown[]) => ReturnType<ScoreOne>;
      return perSample((sample, context) => fn(sample, context, options));
    }
    if (
      typeof exported === "object" &&
      exported !== null &&
      typeof (exported as { score?: unknown }).score === "function"
    ) {
      const target = exported as {
        score: (...args: unknown[]) => ReturnType<ScoreBatch>;
        close?: () => Promise<void>;
      };
      const close = typeof target.close === "function" ? () => Promise.resolve(target.close?.()) : undefined;
      return perBatch((batch, context) => target.score(batch, context, options), close);
    }
    throw new RewardkitError(
      "SPEC_INVALID",
      `export "${spec.export}" of ${file} is neither a function nor an object with score(batch, context)`,
      { path: `${tools.path}.export` },
    );
  },
});

async function loadModule(file: string, path: string): Promise<Record<string, unknown>> {
  try {
    if (/\.(c|m)?ts$/.test(file)) {
      // Node 20 cannot import TypeScript by itself; tsx compiles it (and its relative imports).
      const { tsImport } = await import("tsx/esm/api");
      return (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new RewardkitError("MODULE_LOAD_FAILED", `cannot load ${file}: ${(error as Error).message}`, {
      path: `${path}.path`,
      cause: error,
    });
  }
}
