import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";

// `rewardkit score --report` on rows with every kind of trouble: unreadable lines, a row that is not a
// sample, rows whose reward fails (on_error -1), singleton and zero-std groups.
let folder: string;
let html: string;

const spec = {
  version: 1,
  reward: { type: "field", name: "rm", path: "meta.rm", on_error: -1 },
  advantage: { type: "grpo" },
};

const lines = [
  '{"id":"a1","group":"a","completion":"x","meta":{"rm":1}}',
  '{"id":"a2","group":"a","completion":"x","meta":{"rm":1}}',
  '{"id":"b1","group":"b","completion":"x","meta":{"rm":0}}',
  "{not json",
  '{"id":"b2","group":"b","completion":"x","meta":{"rm":0}}',
  '{"id":"c1","group":"c","completion":"x","meta":{"rm":0.5}}',
  '{"id":"c2","group":"c","completion":"x","meta":{}}',
  '{"group":"c","completion":"x"}',
  '{"id":"d1","group":"d","completion":["not", "text"]}',
  '{"id":"e1","group":"e","completion":"x","meta":{"rm":-1.499997}}',
  '{"id":"e2","group":"e","completion":"x","meta":{"rm":-1.49997}}',
  '{"id":"f1","group":"f","completion":"x","meta":{"rm":0.25}}',
];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-score-report-"));
  await writeFile(join(folder, "spec.json"), JSON.stringify(spec));
  await writeFile(join(folder, "rows.jsonl"), `${lines.join("\n")}\n`);
  const run = await runCli([
    "score",
    "--spec",
    join(folder, "spec.json"),
    "--input",
    join(folder, "rows.jsonl"),
    "--output",
    join(folder, "scored.jsonl"),
    "--report",
    join(folder, "report.html"),
    "--no-progress",
  ]);
  expect(run.code, run.stderr).toBe(0);
  html = await readFile(join(folder, "report.html"), "utf8");
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The text of a section: from its heading to the next h2. */
function section(heading: string): string {
  const start = html.indexOf(`<h2>${heading}`);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const end = html.indexOf("<h2>", start + 4);
  return html.slice(start, end < 0 ? undefined : end);
}

describe("the score report", () => {
  it("lists the unreadable lines by file and line number", () => {
    const unreadable = section("Unreadable lines");
    expect(unreadable).toContain("(2, skipped)");
    expect(unreadable).toContain("rows.jsonl:4");
    expect(unreadable).toContain("rows.jsonl:9");
    expect(unreadable).toMatch(/completion/);
  });

  it("lists errored rows by id (or input line) with their code, node and on_error score", () => {
    const errors = section("Errors");
    expect(errors).toMatch(
      /<td>c2<\/td><td>NOT_APPLICABLE<\/td><td>rm<\/td><td>-1<\/td><td>the row has no meta.rm<\/td>/,
    );
    expect(errors).toMatch(/<td>line 8<\/td><td>NOT_APPLICABLE<\/td>/);
  });

  it("keeps on_error scores out of the histograms and says so", () => {
    const distributions = section("Distributions");
    expect(distributions).toContain("2 errored rows are left out of every histogram");
    const titles = [...distributions.matchAll(/<rect [^>]*><title>([^<]*)<\/title>/g)].map(
      (match) => match[1],
    );
    // The reward histogram: the 8 rows that scored, near-equal −1.499997 and −1.49997 as one bar.
    expect(titles.slice(0, 5)).toEqual([
      "-1.499997 (values -1.499997 to -1.49997): 2 rows",
      "0: 2 rows",
      "0.25: 1 row",
      "0.5: 1 row",
      "1: 2 rows",
    ]);
    expect(titles.filter((title) => title?.startsWith("-1:"))).toEqual([]);
  });

  it("shows the group diagnostics: zero-std, all-correct, all-wrong and singleton groups", () => {
    const groups = section("Groups");
    const count = (label: string) => new RegExp(`<td>${label}[^<]*</td><td>([^<]*)</td>`).exec(groups)?.[1];
    expect(count("groups")).toBe("5");
    expect(count("singletons")).toBe("1 (20.0%)");
    expect(count("zero reward std")).toBe("2 (40.0%)");
    expect(count("all correct")).toBe("1 (20.0%)");
    // b, c, e and f: no reward reaches --correct-at (default 1), the contract's "all wrong".
    expect(count("all wrong")).toBe("4 (80.0%)");
  });
});
