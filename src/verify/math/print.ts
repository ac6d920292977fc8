import type { MathNode } from "./ast.js";

const constantText = { pi: "π", e: "e", infinity: "∞" } as const;

function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return String(Number(value.toPrecision(12)));
}

function wrap(node: MathNode): string {
  const text = printMath(node);
  const atomic =
    node.kind === "number" ||
    node.kind === "symbol" ||
    node.kind === "constant" ||
    node.kind === "call" ||
    node.kind === "apply" ||
    node.kind === "tuple" ||
    node.kind === "set" ||
    node.kind === "text";
  return atomic && !(node.kind === "number" && node.value < 0) ? text : `(${text})`;
}

/** A compact, unambiguous rendering of parsed math, for reasons and for keys. */
export function printMath(node: MathNode): string {
  switch (node.kind) {
    case "number":
      // As written when a float would round it (beyond 2^53, 1e999999): equal prints mean equal values.
      return node.text !== undefined &&
        !Number.isSafeInteger(node.value) &&
        !/^\d*\.\d{1,12}$/.test(node.text)
        ? node.text
        : formatNumber(node.value);
    case "symbol":
      return node.name;
    case "constant":
      return constantText[node.name];
    case "text":
      return `"${node.text}"`;
    case "add":
      return node.terms
        .map((term, index) =>
          index > 0 && term.kind === "negate"
            ? `- ${wrap(term.operand)}`
            : index > 0
              ? `+ ${printMath(term)}`
              : printMath(term),
        )
        .join(" ");
    case "negate":
      return `-${wrap(node.operand)}`;
    case "multiply":
      return node.factors.map(wrap).join("·");
    case "divide":
      return `${wrap(node.numerator)}/${wrap(node.denominator)}`;
    case "power":
      return `${wrap(node.base)}^${wrap(node.exponent)}`;
    case "plus_minus":
      return `${node.left ? `${printMath(node.left)} ` : ""}${node.minusFirst ? "∓" : "±"} ${wrap(node.right)}`;
    case "call":
    case "apply":
      return `${node.name}(${node.args.map(printMath).join(", ")})`;
    case "percent":
      return `${wrap(node.operand)}%`;
    case "tuple":
      return `${node.open}${node.items.map(printMath).join(", ")}${node.close}`;
    case "set":
      return `{${node.items.map(printMath).join(", ")}}`;
    case "list":
      return node.items.map(printMath).join(", ");
    case "matrix":
      return `[${node.rows.map((row) => row.map(printMath).join(", ")).join("; ")}]`;
    case "relation":
      return node.operands
        .map((operand, index) =>
          index === 0 ? printMath(operand) : `${node.operators[index - 1]} ${printMath(operand)}`,
        )
        .join(" ");
    case "union":
      return node.parts.map(printMath).join(" ∪ ");
  }
}
