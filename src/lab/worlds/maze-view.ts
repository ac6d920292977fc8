import {
  Cell,
  type Environment,
  type GridObservation,
  type GridWorld,
  type Reset,
  type Space,
  type Transition,
} from "../../env/index.js";

/** What the exploring agent sees: the grid observation and its own view key, fixed when observed. */
export interface MazeViewObservation {
  readonly grid: GridObservation;
  readonly view: string;
}

/**
 * A gridworld seen through a small view with episodic memory, for tabular agents (reconstructed:
 * E3B's agents are recurrent networks; the memory here is what an LSTM would carry). For each of the
 * four neighbours a code — wall, goal, floor visited this episode, floor not yet visited — and, with
 * `position`, the agent's cell. `position` suits one world (a singleton MDP: where one is matters);
 * without it the view is the same in every world, so what is learnt in one maze transfers to the
 * next (a contextual MDP).
 */
export class MazeView implements Environment<MazeViewObservation, number> {
  readonly id: string;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  readonly inner: GridWorld;
  readonly #position: boolean;
  #visited = new Set<number>();

  constructor(inner: GridWorld, options: { position: boolean }) {
    this.inner = inner;
    this.id = `${inner.id}/view`;
    this.actionSpace = inner.actionSpace;
    this.observationSpace = inner.observationSpace;
    this.maxEpisodeSteps = inner.maxEpisodeSteps;
    this.#position = options.position;
  }

  reset(options?: { seed?: number }): Reset<MazeViewObservation> {
    const reset = this.inner.reset(options);
    this.#visited = new Set([reset.observation.cell]);
    return { observation: this.#observe(reset.observation), info: reset.info };
  }

  step(action: number): Transition<MazeViewObservation> {
    const transition = this.inner.step(action);
    this.#visited.add(transition.observation.cell);
    return { ...transition, observation: this.#observe(transition.observation) };
  }

  observationKey(observation: MazeViewObservation): string {
    return observation.view;
  }

  observationFeatures(observation: MazeViewObservation): Float64Array {
    return this.inner.observationFeatures(observation.grid);
  }

  observationText(observation: MazeViewObservation): string {
    return this.inner.observationText(observation.grid);
  }

  renderText(): string {
    return this.inner.renderText();
  }

  renderSvg(): string {
    return this.inner.renderSvg();
  }

  #observe(grid: GridObservation): MazeViewObservation {
    const { layout, cell } = grid;
    let codes = "";
    for (let action = 0; action < 4; action++) {
      const next = layout.moves[cell * 4 + action] as number;
      const type = layout.cells[next] as number;
      codes +=
        type === Cell.wall || next === cell
          ? "#"
          : next === layout.goal
            ? "G"
            : this.#visited.has(next)
              ? "v"
              : ".";
    }
    return { grid, view: this.#position ? `${cell}|${codes}` : codes };
  }
}
