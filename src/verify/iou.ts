import { z } from "zod";
import { completionText, defineNode, perSample, RewardkitError } from "../core/index.js";

/** An axis-aligned box `[x1, y1, x2, y2]`. */
export type Box = [number, number, number, number];

/** Intersection over union of two boxes (corners in either order); 0 when both are empty. */
export function iou(a: Box, b: Box): number {
  const [ax1, ax2] = [Math.min(a[0], a[2]), Math.max(a[0], a[2])];
  const [ay1, ay2] = [Math.min(a[1], a[3]), Math.max(a[1], a[3])];
  const [bx1, bx2] = [Math.min(b[0], b[2]), Math.max(b[0], b[2])];
  const [by1, by2] = [Math.min(b[1], b[3]), Math.max(b[1], b[3])];
  const width = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
  const height = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
  const intersection = width * height;
  const union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - intersection;
  return union > 0 ? intersection / union : 0;
}

const number = String.raw`\s*(-?\d+(?:\.\d+)?)\s*`;
const boxPattern = new RegExp(String.raw`[[(]${number},${number},${number},${number}[\])]`, "g");
const cornerPairPattern = new RegExp(String.raw`\(${number},${number}\)\s*,\s*\(${number},${number}\)`, "g");

/** The boxes written in a text: `[x1, y1, x2, y2]`, `(x1, y1, x2, y2)` or `(x1, y1), (x2, y2)`. */
export function boxesIn(text: string): Box[] {
  const found: { at: number; box: Box }[] = [];
  for (const pattern of [boxPattern, cornerPairPattern]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      found.push({ at: match.index, box: match.slice(1, 5).map(Number) as Box });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((each) => each.box);
}

function referenceBoxes(reference: unknown): Box[] {
  const isBox = (value: unknown): value is Box =>
    Array.isArray(value) &&
    value.length === 4 &&
    value.every((item) => typeof item === "number" && Number.isFinite(item));
  if (isBox(reference)) return [reference];
  if (Array.isArray(reference) && reference.length > 0 && reference.every(isBox)) return reference;
  if (typeof reference === "string") {
    const boxes = boxesIn(reference);
    if (boxes.length > 0) return boxes;
  }
  throw new RewardkitError(
    "INPUT_INVALID",
    `reference: expected a box [x1, y1, x2, y2] or a list of them, got ${JSON.stringify(reference)?.slice(0, 80)}`,
  );
}

/**
 * Grounding reward (Mixed-R1's IoU reward): one reference box scores the IoU of the answer's last
 * box; several reference boxes score the mean over them of the best IoU with a distinct answer box.
 */
export function groundingScore(answerBoxes: readonly Box[], goldBoxes: readonly Box[]): number {
  if (answerBoxes.length === 0) return 0;
  if (goldBoxes.length === 1) return iou(answerBoxes[answerBoxes.length - 1] as Box, goldBoxes[0] as Box);
  const used = new Set<number>();
  let total = 0;
  for (const gold of goldBoxes) {
    let best = 0;
    let bestIndex = -1;
    answerBoxes.forEach((box, index) => {
      const overlap = used.has(index) ? 0 : iou(box, gold);
      if (overlap > best) [best, bestIndex] = [overlap, index];
    });
    if (bestIndex >= 0) used.add(bestIndex);
    total += best;
  }
  return total / goldBoxes.length;
}

export const iouNode = defineNode({
  type: "iou",
  summary:
    "Grounding: IoU of the completion's box(es) [x1, y1, x2, y2] with the reference box(es); or 1/0 against a threshold.",
  paper: "Mixed-R1 (#53)",
  fields: z.object({
    threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Score 1 when IoU ≥ threshold, else 0 (continuous IoU when absent)."),
    answer_only: z
      .boolean()
      .default(true)
      .describe("Read boxes from the `<answer>…</answer>` content when present."),
  }),
  example: "{ type: iou, threshold: 0.5 }",
  needsReference: true,
  create(spec) {
    return perSample((sample) => {
      const gold = referenceBoxes(sample.reference);
      let text = completionText(sample);
      const open = text.lastIndexOf("<answer>");
      if (spec.answer_only && open >= 0) {
        const close = text.indexOf("</answer>", open);
        text = text.slice(open + 8, close < 0 ? undefined : close);
      }
      const boxes = boxesIn(text);
      if (boxes.length === 0) return { score: 0, reason: "no box [x1, y1, x2, y2] found in the completion" };
      const overlap = groundingScore(boxes, gold);
      const score = spec.threshold === undefined ? overlap : overlap >= spec.threshold ? 1 : 0;
      return { score, reason: `IoU ${overlap.toFixed(4)} over ${gold.length} reference box(es)` };
    });
  },
});
