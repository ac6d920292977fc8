import { assignmentsAsTuple } from "./assignments.js";
import type { MathNode } from "./ast.js";
import type { CompareOptions, Verdict } from "./compare.js";

type Compare = (gold: MathNode, predicted: MathNode, options: CompareOptions) => Verdict;

/** Beyond this many members, unordered matching (quadratic) is not attempted. */
const maxMembers = 64;

interface Members {
  items: MathNode[];
  ordered: boolean;
  brackets: string | undefined;
  what: string;
}

function membersOf(node: MathNode): Members {
  switch (node.kind) {
    case "tuple":
      return {
        items: node.items,
        ordered: true,
        brackets: node.open + node.close,
        what: node.items.length === 2 ? "interval or pair" : "tuple",
      };
    case "set":
      return { items: node.items, ordered: false, brackets: undefined, what: "set" };
    case "list":
      return { items: node.items, ordered: false, brackets: undefined, what: "list" };
    case "union":
      return { items: node.parts, ordered: false, brackets: undefined, what: "union" };
    default:
      return { items: [node], ordered: false, brackets: undefined, what: "single value" };
  }
}

function distinct(items: MathNode[], options: CompareOptions, compare: Compare): MathNode[] {
  const kept: MathNode[] = [];
  for (const item of items) if (!kept.some((other) => compare(other, item, options).equal)) kept.push(item);
  return kept;
}

/**
 * Tuples and intervals compare in order (with the same brackets: `[0, 1)` is not `(0, 1)`); sets and
 * bare lists in any order, with repeats ignored; a union member by member. The gold side decides:
 * a gold tuple wants the answer in order.
 */
export function compareCollections(
  goldInput: MathNode,
  predictedInput: MathNode,
  options: CompareOptions,
  compare: Compare,
): Verdict {
  // Assignments against a tuple (`y = 3, x = 2` for `(2, 3)`): the tuple they name.
  const gold = predictedInput.kind === "tuple" ? (assignmentsAsTuple(goldInput) ?? goldInput) : goldInput;
  const predicted =
    gold.kind === "tuple" ? (assignmentsAsTuple(predictedInput) ?? predictedInput) : predictedInput;
  // Intervals listed with "or" or commas (`(-∞, 2) or (3, ∞)`) against a union: the union they list.
  const asUnion = (node: MathNode, other: MathNode): MathNode =>
    other.kind === "union" &&
    node.kind === "list" &&
    node.items.every((item) => item.kind === "tuple" && item.items.length === 2)
      ? { kind: "union", parts: node.items }
      : node;
  if ((asUnion(gold, predicted).kind === "union") !== (asUnion(predicted, gold).kind === "union"))
    return { equal: false, how: "a union against a single set" };
  const goldMembers = membersOf(gold);
  const predictedMembers = membersOf(predicted);
  if (goldMembers.items.length > maxMembers || predictedMembers.items.length > maxMembers) {
    return { equal: false, how: `more than ${maxMembers} members` };
  }
  // A gold tuple wants its members in order, however the answer bracketed them (`{1, 3}` for `(1, 3)`).
  const ordered = goldMembers.ordered && predicted.kind !== "union" && predictedMembers.items.length > 1;
  if (ordered) {
    if (
      goldMembers.items.length === 2 &&
      predicted.kind === "tuple" &&
      goldMembers.brackets !== predictedMembers.brackets
    ) {
      return {
        equal: false,
        how: `interval ends differ (${predictedMembers.brackets} vs ${goldMembers.brackets})`,
      };
    }
    if (goldMembers.items.length !== predictedMembers.items.length) {
      return {
        equal: false,
        how: `${predictedMembers.items.length} members against ${goldMembers.items.length}`,
      };
    }
    for (let index = 0; index < goldMembers.items.length; index++) {
      const verdict = compare(
        goldMembers.items[index] as MathNode,
        predictedMembers.items[index] as MathNode,
        options,
      );
      if (!verdict.equal) return { equal: false, how: `member ${index + 1} differs: ${verdict.how}` };
    }
    return { equal: true, how: `equal ${goldMembers.what}, member by member in order` };
  }
  const goldItems = distinct(goldMembers.items, options, compare);
  const predictedItems = distinct(predictedMembers.items, options, compare);
  if (goldItems.length !== predictedItems.length) {
    return { equal: false, how: `${predictedItems.length} distinct members against ${goldItems.length}` };
  }
  const used = new Array<boolean>(predictedItems.length).fill(false);
  for (const goldItem of goldItems) {
    const match = predictedItems.findIndex(
      (item, index) => !used[index] && compare(goldItem, item, options).equal,
    );
    if (match < 0) return { equal: false, how: "a reference member has no equal in the answer" };
    used[match] = true;
  }
  return { equal: true, how: `the same ${goldItems.length} members in any order` };
}
