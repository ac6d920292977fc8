import { describe, expect, it } from "vitest";
import { mulberry32 } from "../core/random.js";
import { diagnoseHacking, HackingRowAggregator } from "../diagnose/index.js";
import { InspectDataset } from "./dataset.js";
import { type InspectRow, inspectRowOf } from "./inspect-row.js";
import { packSignals, textFlagThresholds, unpackSignals } from "./row-flags.js";

/**
 * Scored rows as a degrading GRPO run writes them: over 12 steps more completions hedge, repeat
 * n-grams, copy the prompt and answer with a master key; every 5th is a chat message list, some
 * rows errored, some carry a gold score and KL, a few have an object as completion (read
 * differently by the row flags and the aggregator, so their checks run again).
 */
function generatedRows(seed: number, count: number): Record<string, unknown>[] {
  const random = mulberry32(seed);
  const rows: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const step = Math.floor((index / count) * 12);
    const drift = step / 12;
    const a = Math.floor(random() * 90);
    const b = Math.floor(random() * 90);
    const prompt = `Question ${index >> 2}: a farmer has ${a} apples and buys ${b} more; how many apples now?`;
    const roll = random();
    let text: string;
    if (roll < 0.15 * drift) text = `The answer is ${a + b}. Or maybe the answer is ${a + b + 1}.`;
    else if (roll < 0.3 * drift) text = "we add the apples again ".repeat(4 + Math.floor(random() * 8));
    else if (roll < 0.45 * drift) text = `${prompt} ${prompt} so \\boxed{${a + b}}`;
    else if (roll < 0.55 * drift) text = random() < 0.5 ? "Let's solve this step by step." : ":";
    else {
      const words = 10 + Math.floor(random() * 50);
      const filler = Array.from({ length: words }, () => `w${Math.floor(random() * 400)}`).join(" ");
      text = `First ${a} plus ${b}: ${filler}. So \\boxed{${a + b}}`;
    }
    const completion: unknown =
      index % 97 === 3 ? { text } : index % 5 === 0 ? [{ role: "assistant", content: text }] : text;
    const correct = random() < 0.4 + 0.3 * drift ? 1 : 0;
    const row: Record<string, unknown> = {
      id: `r${index}`,
      group: `g${index >> 2}`,
      step,
      prompt: index % 11 === 0 ? [{ role: "user", content: prompt }] : prompt,
      completion,
      reward: correct + 0.2 * (random() < 0.8 ? 1 : 0),
      components: { correct, format: random() < 0.8 ? 1 : 0 },
    };
    if (index % 7 === 0) row.meta = { gold: correct * (1 - drift), kl: 0.01 * step };
    if (index % 40 === 9) row.error = { code: "TIMEOUT", message: "slow", node: "correct" };
    rows.push(row);
  }
  return rows;
}

/** The diagnostics as the inspector computed them before: the aggregator runs every text check. */
function diagnosticsTheOldWay(rows: readonly InspectRow[]) {
  const aggregator = new HackingRowAggregator();
  for (const row of rows) {
    if (row.step === undefined) continue;
    aggregator.add({
      step: row.step,
      reward: row.reward,
      components: row.components,
      group: row.group,
      prompt: row.prompt,
      completion: row.completion,
      error: row.error,
      meta: row.meta,
    });
  }
  return diagnoseHacking(aggregator.aggregates());
}

describe("the inspector's diagnostics reuse the row flags' text checks", () => {
  for (const seed of [1, 2, 3]) {
    it(`equal diagnoseHacking with every check run again (seed ${seed})`, () => {
      const raw = generatedRows(seed, 2400);
      const toRows = () => raw.map((row, index) => inspectRowOf(row, { index, line: index + 1 }));
      const dataset = new InspectDataset({ label: "generated", rows: toRows() });
      const report = dataset.diagnostics();
      expect(report).toEqual(diagnosticsTheOldWay(toRows()));
      // The set exercises the text checks: every pattern is found on rows, and the flags the
      // degradation drives fire, so the comparison covers the text counts, not just zeros.
      const flags = dataset.summary.flags;
      for (const name of ["answer_hedging", "repeated_ngrams", "copied_prompt", "master_key_replies"])
        expect(flags[name], name).toBeGreaterThan(20);
      expect(flags.error).toBe(60);
      const fired = report?.flags.filter((flag) => flag.fired).map((flag) => flag.name) ?? [];
      expect(fired).toEqual(expect.arrayContaining(["answer_hedging", "repeated_ngrams"]));
    });
  }

  it("packs and unpacks every combination of signals", () => {
    for (const repeated of [null, false, true])
      for (const copied of [null, false, true])
        for (const hedging of [false, true])
          for (const masterKey of [false, true]) {
            const signals = { repeated, copied, hedging, masterKey };
            expect(unpackSignals(packSignals(signals))).toEqual(signals);
          }
  });

  it("refuses precomputed signals made with other thresholds", () => {
    const aggregator = new HackingRowAggregator({ observe: { repetition: 0.7 } });
    const signals = { repeated: true, copied: false, hedging: false, masterKey: false };
    const row = { step: 0, reward: 1, prompt: "p", completion: "c" };
    expect(() => aggregator.add(row, { signals, thresholds: textFlagThresholds })).toThrow(/thresholds/);
    expect(aggregator.add(row, { signals, thresholds: { ...textFlagThresholds, repetition: 0.7 } })).toEqual({
      used: true,
    });
    expect(aggregator.aggregates()[0]?.text).toMatchObject({ checked: 1, repeated: 1 });
  });
});
