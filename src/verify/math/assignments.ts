import type { MathNode } from "./ast.js";

/** `x = 2`: a plain variable's name and value, else undefined. */
function assigned(node: MathNode): { name: string; value: MathNode } | undefined {
  if (node.kind !== "relation" || node.operators.length < 1 || !node.operators.every((op) => op === "="))
    return undefined;
  const left = node.operands[0] as MathNode;
  if (left.kind !== "symbol") return undefined;
  return { name: left.name, value: node.operands[node.operands.length - 1] as MathNode };
}

/**
 * A solution written as assignments (`y = 3, x = 2`) as the tuple it names, its values in the
 * order of the variables' names (x before y, a before b, x_1 before x_2) — how an ordered pair or
 * triple lists them. Undefined unless every item assigns a different plain variable.
 */
export function assignmentsAsTuple(node: MathNode): MathNode | undefined {
  if (node.kind !== "list" || node.items.length < 2) return undefined;
  const pairs = node.items.map(assigned);
  if (pairs.some((pair) => pair === undefined)) return undefined;
  const named = pairs as { name: string; value: MathNode }[];
  if (new Set(named.map((pair) => pair.name)).size !== named.length) return undefined;
  named.sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
  return { kind: "tuple", items: named.map((pair) => pair.value), open: "(", close: ")" };
}
