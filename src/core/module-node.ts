import { spawnSync } from "node:child_process";
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { isPromiseLike } from "./concurrency.js";
import { RewardkitError } from "./errors.js";
import { defineNode } from "./node.js";
import type { RewardResult } from "./result.js";
import { perBatch, perSample, type ScoreBatch, type ScoreOne } from "./reward.js";

/**
 * A user's own reward in a JS/TS file. The export is either a function
 * `(sample, context, options) => number | RewardResult | Promise<...>` or an object with
 * `score(batch, context, options)`; both work wherever a built-in node does.
 */
export const moduleNode = defineNode({
  type: "module",
  groupwise: true,
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
      return perSample((sample, context) => {
        try {
          const value = fn(sample, context, options);
          return isPromiseLike(value) ? Promise.resolve(value).catch(userFailure) : value;
        } catch (error) {
          return userFailure(error);
        }
      });
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
      return perBatch(async (batch, context) => {
        try {
          return await target.score(batch, context, options);
        } catch (error) {
          const failed = userFailure(error);
          return batch.map(() => failed);
        }
      }, close);
    }
    throw new RewardkitError(
      "SPEC_INVALID",
      `export "${spec.export}" of ${file} is neither a function nor an object with score(batch, context)`,
      { path: `${tools.path}.export` },
    );
  },
});

/** rewardkit's own code (dist/ or src/ of this package): frames there say nothing about the user's bug. */
const ownCode = fileURLToPath(new URL("..", import.meta.url));

/**
 * What a user's reward threw, as the row's result: the error with the stack of the user's code in
 * `reason` (frames of rewardkit and of Node itself left out), so the bug can be found from the
 * output rows. Retryable errors (a RewardkitError the code marked retryable) are thrown on, so
 * the node's `retries` apply.
 */
function userFailure(error: unknown): RewardResult {
  if (RewardkitError.isInstance(error) && error.retryable) throw error;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const code = RewardkitError.isInstance(error) ? error.code : "NODE_FAILED";
  const frames =
    error instanceof Error && typeof error.stack === "string"
      ? error.stack
          .split("\n")
          .filter((line) => /^\s+at /.test(line))
          .filter(
            (line) =>
              !line.includes(ownCode) &&
              !line.includes("node:internal") &&
              !/node_modules[\\/]tsx/.test(line),
          )
      : [];
  const result: RewardResult = { score: 0, error: { code, message } };
  if (frames.length > 0) result.reason = [message, ...frames.slice(0, 12).map(readableFrame)].join("\n");
  return result;
}

/**
 * tsx compiles some TypeScript files to `data:` URLs whose text is the whole compiled module; a
 * frame then names the file (from `filePath=`) with the position in the compiled code.
 */
function readableFrame(line: string): string {
  return line.replace(
    /data:text\/javascript,\S*?\?filePath=([^\s):]+)(:\d+:\d+)/,
    (_match, encoded: string, position: string) =>
      `${decodeURIComponent(encoded).replace(/\?namespace=.*$/, "")} (compiled)${position}`,
  );
}

/**
 * Node 20 reports an ES module's syntax error without its line; `node --check` finds it (run only
 * when loading has already failed).
 */
function syntaxErrorLocation(file: string): string | undefined {
  if (!/\.(c|m)?js$/.test(file)) return undefined;
  const check = spawnSync(process.execPath, ["--check", file], { encoding: "utf8", timeout: 10_000 });
  const first = check.stderr?.split("\n")[0]?.trim();
  return first && /:\d+$/.test(first) ? first.replace(/^file:\/\//, "") : undefined;
}

async function loadModule(file: string, path: string): Promise<Record<string, unknown>> {
  try {
    if (/\.(c|m)?ts$/.test(file)) {
      // Node 20 cannot import TypeScript by itself; tsx compiles it (and its relative imports).
      const { tsImport } = await import("tsx/esm/api");
      return (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof SyntaxError ? syntaxErrorLocation(file) : undefined;
    throw new RewardkitError(
      "MODULE_LOAD_FAILED",
      `cannot load ${where ?? file}: ${(error as Error).message}`,
      {
        path: `${path}.path`,
        cause: error,
      },
    );
  }
}
