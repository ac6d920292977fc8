import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createContext, loadSpec } from "../src/index.js";
import { seededRandom } from "../src/models/index.js";
import { runCli } from "./helpers/cli.js";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-kinds-"));
});

const fillers = ["the", "a", "plan", "answer", "idea", "note", "reply", "draft", "list", "text"];
const random = seededRandom(5);
const filler = (count: number) =>
  Array.from({ length: count }, () => fillers[random.int(fillers.length)]).join(" ");

async function writeRows(name: string, rows: object[]): Promise<string> {
  const file = join(folder, name);
  await writeFile(file, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
  return file;
}

/** Two audiences: "kids" prefer answers with "simple", "experts" prefer answers with "rigorous". */
function audiencePairs(count: number, withUsers: boolean) {
  const rows: object[] = [];
  for (let index = 0; index < count; index++) {
    const expert = index % 2 === 1;
    const simple = `${filler(6)} simple ${filler(4)}`;
    const rigorous = `${filler(6)} rigorous ${filler(4)}`;
    const row: Record<string, unknown> = {
      prompt: `${expert ? "for experts:" : "for kids:"} explain topic ${index}`,
      chosen: expert ? rigorous : simple,
      rejected: expert ? simple : rigorous,
      audience: expert ? "experts" : "kids",
    };
    if (withUsers) row.user = `${expert ? "expert" : "kid"}-${index % 10}`;
    rows.push(row);
  }
  return rows;
}

describe("train-rm kinds", () => {
  it("mixture (MiCRo): routes two audiences to their own heads where one BT model cannot", async () => {
    const train = await writeRows("audience.jsonl", audiencePairs(600, false));
    const test = await writeRows("audience-test.jsonl", audiencePairs(200, false));
    const mixture = join(folder, "mixture.rkrm");
    const trained = await runCli([
      "train-rm",
      "--train",
      train,
      "--out",
      mixture,
      "--kind",
      "mixture",
      "--heads",
      "2",
      "--load-balance",
      "0.1",
      "--epochs",
      "8",
      "--json",
      "--quiet",
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const evaluation = await runCli([
      "eval-rm",
      "--model",
      mixture,
      "--data",
      test,
      "--by",
      "audience",
      "--json",
    ]);
    const figures = JSON.parse(evaluation.stdout) as {
      accuracy: number;
      by: { groups: Array<{ group: string; accuracy: number }> };
    };
    expect(figures.accuracy).toBeGreaterThan(0.9);
    for (const group of figures.by.groups) expect(group.accuracy).toBeGreaterThan(0.85);
    const plain = join(folder, "plain.rkrm");
    await runCli(["train-rm", "--train", train, "--out", plain, "--quiet", "--epochs", "8"]);
    const plainEvaluation = JSON.parse(
      (await runCli(["eval-rm", "--model", plain, "--data", test, "--json"])).stdout,
    ) as { accuracy: number };
    expect(plainEvaluation.accuracy).toBeLessThan(0.7);
  });

  it("mixture stage 2 through the model node: a user's own pairs (meta.user_pairs) route to their head", async () => {
    // The prompts name the audience in training; the scored prompt does not, so only the user's
    // pairs can tell the model which head to trust (MiCRo stage 2; Hedge update reconstructed).
    // Its own random words, so the data of the tests after it stay as they were.
    const own = seededRandom(29);
    const words = (count: number) =>
      Array.from({ length: count }, () => fillers[own.int(fillers.length)]).join(" ");
    const train = await writeRows(
      "audience-stage2.jsonl",
      Array.from({ length: 600 }, (_, index) => {
        const expert = index % 2 === 1;
        const simple = `${words(6)} simple ${words(4)}`;
        const rigorous = `${words(6)} rigorous ${words(4)}`;
        return {
          prompt: `${expert ? "for experts:" : "for kids:"} explain topic ${index}`,
          chosen: expert ? rigorous : simple,
          rejected: expert ? simple : rigorous,
        };
      }),
    );
    const model = join(folder, "mixture-stage2.rkrm");
    const trained = await runCli([
      "train-rm",
      "--train",
      train,
      "--out",
      model,
      "--kind",
      "mixture",
      "--heads",
      "2",
      "--load-balance",
      "0.1",
      "--epochs",
      "8",
      "--quiet",
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    await writeFile(
      join(folder, "stage2-spec.json"),
      JSON.stringify({ version: 1, reward: { type: "model", path: model } }),
    );
    const ownPairs = (expert: boolean) =>
      [1, 2, 3].map((index) => {
        const simple = `${words(6)} simple ${words(4)}`;
        const rigorous = `${words(6)} rigorous ${words(4)}`;
        return {
          prompt: `explain topic ${900 + index}`,
          chosen: expert ? rigorous : simple,
          rejected: expert ? simple : rigorous,
        };
      });
    const simple = `${words(6)} simple ${words(4)}`;
    const rigorous = `${words(6)} rigorous ${words(4)}`;
    const rows = [];
    for (const [user, pairs] of [
      ["expert", ownPairs(true)],
      ["kid", ownPairs(false)],
      ["anonymous", undefined],
    ] as const) {
      for (const [style, completion] of [
        ["simple", simple],
        ["rigorous", rigorous],
      ] as const) {
        rows.push({
          id: `${user}-${style}`,
          prompt: "explain topic 999",
          completion,
          ...(pairs ? { meta: { user_pairs: pairs } } : {}),
        });
      }
    }
    const input = await writeRows("stage2-rows.jsonl", rows);
    const scored = await runCli([
      "score",
      "--spec",
      join(folder, "stage2-spec.json"),
      "--input",
      input,
      "--no-progress",
    ]);
    expect(scored.code, scored.stderr).toBe(0);
    const reward = Object.fromEntries(
      scored.stdout
        .trim()
        .split("\n")
        .map((line) => {
          const row = JSON.parse(line) as { id: string; reward: number };
          return [row.id, row.reward];
        }),
    );
    // Each user's pairs put their own preference first, for the same prompt and responses.
    expect(reward["expert-rigorous"]).toBeGreaterThan(reward["expert-simple"] as number);
    expect(reward["kid-simple"]).toBeGreaterThan(reward["kid-rigorous"] as number);
    // Against no pairs at all, each user's pairs move the gap toward their side.
    const gap = (user: string) =>
      (reward[`${user}-rigorous`] as number) - (reward[`${user}-simple`] as number);
    expect(gap("expert")).toBeGreaterThan(gap("anonymous"));
    expect(gap("kid")).toBeLessThan(gap("anonymous"));
  });

  it("vpl: knows training users by id, infers new users from their pairs, and refuses to guess without either", async () => {
    const train = await writeRows("users.jsonl", audiencePairs(600, true));
    const model = join(folder, "vpl.rkrm");
    const trained = await runCli([
      "train-rm",
      "--train",
      train,
      "--out",
      model,
      "--kind",
      "vpl",
      "--steps",
      "400",
      "--json",
      "--quiet",
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as { users: number; valid: { accuracy: number } };
    // Users kid-0, kid-2, ..., expert-1, expert-3, ...: ten in all.
    expect(summary.users).toBe(10);
    expect(summary.valid.accuracy).toBeGreaterThan(0.8);
    const loaded = await loadSpec({ version: 1, reward: { type: "model", path: model } });
    const simple = `${filler(6)} simple ${filler(4)}`;
    const rigorous = `${filler(6)} rigorous ${filler(4)}`;
    const newExpertPairs = audiencePairs(12, false).filter((_, index) => index % 2 === 1) as Array<{
      chosen: string;
      rejected: string;
    }>;
    const samples = [
      { prompt: "explain", completion: simple, meta: { user: "kid-0" } },
      { prompt: "explain", completion: rigorous, meta: { user: "kid-0" } },
      { prompt: "explain", completion: simple, meta: { user_pairs: newExpertPairs } },
      { prompt: "explain", completion: rigorous, meta: { user_pairs: newExpertPairs } },
      { prompt: "explain", completion: rigorous },
    ];
    const results = await loaded.reward.score(samples, createContext());
    expect(results[0]?.score).toBeGreaterThan(results[1]?.score as number);
    expect(results[3]?.score).toBeGreaterThan(results[2]?.score as number);
    expect(results[4]?.error?.code).toBe("NOT_APPLICABLE");
  });

  it("multi-objective (DPA): regresses ratings and scores along the spec's direction", async () => {
    const rows: object[] = [];
    for (let index = 0; index < 400; index++) {
      const helpful = random.next() < 0.5;
      const verbose = random.next() < 0.5;
      rows.push({
        prompt: `question ${index}`,
        response: `${helpful ? "here is exactly how" : "not sure"} ${verbose ? "and furthermore in great detail moreover" : ""} ${filler(3)}`,
        helpfulness: helpful ? 80 : 20,
        verbosity: verbose ? 70 : 30,
      });
    }
    const train = await writeRows("rated.jsonl", rows);
    const model = join(folder, "dpa.rkrm");
    const trained = await runCli([
      "train-rm",
      "--train",
      train,
      "--out",
      model,
      "--kind",
      "multi-objective",
      "--objectives",
      "helpfulness,verbosity",
      "--epochs",
      "30",
      "--json",
      "--quiet",
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as { valid: Record<string, { rmse: number }> };
    expect(summary.valid.helpfulness?.rmse).toBeLessThan(10);
    const terse = { prompt: "q", completion: "here is exactly how" };
    const wordy = { prompt: "q", completion: "here is exactly how and furthermore in great detail moreover" };
    const score = async (direction: number[]) => {
      const loaded = await loadSpec({ version: 1, reward: { type: "model", path: model, direction } });
      return (await loaded.reward.score([terse, wordy], createContext())).map((result) => result.score);
    };
    const [terseLikesVerbose, wordyLikesVerbose] = await score([0.7, 0.7]);
    expect(wordyLikesVerbose).toBeGreaterThan(terseLikesVerbose as number);
    const [terseHatesVerbose, wordyHatesVerbose] = await score([0.97, -0.26]);
    expect(terseHatesVerbose).toBeGreaterThan(wordyHatesVerbose as number);
  });

  it("engagement (Social Reward): implicit feedback becomes pairs with margins", async () => {
    const rows: object[] = [];
    for (let prompt = 0; prompt < 60; prompt++) {
      for (let item = 0; item < 4; item++) {
        const vivid = item % 2 === 0;
        rows.push({
          group: `prompt-${prompt}`,
          prompt: `draw ${prompt}`,
          response: `${vivid ? "vivid colorful" : "plain grey"} picture ${filler(3)} ${item}`,
          engagement: vivid ? 20 + random.int(30) : random.int(3),
        });
      }
    }
    const train = await writeRows("engagement.jsonl", rows);
    const model = join(folder, "social.rkrm");
    const trained = await runCli([
      "train-rm",
      "--train",
      train,
      "--out",
      model,
      "--use-margins",
      "--json",
      "--quiet",
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const summary = JSON.parse(trained.stdout) as { train: { n: number }; valid: { accuracy: number } };
    // Each prompt has 2 vivid × 2 plain pairs that clear the ratio; vivid-vs-vivid pairs rarely do.
    expect(summary.train.n).toBeGreaterThan(150);
    expect(summary.valid.accuracy).toBeGreaterThan(0.8);
  });

  it("strength-aware BT (Secrets of RLHF II) trains from the command line", async () => {
    const train = await writeRows(
      "strength.jsonl",
      audiencePairs(300, false).filter((_, index) => index % 2 === 0),
    );
    const run = await runCli([
      "train-rm",
      "--train",
      train,
      "--out",
      join(folder, "strength.rkrm"),
      "--strength",
      "flip+margin",
      "--voters",
      "3",
      "--json",
      "--quiet",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { valid: { accuracy: number } }).valid.accuracy).toBeGreaterThan(0.9);
    const bad = await runCli([
      "train-rm",
      "--train",
      train,
      "--out",
      join(folder, "x.rkrm"),
      "--strength",
      "maybe",
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--strength: expected one of flip, margin, flip+margin, soft+margin");
  });
});
