import { RewardkitError } from "../../core/index.js";
import { distancesTo } from "../gridworld/distances.js";
import { Cell, createLayout, type GridLayout, walledRoom } from "../gridworld/layout.js";
import { randomInteger, shuffleInPlace } from "../seeds.js";
import {
  contradictory,
  type Goal,
  goalSatisfied,
  objectColours,
  objectShapes,
  type Predicate,
  type WorldObject,
} from "./goal.js";

/** One task of the family: a small walled world, its objects, where everything starts, and a goal. */
export interface GoalTask {
  /** `"goal-tasks/<seed>"`: equal ids, equal tasks. */
  readonly id: string;
  /** The world's walls and moves (a gridworld layout; its start is the agent's). */
  readonly layout: GridLayout;
  readonly objects: readonly WorldObject[];
  readonly objectStarts: Int32Array;
  readonly goal: Goal;
}

export interface GoalTaskShape {
  /** Inside width and height. */
  size: number;
  objects: number;
  /** Inner wall cells (the world stays connected). */
  walls: number;
  /** At most this many options (or) and predicates per option (and). */
  maxOptions: number;
  maxPredicates: number;
  /** Probability that a drawn predicate is negated. */
  negation: number;
}

function drawPredicate(random: () => number, shape: GoalTaskShape): Predicate {
  const object = randomInteger(random, shape.objects);
  const negated = random() < shape.negation;
  const kind = randomInteger(random, shape.objects > 1 ? 3 : 2);
  if (kind === 0) return { kind: "hold", object, negated };
  if (kind === 1) return { kind: "near-agent", object, negated };
  let other = randomInteger(random, shape.objects - 1);
  if (other >= object) other++;
  return { kind: "near", object, other, negated };
}

function drawWorld(random: () => number, shape: GoalTaskShape, id: string): GridLayout {
  const width = shape.size + 2;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const cells = walledRoom(width, width);
    const inside: number[] = [];
    for (let y = 1; y <= shape.size; y++) for (let x = 1; x <= shape.size; x++) inside.push(y * width + x);
    shuffleInPlace(inside, random);
    for (const cell of inside.slice(0, shape.walls)) cells[cell] = Cell.wall;
    const floor = inside.slice(shape.walls);
    const start = floor[0] as number;
    const layout = createLayout({ id, width, height: width, cells, start, goal: start });
    const reach = distancesTo(layout, start);
    if (floor.every((cell) => (reach[cell] as number) >= 0)) return layout;
  }
  throw new RewardkitError(
    "SPEC_INVALID",
    `no connected world with ${shape.walls} walls in 1000 draws: use fewer walls`,
    {
      path: "environments.goal-tasks.walls",
    },
  );
}

/**
 * Draws a task (reconstructed from XLand's task space, scaled down to a grid): a world with
 * `walls` inner walls, `objects` distinct coloured shapes at distinct cells, the agent elsewhere, and
 * a goal of up to `maxOptions` options of up to `maxPredicates` predicates. Options that contradict
 * themselves are redrawn, and so are goals already satisfied at the start (every task asks for
 * action); solvability beyond that is not checked.
 */
export function generateGoalTask(random: () => number, shape: GoalTaskShape, id: string): GoalTask {
  const layout = drawWorld(random, shape, id);
  const kinds = objectColours.flatMap((colour) => objectShapes.map((form) => ({ colour, shape: form })));
  const objects = shuffleInPlace(kinds, random).slice(0, shape.objects);
  const floor: number[] = [];
  for (let cell = 0; cell < layout.cells.length; cell++)
    if (layout.cells[cell] === Cell.floor) floor.push(cell);
  const others = shuffleInPlace(
    floor.filter((cell) => cell !== layout.start),
    random,
  );
  const objectStarts = Int32Array.from(others.slice(0, shape.objects));
  const start = { agent: layout.start, held: -1, positions: objectStarts };
  let goal: Goal = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    const options: Predicate[][] = [];
    const optionCount = 1 + randomInteger(random, shape.maxOptions);
    while (options.length < optionCount) {
      const option = Array.from({ length: 1 + randomInteger(random, shape.maxPredicates) }, () =>
        drawPredicate(random, shape),
      );
      if (!contradictory(option)) options.push(option);
    }
    goal = options;
    if (!goalSatisfied(goal, start, layout.width)) break;
  }
  return { id, layout, objects, objectStarts, goal };
}
