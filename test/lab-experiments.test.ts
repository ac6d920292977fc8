import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { experiments, runLab } from "../src/lab/index.js";
import { escapeXml } from "../src/report/index.js";

// The results.json contract of issue 10 (docs/lab.md): extra series may follow these keys.
const resultsShape = z.object({
  experiment: z.string(),
  seed: z.number().int(),
  // KL curves (kl, proxy, gold), or measured curves that name their axes (experiments without a KL).
  curves: z
    .array(
      z.union([
        z.object({
          method: z.string(),
          optimizer: z.string(),
          points: z.array(z.object({ kl: z.number().min(0), proxy: z.number(), gold: z.number() })).min(2),
        }),
        z.object({
          method: z.string(),
          x: z.string().min(1),
          y: z.string().min(1),
          points: z.array(z.object({ x: z.number(), y: z.number() })).min(2),
        }),
      ]),
    )
    .min(2),
  claims: z
    .array(
      z.object({ claim: z.string().min(10), holds: z.boolean(), evidence: z.record(z.string(), z.number()) }),
    )
    .min(3),
  settings: z.record(z.string(), z.unknown()),
});

/**
 * The lines of each chart of a report: series name and colour (from the legend), dash pattern and
 * the path drawn just before its legend entry.
 */
function chartLines(html: string): Array<Array<{ name: string; color: string; dash: string; path: string }>> {
  const element =
    /<path d="([^"]*)" fill="none" stroke="[^"]+" stroke-width="2"[^>]*>|<line [^>]*stroke="([^"]+)" stroke-width="2"(?: stroke-dasharray="([^"]+)")?\/>\n<text [^>]*>([^<]*)<\/text>/g;
  return [...html.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((svg) => {
    const lines: Array<{ name: string; color: string; dash: string; path: string }> = [];
    let path = "";
    for (const match of svg[0].matchAll(element)) {
      if (match[1] !== undefined) path = match[1];
      else {
        lines.push({ name: match[4] as string, color: match[2] as string, dash: match[3] ?? "", path });
        path = "";
      }
    }
    return lines;
  });
}

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

describe.each(Object.keys(experiments))("lab experiment %s (quick settings)", (name) => {
  it("writes results.json in the contract's shape and a self-contained report with SVG plots", async () => {
    const out = await mkdtemp(join(tmpdir(), `rewardkit-lab-${name}-`));
    directories.push(out);
    const results = await runLab({ experiment: name, seed: 3, quick: true, out });
    const written = JSON.parse(await readFile(join(out, "results.json"), "utf8")) as unknown;
    expect(written).toEqual(results);
    const parsed = resultsShape.parse(written);
    expect(parsed.experiment).toBe(name);
    expect(parsed.seed).toBe(3);
    for (const claim of parsed.claims) expect(Object.keys(claim.evidence).length).toBeGreaterThan(0);
    const report = await readFile(join(out, "report.html"), "utf8");
    expect(report).toContain("<svg");
    expect(report).not.toMatch(/<script|<link|src="http/);
    for (const claim of parsed.claims) expect(report).toContain(escapeXml(claim.claim));
  });

  it("plots each method in one colour across the report, never hides a line, and fills the page width", async () => {
    const out = await mkdtemp(join(tmpdir(), `rewardkit-lab-${name}-`));
    directories.push(out);
    await runLab({ experiment: name, seed: 3, quick: true, out });
    const html = await readFile(join(out, "report.html"), "utf8");
    const charts = chartLines(html).filter((lines) => lines.length > 0);
    expect(charts.length).toBeGreaterThanOrEqual(1);
    const colorOf = new Map<string, Set<string>>();
    for (const lines of charts) {
      for (const line of lines) colorOf.set(line.name, (colorOf.get(line.name) ?? new Set()).add(line.color));
      // Within a chart, no two series look alike, and a line with another's exact path is drawn
      // with a dash pattern of its own so the one below shows through.
      const looks = lines.map((line) => `${line.color} ${line.dash}`);
      expect(new Set(looks).size).toBe(looks.length);
      lines.forEach((line, index) => {
        const under = lines.slice(0, index).filter((earlier) => earlier.path === line.path);
        for (const earlier of under) {
          expect(line.dash, `${line.name} over ${earlier.name}`).not.toBe("");
          expect(line.dash).not.toBe(earlier.dash);
        }
      });
    }
    for (const [series, colors] of colorOf) expect([...colors], series).toHaveLength(1);
    expect(html).toMatch(/svg\.chart \{[^}]*width: 100%/);
    expect(html).not.toMatch(/<svg (?![^>]*class="chart")/);
  });

  it("is deterministic for a seed and changes with it", async () => {
    const first = await runLab({ experiment: name, seed: 11, quick: true });
    const again = await runLab({ experiment: name, seed: 11, quick: true });
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    const other = await runLab({ experiment: name, seed: 12, quick: true });
    expect(JSON.stringify(other.curves)).not.toBe(JSON.stringify(first.curves));
  });
});

describe("lab options", () => {
  it("reject an unknown experiment, a misspelt option and a wrong type, naming them", async () => {
    await expect(runLab({ experiment: "nope", seed: 1 })).rejects.toThrow(/unknown lab experiment "nope"/);
    await expect(runLab({ experiment: "constrained", seed: 1, options: { stepz: 3 } })).rejects.toThrow(
      /stepz/,
    );
    await expect(
      runLab({ experiment: "constrained", seed: 1, options: { steps: "many" } }),
    ).rejects.toMatchObject({
      path: "steps",
    });
  });

  it("apply an option on top of the quick settings", async () => {
    const results = await runLab({
      experiment: "adaptive-reasoning",
      seed: 1,
      quick: true,
      options: { steps: 20 },
    });
    expect(results.settings.steps).toBe(20);
    expect(results.settings.train_prompts).toBe(256);
  });
});
