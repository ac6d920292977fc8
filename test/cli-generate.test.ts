import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenAIServer, startOpenAIServer, toyLanguageModel } from "../src/testing/index.js";
import { parseJsonl, runCli } from "./helpers/cli.js";

// `rewardkit generate METHOD` as a subprocess against the project's OpenAI-compatible test server
// serving a toy language model ("good ", "bad ", "fine ", "rare ", end).
const end = "<|endoftext|>";
let server: OpenAIServer;
let folder: string;

beforeAll(async () => {
  server = await startOpenAIServer({
    reply: toyLanguageModel({
      next: () => ({ "good ": 0.3, "bad ": 0.3, "fine ": 0.3, "rare ": 0.02, [end]: 0.08 }),
      endToken: end,
    }),
  });
  folder = await mkdtemp(join(tmpdir(), "rewardkit-generate-"));
  const prompts = Array.from({ length: 4 }, (_, index) => ({
    id: `p${index}`,
    prompt: `Prompt ${index}: `,
    gold: "good ".repeat(12),
  }));
  await writeFile(
    join(folder, "prompts.jsonl"),
    `${prompts.map((row) => JSON.stringify(row)).join("\n")}\n{broken\n`,
  );
  const count = (word: string) => ({
    version: 1,
    reward: { type: "regex", name: word, pattern: word, mode: "count" },
  });
  await writeFile(join(folder, "good.json"), JSON.stringify(count("good")));
  await writeFile(join(folder, "rare.json"), JSON.stringify(count("rare")));
  await writeFile(
    join(folder, "two.json"),
    JSON.stringify({
      version: 1,
      reward: {
        type: "weighted",
        terms: [
          {
            weight: 1,
            reward: { type: "regex", name: "good", pattern: "good", mode: "count", max_count: 2 },
          },
          { weight: 1, reward: { type: "regex", name: "fine", pattern: "fine", mode: "count" } },
        ],
      },
    }),
  );
});

afterAll(async () => {
  await server.close();
});

const common = (spec: string, out: string) => [
  "--url",
  server.url,
  "--model",
  "toy",
  "--spec",
  join(folder, spec),
  "--prompts",
  join(folder, "prompts.jsonl"),
  "--out",
  join(folder, out),
  "--max-tokens",
  "10",
];

describe("rewardkit generate against the test server", () => {
  it("raft: two rounds, the --between-rounds command between them, the rounds' files and stats", async () => {
    const marker = join(folder, "between.txt");
    const run = await runCli([
      "generate",
      "raft",
      ...common("good.json", "raft"),
      "--k",
      "4",
      "--rounds",
      "2",
      "--between-rounds",
      `echo "$REWARDKIT_ROUND $REWARDKIT_ROUND_FILE" >> ${marker}`,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("prompts.jsonl:5: skipped");
    expect(run.stderr).toMatch(/raft round 1: 16 samples, reward \d/);
    expect((await readFile(marker, "utf8")).trim()).toBe(`1 ${join(folder, "raft", "round-1.jsonl")}`);
    const selected = parseJsonl(await readFile(join(folder, "raft", "round-2.jsonl"), "utf8"));
    expect(selected).toHaveLength(4);
    expect(Object.keys(selected[0] ?? {})).toEqual(["prompt", "completion", "id", "group", "reward"]);
    expect(parseJsonl(await readFile(join(folder, "raft", "round-1.samples.jsonl"), "utf8"))).toHaveLength(
      16,
    );
    const stats = JSON.parse(await readFile(join(folder, "raft", "stats.json"), "utf8")) as {
      rounds: { round: number }[];
    };
    expect(stats.rounds.map((round) => round.round)).toEqual([1, 2]);
  });

  it("dno: pairs with the teacher's answer as a candidate", async () => {
    const run = await runCli([
      "generate",
      "dno",
      ...common("good.json", "dno"),
      "--k",
      "3",
      "--teacher-field",
      "gold",
      "--min-margin",
      "2",
    ]);
    expect(run.code).toBe(0);
    const pairs = parseJsonl(await readFile(join(folder, "dno", "round-1.pairs.jsonl"), "utf8"));
    expect(pairs).toHaveLength(4);
    for (const pair of pairs) expect(pair.chosen).toBe("good ".repeat(12));
  });

  it("dpa, fk, vas and bstar each write their files with one command", async () => {
    const dpa = await runCli([
      "generate",
      "dpa",
      ...common("two.json", "dpa"),
      "--objectives",
      "good,fine",
      "--k",
      "3",
    ]);
    expect(dpa.code).toBe(0);
    expect(parseJsonl(await readFile(join(folder, "dpa", "dpa.jsonl"), "utf8"))).toHaveLength(4);
    const fk = await runCli([
      "generate",
      "fk",
      ...common("rare.json", "fk"),
      "--k",
      "4",
      "--chunk-tokens",
      "3",
      "--max-chunks",
      "3",
    ]);
    expect(fk.code).toBe(0);
    const steered = parseJsonl(await readFile(join(folder, "fk", "fk.jsonl"), "utf8"));
    expect(steered).toHaveLength(4);
    expect((steered[0]?.fk as { steps: unknown[] } | undefined)?.steps.length).toBeGreaterThan(0);
    const vas = await runCli([
      "generate",
      "vas",
      ...common("good.json", "vas"),
      "--k",
      "1",
      "--top-k",
      "4",
      "--beta",
      "2",
      "--max-tokens",
      "5",
    ]);
    expect(vas.code).toBe(0);
    const decoded = parseJsonl(await readFile(join(folder, "vas", "vas.jsonl"), "utf8"));
    expect(decoded).toHaveLength(4);
    expect((decoded[0]?.meta as { kl: number } | undefined)?.kl).toBeGreaterThan(0);
    const bstar = await runCli([
      "generate",
      "bstar",
      ...common("two.json", "bstar"),
      "--k",
      "4",
      "--temperatures",
      "0.5,1",
      "--thresholds",
      "0,1",
      "--correct-component",
      "good",
      "--correct-at",
      "2",
      "--n-star",
      "2",
    ]);
    expect(bstar.code).toBe(0);
    const stats = JSON.parse(await readFile(join(folder, "bstar", "stats.json"), "utf8")) as {
      rounds: { temperature: number; grid: unknown[]; pass_at_k: number }[];
    };
    expect(stats.rounds[0]?.grid).toHaveLength(4);
    expect(stats.rounds[0]?.pass_at_k).toBeGreaterThan(0);
  });

  it("exit 2 on bad usage before anything is written; exit 3 when the server is gone", async () => {
    const noUrl = await runCli(["generate", "raft", "--model", "toy", "--spec", join(folder, "good.json")]);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain("--url is required");
    const unknown = await runCli(["generate", "beam", ...common("good.json", "x")]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown method "beam"');
    const missing = await runCli(["generate", "raft", ...common("good.json", "no/such/dir")]);
    expect(missing.code).toBe(2);
    expect(existsSync(join(folder, "no"))).toBe(false);
    const dead = await startOpenAIServer({ reply: () => ({ status: 503 }) });
    const url = dead.url;
    await dead.close();
    const gone = await runCli([
      "generate",
      "raft",
      ...common("good.json", "gone"),
      "--url",
      url,
      "--retries",
      "0",
    ]);
    expect(gone.code).toBe(3);
    expect(gone.stderr).toContain("generation failed (UPSTREAM_ERROR)");
    expect(gone.stderr).toContain("nothing usable (exit 3): every prompt failed");
  });
});
