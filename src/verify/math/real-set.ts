import type { MathNode, RelationOperator } from "./ast.js";
import { evaluate, NotNumericError } from "./evaluate.js";
import { freeNames } from "./numeric.js";

/** A set of real numbers, by membership, with the finite points where membership may change. */
export interface RealSet {
  contains: (x: number) => boolean;
  /** Known boundary points (interval ends, set members); relations' boundaries are found by search. */
  points: number[];
  /**
   * Membership without the tolerance `contains` allows at a boundary (for relations), so a search
   * for boundaries finds the boundary itself rather than the edge of the tolerance band.
   */
  strict?: (x: number) => boolean;
}

const closeEnough = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function constantValue(node: MathNode): number | undefined {
  if (freeNames(node).size > 0) return undefined;
  try {
    const value = evaluate(node, () => Number.NaN);
    return typeof value === "number" && !Number.isNaN(value) ? value : undefined;
  } catch (error) {
    if (error instanceof NotNumericError) return undefined;
    throw error;
  }
}

function holds(operator: RelationOperator, left: number, right: number, tolerant: boolean): boolean {
  const equal = tolerant ? closeEnough(left, right) : left === right;
  switch (operator) {
    case "=":
    case "~=":
      return equal;
    case "!=":
      return !equal;
    case "<":
      return left < right && !equal;
    case "<=":
      return left < right || equal;
    case ">":
      return left > right && !equal;
    case ">=":
      return left > right || equal;
    case "in":
      return false;
  }
}

function interval(node: MathNode & { kind: "tuple" }): RealSet | undefined {
  if (node.items.length !== 2) return undefined;
  const low = constantValue(node.items[0] as MathNode);
  const high = constantValue(node.items[1] as MathNode);
  if (low === undefined || high === undefined || low > high) return undefined;
  const closedLow = node.open === "[";
  const closedHigh = node.close === "]";
  return {
    contains: (x) =>
      (closeEnough(x, low) ? closedLow : x > low) && (closeEnough(x, high) ? closedHigh : x < high),
    points: [low, high].filter(Number.isFinite),
    strict: (x) => (closedLow ? x >= low : x > low) && (closedHigh ? x <= high : x < high),
  };
}

/** A relation in one variable (`|x - 1| < 3`, `x^2 ≥ 4`, `-2 ≤ x < 7`), as its solution set. */
function relationSet(node: MathNode & { kind: "relation" }, variable: string): RealSet | undefined {
  if (node.operators.some((operator) => operator === "in")) {
    return node.operators.length === 1 ? realSet(node.operands[1] as MathNode, variable) : undefined;
  }
  const member = (x: number, tolerant: boolean) => {
    const environment = (name: string) => (name === variable ? x : Number.NaN);
    const values = node.operands.map((operand) => evaluate(operand, environment));
    if (values.some((value) => typeof value !== "number" || Number.isNaN(value))) return false;
    return node.operators.every((operator, index) =>
      holds(operator, values[index] as number, values[index + 1] as number, tolerant),
    );
  };
  const contains = (x: number) => member(x, true);
  try {
    contains(0.5);
  } catch (error) {
    if (error instanceof NotNumericError) return undefined;
    throw error;
  }
  // Constant sides are likely boundaries (`x ≠ 3` differs from ℝ only at 3, which no grid holds).
  const points = node.operands
    .map(constantValue)
    .filter((value): value is number => value !== undefined && Number.isFinite(value));
  return { contains, points, strict: (x) => member(x, false) };
}

/**
 * The set of reals a node describes, in the variable `variable`: an interval, a union, a finite
 * set, the empty set, a relation or a list of relations (pieces that overlap read as "and",
 * disjoint pieces as "or": `x ≥ 1, x ≤ 5` is [1, 5], `x < -2, x > 3` two rays). Undefined for
 * anything else.
 */
export function realSet(node: MathNode, variable: string): RealSet | undefined {
  switch (node.kind) {
    case "tuple":
      return interval(node);
    case "union": {
      if (node.parts.length > maxPieces) return undefined;
      const parts = node.parts.map((part) => realSet(part, variable));
      if (parts.some((part) => part === undefined)) return undefined;
      const sets = parts as RealSet[];
      return {
        contains: (x) => sets.some((set) => set.contains(x)),
        points: sets.flatMap((set) => set.points),
        strict: (x) => sets.some((set) => (set.strict ?? set.contains)(x)),
      };
    }
    case "set": {
      const members = node.items.map(constantValue);
      if (members.some((member) => member === undefined)) return undefined;
      const values = members as number[];
      return {
        contains: (x) => values.some((value) => closeEnough(x, value)),
        points: values,
        strict: (x) => values.includes(x),
      };
    }
    case "relation":
      return relationSet(node, variable);
    case "list":
      return listSet(node.items, variable);
    default:
      return undefined;
  }
}

/** More pieces than this are not read as one set (each piece multiplies the search's cost). */
const maxPieces = 16;

function listSet(items: MathNode[], variable: string): RealSet | undefined {
  if (items.length > maxPieces || !items.every((item) => item.kind === "relation")) return undefined;
  const pieces = items.map((item) => realSet(item, variable));
  if (pieces.some((piece) => piece === undefined)) return undefined;
  const sets = pieces as RealSet[];
  const points = sets.flatMap((set) => set.points);
  const overlap = searchGrid.some((x) => sets.filter((set) => set.contains(x)).length > 1);
  const strict = (set: RealSet) => set.strict ?? set.contains;
  return overlap
    ? {
        contains: (x) => sets.every((set) => set.contains(x)),
        points,
        strict: (x) => sets.every((set) => strict(set)(x)),
      }
    : {
        contains: (x) => sets.some((set) => set.contains(x)),
        points,
        strict: (x) => sets.some((set) => strict(set)(x)),
      };
}

/** Points where boundaries are searched: 0, ±(1e-3 … 1e6) on a log scale, and ±30 by halves (offset). */
function buildGrid(): number[] {
  const points = new Set<number>([0]);
  for (let step = -60; step <= 120; step++) {
    const value = 10 ** (step / 20);
    points.add(value);
    points.add(-value);
  }
  for (let half = -60; half <= 60; half++) points.add(half / 2 + 0.0137);
  return [...points].sort((a, b) => a - b);
}

/** The search grid, built once (a constant). */
export const searchGrid: readonly number[] = buildGrid();
