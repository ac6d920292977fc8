import { gaussianFrom, RewardkitError } from "../../core/index.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";
import { streamOf } from "../seeds.js";
import { coordinate, svgFrame } from "../svg.js";
import {
  type PointMassPhysics,
  type PointMassState,
  pointMassActions,
  pointMassStep,
} from "./point-mass-dynamics.js";

export type PointMassReward = "negative-distance" | "in-goal" | "sparse";

export interface PointMassSettings {
  physics: PointMassPhysics;
  start: readonly [number, number];
  /** Each start coordinate is jittered by U(−startNoise, startNoise). */
  startNoise: number;
  goal: readonly [number, number];
  goalRadius: number;
  /** Standard deviation of Gaussian noise added to the velocity each step. */
  velocityNoise: number;
  reward: PointMassReward;
  maxEpisodeSteps: number;
}

/**
 * A point mass on the unit square pushed by five discrete thrusts (coast, west, east, south, north):
 * a small continuous-state control task with discrete actions for the lab's imitation and
 * model-based experiments. Dynamics in `pointMassStep` (damped velocity, walls stop the mass), plus
 * optional velocity noise. Reward `negative-distance`: −‖p′ − goal‖ each step; `in-goal`: 1 for each
 * step ending inside the goal disc; `sparse`: 1 on entering it, which ends the episode. Features:
 * x, y, vx/maxSpeed, vy/maxSpeed. Info: `distance`, `in_goal`.
 */
export class PointMass implements Environment<PointMassState, number> {
  readonly id = "point-mass";
  readonly actionSpace: Space = { kind: "discrete", n: 5, labels: pointMassActions };
  readonly observationSpace: Space = { kind: "box", size: 4 };
  readonly maxEpisodeSteps: number;
  readonly settings: PointMassSettings;
  private random: () => number;
  private gaussian: () => number;
  private current: PointMassState = { x: 0, y: 0, vx: 0, vy: 0 };
  private steps = 0;
  private ended = true;

  constructor(settings: PointMassSettings) {
    this.settings = settings;
    this.maxEpisodeSteps = settings.maxEpisodeSteps;
    this.random = streamOf(0, 1);
    this.gaussian = gaussianFrom(this.random);
  }

  /** The state now (a copy). */
  get state(): PointMassState {
    return { ...this.current };
  }

  reset(options: { seed?: number } = {}): Reset<PointMassState> {
    if (options.seed !== undefined) {
      this.random = streamOf(options.seed, 1);
      this.gaussian = gaussianFrom(this.random);
    }
    const jitter = () => (2 * this.random() - 1) * this.settings.startNoise;
    const clampUnit = (value: number) => Math.max(0, Math.min(1, value));
    this.current = {
      x: clampUnit(this.settings.start[0] + jitter()),
      y: clampUnit(this.settings.start[1] + jitter()),
      vx: 0,
      vy: 0,
    };
    this.steps = 0;
    this.ended = false;
    return { observation: this.state, info: { distance: this.distance(this.current) } };
  }

  step(action: number): Transition<PointMassState> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    if (!Number.isInteger(action) || action < 0 || action > 4)
      throw new RewardkitError("INPUT_INVALID", `${this.id}: expected an action 0..4, received ${action}`);
    const sigma = this.settings.velocityNoise;
    const noise: [number, number] = sigma > 0 ? [sigma * this.gaussian(), sigma * this.gaussian()] : [0, 0];
    this.current = pointMassStep(this.current, action, this.settings.physics, noise);
    this.steps++;
    const distance = this.distance(this.current);
    const inGoal = distance <= this.settings.goalRadius;
    const reward = pointMassReward(this.settings.reward, distance, inGoal);
    const terminated = this.settings.reward === "sparse" && inGoal;
    const truncated = !terminated && this.steps >= this.settings.maxEpisodeSteps;
    this.ended = terminated || truncated;
    return { observation: this.state, reward, terminated, truncated, info: { distance, in_goal: inGoal } };
  }

  observationKey(observation: PointMassState): string {
    return [observation.x, observation.y, observation.vx, observation.vy].map((v) => v.toFixed(6)).join(",");
  }

  observationFeatures(observation: PointMassState): Float64Array {
    const speed = this.settings.physics.maxSpeed;
    return Float64Array.of(observation.x, observation.y, observation.vx / speed, observation.vy / speed);
  }

  observationText(observation: PointMassState): string {
    const [gx, gy] = this.settings.goal;
    return `Point mass at (${observation.x.toFixed(2)}, ${observation.y.toFixed(2)}) moving (${observation.vx.toFixed(3)}, ${observation.vy.toFixed(3)}); goal at (${gx}, ${gy}). Thrust: coast, west, east, south or north.`;
  }

  renderText(): string {
    const size = 20;
    const cell = (value: number) => Math.min(size - 1, Math.floor(value * size));
    const rows = Array.from({ length: size }, () => Array.from({ length: size }, () => "."));
    const [gx, gy] = this.settings.goal;
    (rows[size - 1 - cell(gy)] as string[])[cell(gx)] = "G";
    (rows[size - 1 - cell(this.current.y)] as string[])[cell(this.current.x)] = "A";
    return rows.map((row) => row.join("")).join("\n");
  }

  renderSvg(): string {
    const size = 200;
    const [gx, gy] = this.settings.goal;
    const { x, y, vx, vy } = this.current;
    const at = (value: number) => coordinate(value * size);
    const flip = (value: number) => coordinate((1 - value) * size);
    const body = [
      `<rect x="0" y="0" width="${size}" height="${size}" fill="#f8f9fa" stroke="#495057"/>`,
      `<circle cx="${at(gx)}" cy="${flip(gy)}" r="${at(this.settings.goalRadius)}" fill="#3bb273" fill-opacity="0.4"/>`,
      `<circle cx="${at(x)}" cy="${flip(y)}" r="5" fill="#4c6ef5"/>`,
      `<line x1="${at(x)}" y1="${flip(y)}" x2="${at(x + 3 * vx)}" y2="${flip(y + 3 * vy)}" stroke="#d7263d" stroke-width="2"/>`,
    ].join("");
    return svgFrame({ width: size, height: size, title: `${this.id}: mass (blue), goal (green)`, body });
  }

  private distance(state: PointMassState): number {
    return Math.hypot(state.x - this.settings.goal[0], state.y - this.settings.goal[1]);
  }
}

/** The reward of a step that ends `distance` from the goal. */
export function pointMassReward(kind: PointMassReward, distance: number, inGoal: boolean): number {
  if (kind === "negative-distance") return -distance;
  return inGoal ? 1 : 0;
}
