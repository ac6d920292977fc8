import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./helpers/cli.js";

/** Every TypeScript source file under src/ (tests included), with its text. */
function sources(): Array<{ path: string; text: string }> {
  const found: Array<{ path: string; text: string }> = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts"))
        found.push({ path: relative(repoRoot, path), text: readFileSync(path, "utf8") });
    }
  };
  walk(join(repoRoot, "src"));
  return found;
}

const where = (pattern: RegExp) =>
  sources()
    .filter((file) => pattern.test(file.text))
    .map((file) => file.path);

// One implementation each, which every room imports (issue 14: two DenseAdams, two sigmoids — one not
// overflow-safe — and a third mulberry32 had grown apart).
describe("helpers defined once", () => {
  it("mulberry32 lives in src/core/random.ts only (its increment constant appears nowhere else)", () => {
    expect(where(/0x6d2b79f5/i)).toEqual(["src/core/random.ts"]);
  });

  it("sigmoid and log-sigmoid live in src/core/sigmoid.ts only", () => {
    // Tests may write the formula out as an independent oracle; library code imports it.
    const library = where(/1 \/ \(1 \+ Math\.exp\(/).filter((path) => !path.endsWith(".test.ts"));
    expect(library).toEqual(["src/core/sigmoid.ts"]);
    expect(where(/(function|const) (sigmoid|logSigmoid)\b/)).toEqual(["src/core/sigmoid.ts"]);
  });

  it("dense Adam lives in src/models/train/dense-adam.ts only", () => {
    expect(where(/class \w*Adam\b/).sort()).toEqual([
      "src/models/train/dense-adam.ts",
      "src/models/train/lazy-adam.ts",
    ]);
  });
});
