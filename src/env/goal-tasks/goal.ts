/** An object of a goal world: a colour and a shape (each pair at most once in a world). */
export interface WorldObject {
  readonly colour: string;
  readonly shape: string;
}

export const objectColours = ["red", "green", "blue", "yellow"] as const;
export const objectShapes = ["cube", "ball", "pyramid"] as const;

/**
 * One relation of XLand's goal language (Open-Ended Learning Team 2021), reduced to a grid:
 * `hold` o; `near-agent` (the agent within one cell of o, king's move); `near` (o within one cell of
 * `other`); each possibly negated.
 */
export type Predicate =
  | { readonly kind: "hold"; readonly object: number; readonly negated: boolean }
  | { readonly kind: "near-agent"; readonly object: number; readonly negated: boolean }
  | { readonly kind: "near"; readonly object: number; readonly other: number; readonly negated: boolean };

/** A goal in disjunctive normal form: satisfied when every predicate of some option holds. */
export type Goal = readonly (readonly Predicate[])[];

/** Where things are: the agent's cell, the held object (-1: none), every object's cell. */
export interface GoalWorldState {
  readonly agent: number;
  readonly held: number;
  readonly positions: Int32Array;
}

function chebyshev(a: number, b: number, width: number): number {
  return Math.max(
    Math.abs((a % width) - (b % width)),
    Math.abs(Math.floor(a / width) - Math.floor(b / width)),
  );
}

/** Whether one predicate holds in a state (a held object is at the agent's cell). */
export function predicateHolds(predicate: Predicate, state: GoalWorldState, width: number): boolean {
  let value: boolean;
  switch (predicate.kind) {
    case "hold":
      value = state.held === predicate.object;
      break;
    case "near-agent":
      value = chebyshev(state.agent, state.positions[predicate.object] as number, width) <= 1;
      break;
    case "near":
      value =
        chebyshev(
          state.positions[predicate.object] as number,
          state.positions[predicate.other] as number,
          width,
        ) <= 1;
      break;
    default:
      value = false;
  }
  return predicate.negated ? !value : value;
}

/** Whether some option of the goal has all its predicates holding. */
export function goalSatisfied(goal: Goal, state: GoalWorldState, width: number): boolean {
  return goal.some((option) => option.every((predicate) => predicateHolds(predicate, state, width)));
}

/** An object in words: "the red cube". */
export function objectName(object: WorldObject | undefined): string {
  return object ? `the ${object.colour} ${object.shape}` : "an unknown object";
}

/** A predicate in words ("hold the red cube", "keep the blue ball away from the green pyramid"). */
export function predicateText(predicate: Predicate, objects: readonly WorldObject[]): string {
  const name = objectName(objects[predicate.object]);
  switch (predicate.kind) {
    case "hold":
      return predicate.negated ? `do not hold ${name}` : `hold ${name}`;
    case "near-agent":
      return predicate.negated ? `stay away from ${name}` : `be near ${name}`;
    case "near": {
      const other = objectName(objects[predicate.other]);
      return predicate.negated ? `keep ${name} away from ${other}` : `put ${name} near ${other}`;
    }
    default:
      return "";
  }
}

/** The whole goal in words: options joined by "or", predicates by "and". */
export function goalText(goal: Goal, objects: readonly WorldObject[]): string {
  const options = goal.map((option) =>
    option.map((predicate) => predicateText(predicate, objects)).join(" and "),
  );
  return options.length === 1 ? (options[0] as string) : options.map((option) => `(${option})`).join(" or ");
}

/**
 * Whether an option can never hold: a predicate and its negation, two different objects held at once,
 * or holding an object while staying away from it.
 */
export function contradictory(option: readonly Predicate[]): boolean {
  const key = (predicate: Predicate) =>
    `${predicate.kind}:${predicate.object}:${predicate.kind === "near" ? predicate.other : -1}`;
  const polarity = new Map<string, boolean>();
  for (const predicate of option) {
    const seen = polarity.get(key(predicate));
    if (seen !== undefined && seen !== predicate.negated) return true;
    polarity.set(key(predicate), predicate.negated);
  }
  const held = new Set(option.filter((p) => p.kind === "hold" && !p.negated).map((p) => p.object));
  if (held.size > 1) return true;
  return option.some((p) => p.kind === "near-agent" && p.negated && held.has(p.object));
}
