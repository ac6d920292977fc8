import { describe, expect, it } from "vitest";
import { AuditTally, readLabel } from "./audit-figures.js";

describe("audit figures", () => {
  it("reads labels as true/false, 1/0 or those words, and nothing else", () => {
    expect([true, 1, "true", " 1", "TRUE"].map(readLabel)).toEqual([true, true, true, true, true]);
    expect([false, 0, "false", "0"].map(readLabel)).toEqual([false, false, false, false]);
    expect([0.5, "yes", null, undefined, 2, [true]].map(readLabel)).toEqual(Array(6).fill(undefined));
  });

  it("counts a confusion matrix with errors apart, rates over the label's classes, null when undefined", () => {
    const tally = new AuditTally({ label: "meta.ok", threshold: 0.5, by: "kind", examples: 1 });
    const rows = [
      { reward: 1, meta: { ok: true }, kind: "a" }, // TP
      { reward: 0.5, meta: { ok: false }, kind: "a", reason: "lenient" }, // FP (>= threshold)
      { reward: 0.49, meta: { ok: true }, kind: "b" }, // FN
      { reward: 0, meta: { ok: false }, kind: "b" }, // TN
      { reward: 0, meta: { ok: false }, kind: "b", error: { code: "TIMEOUT", message: "slow" } },
      { reward: 1, meta: {}, kind: "b" }, // unlabelled
    ];
    for (const [index, row] of rows.entries()) tally.add(row, `row ${index + 1}`);
    const figures = tally.toJSON();
    expect(figures).toMatchObject({
      n: 4,
      accuracy: 0.5,
      true_positives: 1,
      true_negatives: 1,
      false_positives: 1,
      false_negatives: 1,
      false_positive_rate: 0.5,
      false_negative_rate: 0.5,
      errors: 1,
      errors_by_code: { TIMEOUT: 1 },
      unlabelled: 1,
    });
    expect(figures.by?.groups).toMatchObject([
      { group: "a", n: 2, false_positives: 1, false_negative_rate: 0, errors: 0 },
      { group: "b", n: 2, false_positives: 0, false_positive_rate: 0, false_negatives: 1, errors: 1 },
    ]);
    expect(figures.examples.false_positives).toEqual([
      { row: "row 2", reward: 0.5, label: false, reason: "lenient" },
    ]);
    const onlyPositives = new AuditTally({ label: "ok", threshold: 0.5, examples: 0 });
    onlyPositives.add({ reward: 1, ok: true }, "row 1");
    expect(onlyPositives.toJSON()).toMatchObject({
      false_positive_rate: null,
      false_negative_rate: 0,
      precision: 1,
    });
  });
});
