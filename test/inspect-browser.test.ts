import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumForTests, type RunningCli, screenshotPath, startCli } from "./helpers/browser.js";
import { runCli } from "./helpers/cli.js";
import { syntheticScoredRows } from "./helpers/inspect-rows.js";

// `rewardkit inspect` as a real subprocess, its page in Debian's chromium: the numbers on the page
// are the file's, the filters and the search select the right rows, a row's detail shows its chat.
const chromiumPath = chromiumForTests();

type LabFile = { experiment: string; curves: unknown[]; claims: Array<{ holds: boolean }> };
type Row = Record<string, unknown> & { components: Record<string, number> };

function groupsOf(rows: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(row.group as string, [...(groups.get(row.group as string) ?? []), row]);
  return groups;
}

describe.skipIf(!chromiumPath)("rewardkit inspect in a browser (synthetic run)", () => {
  let folder: string;
  let file: string;
  let rows: Row[];
  let cli: RunningCli;
  let browser: Browser;
  let page: Page;
  let labResults: LabFile;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "rewardkit-inspect-"));
    rows = syntheticScoredRows({ steps: 12, groupsPerStep: 4, seed: 7 }) as Row[];
    file = join(folder, "scored.jsonl");
    // One unreadable line: left out, named, counted on the page.
    await writeFile(file, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n{not json\n`);
    // A real lab run beside the rows (--lab): its claims and curves are shown.
    const lab = await runCli([
      "lab",
      "adaptive-reasoning",
      "--quick",
      "--out",
      join(folder, "lab", "adaptive"),
    ]);
    expect(lab.code, lab.stderr).toBe(0);
    labResults = JSON.parse(
      await readFile(join(folder, "lab", "adaptive", "results.json"), "utf8"),
    ) as LabFile;
    cli = await startCli(["inspect", file, "--port", "0", "--lab", join(folder, "lab")]);
    browser = await chromium.launch({ executablePath: chromiumPath as string });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(cli.firstLine);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (cli) expect(await cli.stop()).toBe(0);
  });

  const text = async (selector: string) => (await page.locator(selector).first().textContent())?.trim();
  const visibleTotal = async () => Number(await page.locator("#row-total").getAttribute("data-total"));
  const totalIs = (total: number) =>
    page.waitForFunction(`document.querySelector("#row-total")?.getAttribute("data-total") === "${total}"`);
  // Reset and wait for every row, then filter and wait for the filtered answer (no stale reply can match).
  const applyFilters = async (fill: () => Promise<void>) => {
    await page.click("#filter-reset");
    await page.waitForFunction(`document.querySelector("#row-total")?.textContent.endsWith("in all")`);
    await fill();
    await page.click("#filter-apply");
    await page.waitForFunction(`document.querySelector("#row-total")?.textContent.endsWith("match")`);
  };

  it("prints its URL first and names the unreadable line", () => {
    expect(cli.firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(cli.stderr()).toContain(`${file}:${rows.length + 1}: skipped`);
  });

  it("shows the file's row count, per-component means, error counts and histogram bins", async () => {
    const clean = rows.filter((row) => row.error === undefined);
    expect(await text("#stat-rows .value")).toBe(String(rows.length));
    expect(await text("#stat-unreadable .value")).toBe("1");
    expect(await text("#stat-errored .value")).toBe(String(rows.length - clean.length));
    for (const name of ["correct", "format", "length"]) {
      const mean = clean.reduce((sum, row) => sum + (row.components[name] as number), 0) / clean.length;
      expect(await text(`#components tr[data-component="${name}"] td[data-stat="mean"]`)).toBe(
        mean.toFixed(4),
      );
      expect(await text(`#components tr[data-component="${name}"] td[data-stat="count"]`)).toBe(
        String(clean.length),
      );
    }
    const rewardMean = clean.reduce((sum, row) => sum + (row.reward as number), 0) / clean.length;
    expect(await text('#components tr[data-component="reward"] td[data-stat="mean"]')).toBe(
      rewardMean.toFixed(4),
    );
    for (const code of ["TIMEOUT", "NOT_APPLICABLE"]) {
      const count = rows.filter((row) => (row.error as { code?: string } | undefined)?.code === code).length;
      expect(count).toBeGreaterThan(0);
      expect(await text(`#errors tr[data-error="${code}"] td:nth-child(2)`)).toBe(String(count));
    }
    // `correct` takes two values: one bar each, with the file's counts.
    const bins = page.locator('[data-histogram="correct"] details table tr');
    expect(await bins.count()).toBe(2);
    expect(await bins.nth(1).locator("td").nth(0).textContent()).toBe("1");
    expect(await bins.nth(1).locator("td.count").textContent()).toBe(
      String(clean.filter((row) => row.components.correct === 1).length),
    );
    const rewardCounts = await page.locator('[data-histogram="reward"] td.count').allTextContents();
    expect(rewardCounts.map(Number).reduce((sum, count) => sum + count, 0)).toBe(clean.length);
  });

  it("counts zero-std and all-correct groups as the file has them", async () => {
    const groups = groupsOf(rows);
    const rewardsOf = (members: Row[]) => members.map((row) => row.reward as number);
    const zeroStd = [...groups.values()].filter((members) => new Set(rewardsOf(members)).size === 1).length;
    const allCorrect = [...groups.values()].filter((members) =>
      rewardsOf(members).every((r) => r >= 1),
    ).length;
    expect(zeroStd).toBeGreaterThan(0);
    expect(await text("#stat-zero-std .value")).toBe(String(zeroStd));
    expect(await text("#stat-all-correct .value")).toBe(String(allCorrect));
  });

  it("filters rows by component range, error, group, flag and text", async () => {
    expect(await visibleTotal()).toBe(rows.length);
    await applyFilters(async () => {
      await page.selectOption("#filter-component", "length");
      await page.fill("#filter-min", "0.3");
      await page.fill("#filter-max", "0.5");
    });
    const inRange = rows.filter((row) => {
      const length = row.components.length as number;
      return length >= 0.3 && length <= 0.5;
    });
    expect(await visibleTotal()).toBe(inRange.length);
    for (const cell of await page.locator('#rows td[data-field="length"]').allTextContents()) {
      expect(Number(cell)).toBeGreaterThanOrEqual(0.3);
      expect(Number(cell)).toBeLessThanOrEqual(0.5);
    }

    await applyFilters(() => page.selectOption("#filter-error", "TIMEOUT").then(() => undefined));
    const timeouts = rows.filter((row) => (row.error as { code?: string } | undefined)?.code === "TIMEOUT");
    expect(await visibleTotal()).toBe(timeouts.length);
    expect(await page.locator("#rows tbody tr").count()).toBe(Math.min(50, timeouts.length));

    await applyFilters(() => page.fill("#filter-q", "S3-G2"));
    expect(await visibleTotal()).toBe(4);

    await applyFilters(() => page.selectOption("#filter-flag", "zero_std_group").then(() => undefined));
    const groups = groupsOf(rows);
    const zeroStdRows = [...groups.values()]
      .filter((members) => new Set(members.map((row) => row.reward)).size === 1)
      .reduce((sum, members) => sum + members.length, 0);
    expect(await visibleTotal()).toBe(zeroStdRows);

    // Clicking a group lists its rows.
    await page.click("#filter-reset");
    await page.click('#groups tr[data-group="s0-g2"]');
    await totalIs(4);
    const ids = await page.locator("#rows tbody tr td:nth-child(2)").allTextContents();
    expect(ids.sort()).toEqual(["s0-g2-0", "s0-g2-1", "s0-g2-2", "s0-g2-3"]);
  }, 90_000);

  it("shows a row's detail: the multi-turn completion as a chat, components, reason and its group", async () => {
    await applyFilters(() => page.fill("#filter-q", "s5-g3-3"));
    await totalIs(1);
    await page.click("#rows tbody tr");
    await page.waitForSelector("#detail:not([hidden]) #detail-completion .chat");
    const row = rows.find((candidate) => candidate.id === "s5-g3-3") as Row;
    const roles = await page
      .locator("#detail-completion .message")
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-role")));
    expect(roles).toEqual(["assistant", "user", "assistant"]);
    expect(await text("#detail-completion .message:last-child")).toContain(
      ((row.completion as Array<{ content: string }>)[2] as { content: string }).content,
    );
    expect(await page.locator('#detail-prompt .message[data-role="system"]').count()).toBe(1);
    expect(await text("#detail-reason")).toBe(row.reason);
    expect(await page.locator("#detail-components tr").count()).toBe(3);
    expect(await page.locator("#detail-neighbours tbody tr").count()).toBe(3);
    await page.screenshot({ path: await screenshotPath("inspect-synthetic-detail.png") });
    await page.click("#detail-close");
  });

  it("shows the same reward-hacking flags as rewardkit diagnose", async () => {
    const diagnose = await runCli(["diagnose", file, "--json"]);
    const fired = (JSON.parse(diagnose.stdout) as { fired: string[] }).fired;
    expect(fired.length).toBeGreaterThan(0);
    await page.waitForSelector("#flag-table");
    const pageFired = await page
      .locator('#flag-table tr[data-status="fired"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-flag")));
    expect(pageFired.sort()).toEqual([...fired].sort());
    expect(await page.locator(`[data-evidence="${fired[0]}"] canvas`).count()).toBe(1);
    await page.screenshot({ path: await screenshotPath("inspect-synthetic.png"), fullPage: true });
  }, 90_000);

  it("shows the lab run's claims and curves (--lab)", async () => {
    const run = page.locator(`#lab .lab-run[data-experiment="${labResults.experiment}"]`);
    expect(await run.count()).toBe(1);
    const holding = labResults.claims.filter((claim) => claim.holds).length;
    expect(await run.locator("h3").first().textContent()).toContain(
      `${holding} of ${labResults.claims.length} claims hold`,
    );
    expect(await run.locator('tr[data-holds="true"]').count()).toBe(holding);
    expect(await run.locator("canvas").count()).toBe(labResults.curves.length);
  });
});
