import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumForTests, type RunningCli, screenshotPath, startCli } from "./helpers/browser.js";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { answerMatchModule, gsm8kRollouts, type Rollout } from "./helpers/gsm8k.js";
import { hasSharedData } from "./helpers/shared-data.js";

// Real rollouts: OpenAI's GSM8K model solutions (four models per question = a GRPO group of four),
// scored by `rewardkit score` with a correctness module (it agrees with the dataset's labels) and a
// length window, then shown by `rewardkit inspect` in chromium. The page's numbers must be the
// labels' numbers, which the inspector never sees.
const chromiumPath = chromiumForTests();
const questions = 60;

describe.skipIf(!chromiumPath || !hasSharedData("gsm8k/example_model_solutions.jsonl"))(
  "rewardkit inspect on scored GSM8K model solutions",
  () => {
    let rollouts: Rollout[];
    let scored: Array<Record<string, unknown>>;
    let cli: RunningCli;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      const folder = await mkdtemp(join(tmpdir(), "rewardkit-inspect-gsm8k-"));
      rollouts = await gsm8kRollouts(questions);
      const rows = rollouts.map((rollout, index) => ({
        id: `q${Math.floor(index / 4)}-m${index % 4}`,
        group: `q${Math.floor(index / 4)}`,
        prompt: rollout.question,
        completion: rollout.solution,
        reference: rollout.reference,
      }));
      await writeFile(join(folder, "rows.jsonl"), `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
      await writeFile(join(folder, "answer.mjs"), answerMatchModule);
      await writeFile(
        join(folder, "spec.json"),
        JSON.stringify({
          version: 1,
          reward: {
            type: "weighted",
            terms: [
              { weight: 1, reward: { type: "module", name: "correct", path: "answer.mjs" } },
              {
                weight: 0.1,
                reward: { type: "length", name: "concise", unit: "words", max: 120, slope: 120 },
              },
            ],
          },
          advantage: { type: "grpo" },
        }),
      );
      const output = join(folder, "scored.jsonl");
      const run = await runCli([
        "score",
        "--spec",
        join(folder, "spec.json"),
        "--input",
        join(folder, "rows.jsonl"),
        "--output",
        output,
        "--no-progress",
      ]);
      expect(run.code, run.stderr).toBe(0);
      scored = parseJsonl(await readFile(output, "utf8"));
      cli = await startCli(["inspect", output, "--port", "0"]);
      browser = await chromium.launch({ executablePath: chromiumPath as string });
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(cli.firstLine);
      await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      if (cli) expect(await cli.stop()).toBe(0);
    });

    const text = async (selector: string) => (await page.locator(selector).first().textContent())?.trim();

    it("shows the labels' accuracy as the mean of the correctness component, and its bars", async () => {
      const correct = rollouts.filter((rollout) => rollout.isCorrect).length;
      expect(await text("#stat-rows .value")).toBe(String(rollouts.length));
      expect(await text('#components tr[data-component="correct"] td[data-stat="mean"]')).toBe(
        (correct / rollouts.length).toFixed(4),
      );
      const bars = page.locator('[data-histogram="correct"] details table tr');
      expect(await bars.count()).toBe(2);
      expect(await bars.nth(1).locator("td.count").textContent()).toBe(String(correct));
    });

    it("shows the scored file's reward mean and the labels' all-correct groups", async () => {
      const rewardMean = scored.reduce((sum, row) => sum + (row.reward as number), 0) / scored.length;
      expect(await text('#components tr[data-component="reward"] td[data-stat="mean"]')).toBe(
        rewardMean.toFixed(4),
      );
      let allCorrect = 0;
      for (let question = 0; question < questions; question++) {
        if (rollouts.slice(question * 4, question * 4 + 4).every((rollout) => rollout.isCorrect))
          allCorrect++;
      }
      expect(await text("#stat-all-correct .value")).toBe(String(allCorrect));
      expect(await text("#stat-groups .value")).toBe(String(questions));
    });

    it("finds a question by its text and shows its four solutions as neighbours", async () => {
      const question = rollouts[8] as Rollout;
      await page.fill("#filter-q", question.question.slice(0, 40));
      await page.click("#filter-apply");
      await page.waitForFunction(`document.querySelector("#row-total")?.getAttribute("data-total") === "4"`);
      await page.click("#rows tbody tr");
      await page.waitForSelector("#detail:not([hidden]) #detail-neighbours");
      expect(await page.locator("#detail-neighbours tbody tr").count()).toBe(3);
      expect(await text("#detail-prompt")).toBe(question.question);
      await page.screenshot({ path: await screenshotPath("inspect-gsm8k-detail.png") });
      await page.click("#detail-close");
      await page.click("#filter-reset");
      await page.evaluate("window.scrollTo(0, 0)");
      await page.screenshot({ path: await screenshotPath("inspect-gsm8k.png") });
    }, 90_000);
  },
);
