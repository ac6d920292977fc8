import { RewardkitError } from "../../core/index.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";
import { coordinate, svgFrame } from "../svg.js";
import { type Arena, collides, move, rayDistance, type Wall } from "./geometry.js";

/** Where the robot is and what its rangefinders read (distances, east first, counter-clockwise). */
export interface MazeObservation {
  readonly x: number;
  readonly y: number;
  readonly ranges: Float64Array;
}

/**
 * The default deceptive layout on [0, 10]² (reconstructed in the spirit of Lehman & Stanley's hard
 * maze): the goal (1, 7) sits straight above the start (1, 1), behind a wall; the way round leads
 * right, up through a gap at x > 8, and back left along the top, first away from the goal. A robot
 * rewarded for closeness to the goal gets stuck under the wall at about 2 units away — the trap
 * novelty search escapes.
 */
export const deceptiveWalls: readonly Wall[] = [
  [0, 4.9, 8, 5.1],
  [5.9, 5.1, 6.1, 8.5],
];

export interface DeceptiveMazeSettings {
  arena: Arena;
  start: readonly [number, number];
  goal: readonly [number, number];
  goalRadius: number;
  maxSpeed: number;
  rangefinders: number;
  range: number;
  reward: "sparse" | "negative-distance";
  maxEpisodeSteps: number;
}

/**
 * A point robot in a continuous maze (the quality-diversity papers' deceptive maze; continuous
 * positions, not a grid): each step the action (vx, vy) ∈ [−1, 1]² moves it by maxSpeed·action,
 * sliding along walls it runs into. Reward `sparse`: 1 on reaching the goal (the episode ends);
 * `negative-distance`: −distance to the goal every step (the deceptive fitness). Info: `distance`,
 * `collided`, `valid`. The behaviour descriptor of the QD papers is the final (x, y).
 */
export class DeceptiveMaze implements Environment<MazeObservation, ArrayLike<number>> {
  readonly id = "deceptive-maze";
  readonly actionSpace: Space = { kind: "box", size: 2, low: -1, high: 1 };
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  readonly settings: DeceptiveMazeSettings;
  private readonly position = { x: 0, y: 0 };
  private readonly next = { x: 0, y: 0 };
  private steps = 0;
  private ended = true;

  constructor(settings: DeceptiveMazeSettings) {
    if (collides(settings.arena, settings.start[0], settings.start[1])) {
      throw new RewardkitError("SPEC_INVALID", "the start is inside a wall or outside the arena", {
        path: "environments.deceptive-maze.start",
      });
    }
    const thinnest = Math.min(
      ...settings.arena.walls.map(([l, b, r, t]) => Math.min(r - l, t - b) + 2 * settings.arena.radius),
    );
    if (settings.maxSpeed >= thinnest) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `max_speed must stay below the thinnest wall plus the robot (${thinnest}), or the robot could pass through`,
        {
          path: "environments.deceptive-maze.max_speed",
        },
      );
    }
    this.settings = settings;
    this.maxEpisodeSteps = settings.maxEpisodeSteps;
    this.observationSpace = { kind: "box", size: 2 + settings.rangefinders, low: 0, high: 1 };
    this.position.x = settings.start[0];
    this.position.y = settings.start[1];
  }

  reset(_options: { seed?: number } = {}): Reset<MazeObservation> {
    this.position.x = this.settings.start[0];
    this.position.y = this.settings.start[1];
    this.steps = 0;
    this.ended = false;
    return { observation: this.observe(), info: { distance: this.distance() } };
  }

  step(action: ArrayLike<number>): Transition<MazeObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    const vx = action[0];
    const vy = action[1];
    if (action.length !== 2 || !Number.isFinite(vx) || !Number.isFinite(vy)) {
      throw new RewardkitError("INPUT_INVALID", `${this.id}: expected an action of two finite numbers`);
    }
    const speed = this.settings.maxSpeed;
    const clip = (value: number) => Math.max(-1, Math.min(1, value));
    const collided = move(
      this.settings.arena,
      this.position,
      { dx: speed * clip(vx as number), dy: speed * clip(vy as number) },
      this.next,
    );
    const moved = this.next.x !== this.position.x || this.next.y !== this.position.y;
    this.position.x = this.next.x;
    this.position.y = this.next.y;
    this.steps++;
    const distance = this.distance();
    const reached = distance <= this.settings.goalRadius;
    const terminated = reached && this.settings.reward === "sparse";
    const truncated = !terminated && this.steps >= this.settings.maxEpisodeSteps;
    this.ended = terminated || truncated;
    const reward = this.settings.reward === "sparse" ? (reached ? 1 : 0) : -distance;
    return {
      observation: this.observe(),
      reward,
      terminated,
      truncated,
      info: { distance, collided, valid: moved },
    };
  }

  observationKey(observation: MazeObservation): string {
    return `${observation.x},${observation.y}`;
  }

  /** Position scaled to [0, 1] and rangefinder readings divided by their range. */
  observationFeatures(observation: MazeObservation): Float64Array {
    const features = new Float64Array(2 + this.settings.rangefinders);
    features[0] = observation.x / this.settings.arena.size;
    features[1] = observation.y / this.settings.arena.size;
    observation.ranges.forEach((value, index) => {
      features[2 + index] = value / this.settings.range;
    });
    return features;
  }

  observationText(observation: MazeObservation): string {
    const [goalX, goalY] = this.settings.goal;
    const distance = Math.hypot(observation.x - goalX, observation.y - goalY);
    const ranges = Array.from(observation.ranges, (value) => value.toFixed(2)).join(", ");
    return `Robot at (${observation.x.toFixed(2)}, ${observation.y.toFixed(2)}); goal at (${goalX}, ${goalY}), ${distance.toFixed(2)} away. Rangefinders (east first, counter-clockwise): ${ranges}.`;
  }

  /** The arena as 20 × 20 characters (`#` wall, `G` goal, `R` robot, each in the cell holding its centre), north up. */
  renderText(): string {
    const cells = 20;
    const { size, walls } = this.settings.arena;
    const cellOf = (value: number) => Math.min(cells - 1, Math.max(0, Math.floor((value * cells) / size)));
    const robot = [cellOf(this.position.x), cellOf(this.position.y)];
    const goal = [cellOf(this.settings.goal[0]), cellOf(this.settings.goal[1])];
    const lines: string[] = [];
    for (let row = cells - 1; row >= 0; row--) {
      let line = "";
      for (let column = 0; column < cells; column++) {
        const left = (column * size) / cells;
        const bottom = (row * size) / cells;
        const right = left + size / cells;
        const top = bottom + size / cells;
        if (robot[0] === column && robot[1] === row) line += "R";
        else if (goal[0] === column && goal[1] === row) line += "G";
        else if (walls.some(([l, b, r, t]) => right > l && left < r && top > b && bottom < t)) line += "#";
        else line += ".";
      }
      lines.push(line);
    }
    return lines.join("\n");
  }

  renderSvg(): string {
    const scale = 30;
    const { size, walls } = this.settings.arena;
    const flip = (y: number) => (size - y) * scale;
    const parts = [
      `<rect x="0" y="0" width="${size * scale}" height="${size * scale}" fill="#ffffff" stroke="#4a4a4a" stroke-width="2"/>`,
    ];
    for (const [l, b, r, t] of walls) {
      parts.push(
        `<rect x="${coordinate(l * scale)}" y="${coordinate(flip(t))}" width="${coordinate((r - l) * scale)}" height="${coordinate((t - b) * scale)}" fill="#4a4a4a"/>`,
      );
    }
    const [goalX, goalY] = this.settings.goal;
    parts.push(
      `<circle cx="${coordinate(goalX * scale)}" cy="${coordinate(flip(goalY))}" r="${coordinate(this.settings.goalRadius * scale)}" fill="#3bb273"/>`,
    );
    parts.push(
      `<circle cx="${coordinate(this.position.x * scale)}" cy="${coordinate(flip(this.position.y))}" r="${coordinate(Math.max(3, this.settings.arena.radius * scale))}" fill="#d7263d"/>`,
    );
    return svgFrame({
      width: size * scale,
      height: size * scale,
      title: `${this.id}: robot and goal`,
      body: parts.join(""),
    });
  }

  private distance(): number {
    return Math.hypot(this.position.x - this.settings.goal[0], this.position.y - this.settings.goal[1]);
  }

  private observe(): MazeObservation {
    const { rangefinders, range, arena } = this.settings;
    const ranges = new Float64Array(rangefinders);
    for (let index = 0; index < rangefinders; index++) {
      const angle = (2 * Math.PI * index) / rangefinders;
      ranges[index] = rayDistance(
        arena,
        { x: this.position.x, y: this.position.y, dx: Math.cos(angle), dy: Math.sin(angle) },
        range,
      );
    }
    return { x: this.position.x, y: this.position.y, ranges };
  }
}
