import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumForTests, type RunningCli, screenshotPath, startCli } from "./helpers/browser.js";
import { post } from "./helpers/serve.js";

// `rewardkit serve --ui`: the inspector over the server's live traffic, by run, refreshed in place.
const chromiumPath = chromiumForTests();

function samples(step: number, count: number) {
  return Array.from({ length: count }, (_, index) => ({
    id: `s${step}-${index}`,
    group: `s${step}-g${Math.floor(index / 4)}`,
    prompt: "What is 6 times 7?",
    completion: index % 2 === 0 ? "<answer>42</answer>" : "It is 41.",
    reference: "42",
  }));
}

describe.skipIf(!chromiumPath)("rewardkit serve --ui in a browser", () => {
  let serve: RunningCli;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-serve-ui-"));
    await writeFile(
      join(folder, "spec.json"),
      JSON.stringify({
        version: 1,
        reward: {
          type: "weighted",
          terms: [
            { weight: 1, reward: { type: "math", name: "correct" } },
            { weight: 0.2, reward: { type: "regex", name: "format", pattern: "<answer>.*</answer>" } },
          ],
        },
      }),
    );
    // pino logs to stdout: the "listening" line carries the URLs.
    serve = await startCli(["serve", "--spec", join(folder, "spec.json"), "--port", "0", "--ui"], {
      ready: (line) => line.includes('"listening"'),
    });
    url = (JSON.parse(serve.firstLine) as { url: string; ui: string }).url;
    expect((JSON.parse(serve.firstLine) as { ui: string }).ui).toBe(`${url}/ui/`);
    browser = await chromium.launch({ executablePath: chromiumPath as string });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (serve) expect(await serve.stop()).toBe(0);
  });

  const rowsShown = () => page.locator("#stat-rows .value").textContent();

  it("says there is no traffic yet, then shows each run's rows as requests arrive, without reloading", async () => {
    await page.goto(`${url}/ui`);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
    expect(page.url()).toBe(`${url}/ui/`);
    expect(await page.locator("#problem").textContent()).toContain("No traffic yet");
    await page.evaluate("window.loadedOnce = true");

    const first = await post(`${url}/v1/score`, { run: "alpha", step: 0, samples: samples(0, 8) });
    expect(first.status).toBe(200);
    await page.waitForFunction(
      `document.querySelector("#stat-rows .value")?.textContent === "8"`,
      undefined,
      {
        timeout: 15_000,
      },
    );
    const second = await post(`${url}/v1/score`, { run: "alpha", step: 1, samples: samples(1, 12) });
    expect(second.status).toBe(200);
    await page.waitForFunction(
      `document.querySelector("#stat-rows .value")?.textContent === "20"`,
      undefined,
      {
        timeout: 15_000,
      },
    );
    expect(await page.evaluate("window.loadedOnce")).toBe(true);
    // Half the completions are right: the correct component's mean over 20 rows is 0.5.
    expect(
      await page.locator('#components tr[data-component="correct"] td[data-stat="mean"]').textContent(),
    ).toBe("0.5000");
    expect(await page.locator("#steps canvas").count()).toBeGreaterThan(0);

    // A second run appears in the picker; choosing it shows only its rows.
    await post(`${url}/v1/score`, { run: "beta", step: 0, samples: samples(0, 4) });
    await page.waitForFunction(`document.querySelectorAll("#run-select option").length === 2`, undefined, {
      timeout: 15_000,
    });
    await page.selectOption("#run-select", "beta");
    await page.waitForFunction(`document.querySelector("#stat-rows .value")?.textContent === "4"`);
    expect(await rowsShown()).toBe("4");
    expect(await page.evaluate("window.loadedOnce")).toBe(true);
    await page.screenshot({ path: await screenshotPath("serve-ui-live.png"), fullPage: true });
  }, 90_000);
});
