import type { Environment, GoalObservation, GoalWorld, Predicate } from "../../env/index.js";
import { Cell } from "../../env/index.js";

function clip(value: number): number {
  return Math.max(-2, Math.min(2, value));
}

/** The offset from one cell to another, each axis clipped to −2..2 (2 means "2 or more"). */
function offset(from: number, to: number, width: number): string {
  const dx = clip((to % width) - (from % width));
  const dy = clip(Math.floor(to / width) - Math.floor(from / width));
  return `${dx},${dy}`;
}

function predicateKey(predicate: Predicate, observation: GoalObservation, width: number): string {
  const { agent, held, positions } = observation;
  const holding = held === predicate.object ? "h" : held >= 0 ? "o" : "-";
  const toObject = offset(agent, positions[predicate.object] as number, width);
  const toOther = predicate.kind === "near" ? offset(agent, positions[predicate.other] as number, width) : "";
  return `${predicate.kind[0]}${predicate.negated ? "!" : ""}${holding}${toObject}${toOther}`;
}

/**
 * A goal-conditioned key for a tabular learner (reconstructed at grid scale: XLand's agent conditions a
 * network on the goal; a table needs a key that is shared across tasks): for every predicate of the
 * goal, its kind and negation, whether the agent holds its object, and the clipped offsets from the
 * agent to the objects it names; plus the four neighbouring walls. Task identity is left out, so what
 * is learned on one task carries to every task with the same goal structure.
 */
export function goalConditionedKey(observation: GoalObservation): string {
  const { layout, goal } = observation.task;
  const width = layout.width;
  const walls = [0, 1, 2, 3]
    .map((action) =>
      layout.cells[layout.moves[observation.agent * 4 + action] as number] === Cell.wall ? 1 : 0,
    )
    .join("");
  const options = goal.map((option) =>
    option.map((predicate) => predicateKey(predicate, observation, width)).join("&"),
  );
  return `${walls}|${options.join("|")}`;
}

/** The goal world seen through {@link goalConditionedKey} (every other method delegates to the world). */
export function goalConditionedView(world: GoalWorld): Environment<GoalObservation, number> {
  return {
    id: world.id,
    actionSpace: world.actionSpace,
    observationSpace: world.observationSpace,
    maxEpisodeSteps: world.maxEpisodeSteps,
    reset: (options) => world.reset(options),
    step: (action) => world.step(action),
    observationKey: goalConditionedKey,
    observationFeatures: (observation) => world.observationFeatures(observation),
    observationText: (observation) => world.observationText(observation),
    renderText: () => world.renderText(),
    renderSvg: () => world.renderSvg(),
  };
}
