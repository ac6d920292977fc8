import { RewardkitError } from "../../core/index.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";
import { svgFrame } from "../svg.js";
import { type HypergridShape, hypergridIndex, hypergridReward } from "./hypergrid-reward.js";

/** A point of the hypergrid under construction. */
export interface HypergridObservation {
  readonly coordinates: Int32Array;
}

/**
 * The GFlowNet hypergrid (Bengio et al. 2021): start at the origin of a D-dimensional grid of side H;
 * action d < D increments coordinate d, action D stops and ends the episode with reward R(x)
 * (`hypergridReward`), info `log_reward` and `state_index`. Incrementing past the edge is not allowed:
 * `actionMask` says which actions are, and a masked action is an INPUT_INVALID error.
 */
export class Hypergrid implements Environment<HypergridObservation, number> {
  readonly id = "hypergrid";
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  readonly shape: HypergridShape;
  private coordinates: Int32Array;
  private ended = true;

  constructor(shape: HypergridShape) {
    this.shape = shape;
    this.actionSpace = {
      kind: "discrete",
      n: shape.dimension + 1,
      labels: [...Array.from({ length: shape.dimension }, (_, axis) => `increment ${axis}`), "stop"],
    };
    this.observationSpace = { kind: "box", size: shape.dimension * shape.side, low: 0, high: 1 };
    this.maxEpisodeSteps = shape.dimension * (shape.side - 1) + 1;
    this.coordinates = new Int32Array(shape.dimension);
  }

  reset(_options: { seed?: number } = {}): Reset<HypergridObservation> {
    this.coordinates = new Int32Array(this.shape.dimension);
    this.ended = false;
    return { observation: { coordinates: this.coordinates }, info: {} };
  }

  step(action: number): Transition<HypergridObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    const { dimension, side } = this.shape;
    if (!Number.isInteger(action) || action < 0 || action > dimension) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: expected an action 0..${dimension}, received ${action}`,
      );
    }
    if (action === dimension) {
      this.ended = true;
      const reward = hypergridReward(this.coordinates, this.shape);
      return {
        observation: { coordinates: this.coordinates },
        reward,
        terminated: true,
        truncated: false,
        info: { log_reward: Math.log(reward), state_index: hypergridIndex(this.coordinates, side) },
      };
    }
    if ((this.coordinates[action] as number) >= side - 1) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: coordinate ${action} is at the edge (${side - 1}); see actionMask`,
      );
    }
    const next = this.coordinates.slice();
    next[action] = (next[action] as number) + 1;
    this.coordinates = next;
    return { observation: { coordinates: next }, reward: 0, terminated: false, truncated: false, info: {} };
  }

  /** Every increment short of the edge, and stop. */
  actionMask(observation: HypergridObservation): Uint8Array {
    const mask = new Uint8Array(this.shape.dimension + 1);
    for (let axis = 0; axis < this.shape.dimension; axis++) {
      mask[axis] = (observation.coordinates[axis] as number) < this.shape.side - 1 ? 1 : 0;
    }
    mask[this.shape.dimension] = 1;
    return mask;
  }

  observationKey(observation: HypergridObservation): string {
    return observation.coordinates.join(",");
  }

  /** K-hot: one block of H per coordinate (torchgfn's KHotPreprocessor). */
  observationFeatures(observation: HypergridObservation): Float64Array {
    const features = new Float64Array(this.shape.dimension * this.shape.side);
    observation.coordinates.forEach((value, axis) => {
      features[axis * this.shape.side + value] = 1;
    });
    return features;
  }

  observationText(observation: HypergridObservation): string {
    return `At (${observation.coordinates.join(", ")}) on a ${this.shape.side}^${this.shape.dimension} grid: increment a coordinate or stop.`;
  }

  /** For two dimensions, the grid with reward levels (`.` floor, `+` plateau, `#` ring, `A` here). */
  renderText(): string {
    const { dimension, side } = this.shape;
    if (dimension !== 2) return this.observationText({ coordinates: this.coordinates });
    const lines: string[] = [];
    for (let y = side - 1; y >= 0; y--) {
      let line = "";
      for (let x = 0; x < side; x++) {
        if (this.coordinates[0] === x && this.coordinates[1] === y) line += "A";
        else line += this.glyph([x, y]);
      }
      lines.push(line);
    }
    return lines.join("\n");
  }

  renderSvg(): string {
    const { dimension, side } = this.shape;
    const size = 14;
    const parts: string[] = [];
    if (dimension === 2) {
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          const glyph = this.glyph([x, y]);
          const fill = glyph === "#" ? "#3bb273" : glyph === "+" ? "#b7e4c7" : "#ffffff";
          parts.push(
            `<rect x="${x * size}" y="${(side - 1 - y) * size}" width="${size}" height="${size}" fill="${fill}" stroke="#dddddd"/>`,
          );
        }
      }
      const [x, y] = this.coordinates;
      parts.push(
        `<circle cx="${((x as number) + 0.5) * size}" cy="${(side - 1 - (y as number) + 0.5) * size}" r="${size * 0.35}" fill="#d7263d"/>`,
      );
    }
    return svgFrame({
      width: Math.max(side * size, 40),
      height: Math.max(side * size, 20),
      title: this.observationText({ coordinates: this.coordinates }),
      body: parts.join(""),
    });
  }

  private glyph(point: readonly number[]): string {
    const reward = hypergridReward(point, this.shape);
    if (reward >= this.shape.r0 + this.shape.r1 + this.shape.r2) return "#";
    if (reward >= this.shape.r0 + this.shape.r1) return "+";
    return ".";
  }
}
