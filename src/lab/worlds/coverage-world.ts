import { MarginalGains } from "../../compose/index.js";
import {
  Cell,
  type Environment,
  GridEvent,
  type GridLayout,
  type GridObservation,
  type GridOutcome,
  gridStep,
  gridSvg,
  gridText,
  type Reset,
  type Space,
  type Transition,
} from "../../env/index.js";

/** What a coverage agent sees: its place in the room, the time, and (for history-aware policies) what it has covered. */
export interface CoverageObservation {
  grid: GridObservation;
  time: number;
  /** 1 for each cell covered so far this episode (a copy per observation). */
  covered: Uint8Array;
}

/**
 * The coverage task of Prajapat et al.'s SubPO experiments at grid scale (reconstructed): walk a
 * room for `horizon` steps; each visited cell covers itself and its four neighbours. The episode's
 * value is F(τ) = the number of distinct floor cells covered — monotone submodular, non-additive,
 * history-dependent. `reward: marginal` pays each step's marginal gain ΔF (compose's MarginalGains),
 * so the gains sum to F(τ) − F({s₀}); `reward: per_step` pays the cells the step's footprint covers
 * whether or not they were covered before (the additive, Markovian stand-in). `observe: history`
 * adds the covered map to the features (SubPO's history-aware policy); `observe: markov` shows only
 * the cell and the time.
 */
export class CoverageWorld implements Environment<CoverageObservation, number> {
  readonly id = "coverage";
  readonly actionSpace: Space = { kind: "discrete", n: 4, labels: ["up", "right", "down", "left"] };
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  readonly footprints: readonly (readonly string[])[];
  readonly floorCells: number;
  private readonly gains: MarginalGains;
  private covered: Uint8Array;
  private time = 0;
  private current: GridObservation;
  private readonly outcome: GridOutcome = { cell: 0, flags: 0, event: GridEvent.moved };

  constructor(
    private readonly world: GridLayout,
    private readonly options: {
      horizon: number;
      reward: "marginal" | "per_step";
      observe: "history" | "markov";
    },
  ) {
    const layout = world;
    this.maxEpisodeSteps = options.horizon;
    this.footprints = footprintsOf(layout);
    this.floorCells = this.footprints.filter((items) => items.length > 0).length;
    const cells = layout.width * layout.height;
    this.observationSpace = { kind: "box", size: cells * (options.observe === "history" ? 2 : 1) + 1 };
    this.gains = new MarginalGains({ function: "coverage" });
    this.covered = new Uint8Array(cells);
    this.current = { layout: world, cell: world.start, flags: 0 };
  }

  get layout(): GridLayout {
    return this.world;
  }

  /** F of the episode so far: distinct cells covered. */
  get coverage(): number {
    return this.gains.value;
  }

  /** The room has no randomness: every episode starts at the layout's start (the seed is not needed). */
  reset(_options: { seed?: number } = {}): Reset<CoverageObservation> {
    this.current = { layout: this.world, cell: this.world.start, flags: 0 };
    this.gains.reset();
    this.covered = new Uint8Array(this.covered.length);
    this.time = 0;
    this.cover(this.current.cell);
    return { observation: this.observe(), info: {} };
  }

  step(action: number): Transition<CoverageObservation> {
    // The room's dynamics (walls block); the layout's goal cell is an ordinary cell here.
    gridStep(this.world, this.current, action, this.outcome);
    this.current = { layout: this.world, cell: this.outcome.cell, flags: 0 };
    this.time++;
    const footprint = this.footprints[this.current.cell] as readonly string[];
    const gain = this.cover(this.current.cell);
    const reward = this.options.reward === "marginal" ? gain : footprint.length;
    return {
      observation: this.observe(),
      reward,
      terminated: false,
      truncated: this.time >= this.options.horizon,
      info: { marginal_gain: gain, coverage: this.gains.value },
    };
  }

  observationKey(observation: CoverageObservation): string {
    const base = `${observation.grid.cell}|${observation.time}`;
    return this.options.observe === "history" ? `${base}|${observation.covered.join("")}` : base;
  }

  observationFeatures(observation: CoverageObservation): Float64Array {
    const cells = this.covered.length;
    const features = new Float64Array(this.observationSpace.kind === "box" ? this.observationSpace.size : 0);
    features[observation.grid.cell] = 1;
    if (this.options.observe === "history") {
      for (let cell = 0; cell < cells; cell++) features[cells + cell] = observation.covered[cell] as number;
    }
    features[features.length - 1] = observation.time / this.options.horizon;
    return features;
  }

  observationText(observation: CoverageObservation): string {
    return `${gridText(this.world, observation.grid)}\nstep ${observation.time}, covered ${observation.covered.reduce((sum, value) => sum + value, 0)}`;
  }

  renderText(): string {
    return gridText(this.world, this.current);
  }

  renderSvg(): string {
    return gridSvg(this.world, this.current);
  }

  private cover(cell: number): number {
    const footprint = this.footprints[cell] as readonly string[];
    for (const item of footprint) this.covered[Number(item)] = 1;
    return this.gains.add(footprint);
  }

  private observe(): CoverageObservation {
    return { grid: this.current, time: this.time, covered: Uint8Array.from(this.covered) };
  }
}

/** The floor cells each cell covers: itself and its four neighbours. */
function footprintsOf(layout: GridLayout): string[][] {
  const out: string[][] = [];
  for (let cell = 0; cell < layout.cells.length; cell++) {
    if (layout.cells[cell] === Cell.wall) {
      out.push([]);
      continue;
    }
    const items = new Set<string>([String(cell)]);
    for (let action = 0; action < 4; action++) {
      const next = layout.moves[cell * 4 + action] as number;
      if (layout.cells[next] !== Cell.wall) items.add(String(next));
    }
    out.push([...items]);
  }
  return out;
}
