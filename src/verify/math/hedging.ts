import type { MathNode } from "./ast.js";
import { expandChoices } from "./choices.js";
import type { Verdict } from "./compare.js";
import { printMath } from "./print.js";

/** What to do with an answer that offers several different values for a single-valued reference. */
export type HedgingPolicy = "refuse" | "last" | "any";

type Same = (gold: MathNode, predicted: MathNode) => Verdict;

/** A reference that is several values, or a set of them (an inequality is one: `|x| > 3`). */
const isSetLike = (node: MathNode) =>
  node.kind === "tuple" ||
  node.kind === "set" ||
  node.kind === "list" ||
  node.kind === "union" ||
  node.kind === "matrix" ||
  (node.kind === "relation" && node.operators.some((operator) => operator !== "=" && operator !== "~="));

/** Beyond this many differently written members, values are not compared pairwise (quadratic). */
const maxCompared = 64;

/** The distinct members of a list or set answer (`1 or 2`, `\{1, 2\}`, `1 \pm \sqrt{2}`). */
function distinctMembers(node: MathNode, same: Same): MathNode[] | undefined {
  const expanded = expandChoices(node);
  if (expanded.kind !== "list" && expanded.kind !== "set") return undefined;
  const printed = new Map<string, MathNode>();
  for (const item of expanded.items) if (!printed.has(printMath(item))) printed.set(printMath(item), item);
  const items = [...printed.values()];
  if (items.length > maxCompared) return items;
  const kept: MathNode[] = [];
  for (const item of items) if (!kept.some((other) => same(other, item).equal)) kept.push(item);
  return kept;
}

/**
 * A hedge: the reference is one value and the answer offers several different ones ("2 or 3",
 * `\boxed{1}, \boxed{2}`, a list of candidates, `1 \pm 2`). A grader marks a hedge wrong, since
 * whichever value is right was not committed to; `last` grades the last value offered, `any`
 * accepts when one of them is right. Returns undefined when the answer is not a hedge.
 */
export function judgeHedge(input: {
  gold: MathNode;
  predicted: MathNode;
  policy: HedgingPolicy;
  same: Same;
}): Verdict | undefined {
  const { gold, predicted, policy, same } = input;
  if (isSetLike(expandChoices(gold))) return undefined;
  const members = distinctMembers(predicted, same);
  if (!members || members.length < 2) return undefined;
  const shown = members.slice(0, 8).map(printMath).join(", ");
  const listed = members.length > 8 ? `${shown}, …` : shown;
  if (policy === "refuse") {
    return {
      equal: false,
      how: `the answer offers ${members.length} different values (${listed}) for a single-valued reference: a hedge is not an answer (hedging: last or any grades it)`,
    };
  }
  if (policy === "last") {
    const verdict = same(gold, members[members.length - 1] as MathNode);
    return { ...verdict, how: `hedged between ${listed}; graded the last: ${verdict.how}` };
  }
  const match = members.find((member) => same(gold, member).equal);
  return match
    ? {
        equal: true,
        how: `hedged between ${listed}; one of them (${printMath(match)}) is right (hedging: any)`,
      }
    : { equal: false, how: `hedged between ${listed}; none is right` };
}
