import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-module-"));
  // Function style, plain ESM JavaScript, using the options argument.
  await writeFile(
    join(folder, "contains.mjs"),
    "export default (sample, _context, options) => (String(sample.completion).includes(options.word) ? 1 : 0);\n",
  );
  // Object style in TypeScript: score(batch, context) sees the whole batch.
  await writeFile(
    join(folder, "rank.ts"),
    [
      "interface Item { completion: string }",
      "export default {",
      "  score(batch: Item[]): { score: number; reason: string }[] {",
      "    const lengths = batch.map((item) => item.completion.length);",
      "    const longest = Math.max(...lengths);",
      '    return lengths.map((length) => ({ score: length / longest, reason: "length " + length }));',
      "  },",
      "};",
      "",
    ].join("\n"),
  );
  await writeFile(
    join(folder, "async-named.mjs"),
    "export async function reward(sample) { return { score: 0.5 }; }\n",
  );
  await writeFile(join(folder, "broken.mjs"), "export default 42;\n");
  await writeFile(join(folder, "syntax.mjs"), "export default (;\n");
  await writeFile(
    join(folder, "thrower.mjs"),
    "function inner(sample) { return sample.meta.missing.field; }\nexport default (sample) => inner(sample);\n",
  );
  await writeFile(
    join(folder, "batch-thrower.ts"),
    "function check(size: number): never { throw new RangeError('cannot rank ' + size); }\nexport default { score(batch: unknown[]) { return check(batch.length); } };\n",
  );
});

async function scoreWith(node: Record<string, unknown>, completions: string[]) {
  const loaded = await loadSpec({ version: 1, reward: node }, { baseDir: folder });
  return loaded.reward.score(
    completions.map((completion) => makeSample({ completion })),
    testContext(),
  );
}

describe("module node", () => {
  it("runs a default-exported function with the spec's options", async () => {
    const results = await scoreWith({ type: "module", path: "contains.mjs", options: { word: "cat" } }, [
      "a cat",
      "a dog",
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 0]);
  });

  it("runs a TypeScript object with score(batch) over the whole batch", async () => {
    const results = await scoreWith({ type: "module", name: "rank", path: "rank.ts" }, ["ab", "abcd"]);
    expect(results).toEqual([
      { score: 0.5, reason: "length 2", components: { rank: 0.5 } },
      { score: 1, reason: "length 4", components: { rank: 1 } },
    ]);
  });

  it("uses a named async export and works inside a combinator", async () => {
    const results = await scoreWith(
      {
        type: "weighted",
        terms: [
          { weight: 2, reward: { type: "module", path: "async-named.mjs", export: "reward" } },
          { weight: 1, reward: { type: "module", path: "rank.ts" } },
        ],
      },
      ["x", "xx"],
    );
    expect(results.map((result) => result.score)).toEqual([1.5, 2]);
  });

  it("rejects exports that are not rewards and files that do not load, naming the spec path", async () => {
    await expect(
      loadSpec({ version: 1, reward: { type: "module", path: "broken.mjs" } }, { baseDir: folder }),
    ).rejects.toMatchObject({
      code: "SPEC_INVALID",
      path: "reward.export",
    });
    await expect(
      loadSpec({ version: 1, reward: { type: "module", path: "syntax.mjs" } }, { baseDir: folder }),
    ).rejects.toMatchObject({
      code: "MODULE_LOAD_FAILED",
      path: "reward.path",
    });
    await expect(
      loadSpec({ version: 1, reward: { type: "module", path: "missing.mjs" } }, { baseDir: folder }),
    ).rejects.toMatchObject({
      code: "MODULE_LOAD_FAILED",
    });
  });

  it("keeps the stack of a module's own code in `reason` when it throws (function and object styles)", async () => {
    const [thrown] = await scoreWith({ type: "module", name: "mine", path: "thrower.mjs", on_error: -1 }, [
      "x",
    ]);
    expect(thrown).toMatchObject({
      score: -1,
      error: {
        code: "NODE_FAILED",
        message: expect.stringMatching(/^TypeError: Cannot read properties of undefined/),
      },
    });
    const reason = thrown?.reason?.split("\n") ?? [];
    expect(reason[0]).toBe(thrown?.error?.message);
    expect(reason[1]).toMatch(/^\s+at inner \(.*thrower\.mjs:1:\d+\)$/);
    expect(reason[2]).toMatch(/thrower\.mjs:2:\d+/);
    // rewardkit's own frames say nothing about the user's bug.
    expect(reason.some((line) => line.includes("module-node"))).toBe(false);
    const batch = await scoreWith({ type: "module", path: "batch-thrower.ts" }, ["a", "b"]);
    expect(batch.map((result) => result.error?.message)).toEqual(Array(2).fill("RangeError: cannot rank 2"));
    expect(batch[0]?.reason).toMatch(/at check \(.*batch-thrower\.ts( \(compiled\))?:\d+:\d+\)/);
  });
});
