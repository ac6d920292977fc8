import { createEnvironment, type DeceptiveMaze } from "../../env/index.js";
import { DenseMlp, seededRandom } from "../../models/index.js";

/** What one evaluation of a controller did: the QD papers' behaviour (final position) and its reward. */
export interface MazeEvaluation {
  genome: Float64Array;
  /** Final (x, y): the hand-designed behaviour descriptor. */
  position: [number, number];
  /** Final rangefinder readings over their range: what STAX's autoencoder sees. */
  sensors: Float64Array;
  /** Final distance to the goal (the deceptive fitness is its negative). */
  distance: number;
  /** The sparse reward: 1 − d/R inside the reward area of radius R around the goal, else 0. */
  reward: number;
}

/**
 * A deceptive-maze controller: a [features → hidden (tanh) → 2] network whose weights are the genome
 * (the env room's DenseMlp, weights written from the genome). The reward is sparse but graded
 * inside the goal's area — SERENE's reward areas (reconstructed: Paolo et al.'s mazes give a reward
 * only in small areas).
 */
export class MazeController {
  readonly environment: DeceptiveMaze;
  readonly network: DenseMlp;
  readonly genomeSize: number;
  readonly rewardRadius: number;

  constructor(options: { hidden: number; steps: number; rewardRadius: number }) {
    this.environment = createEnvironment("deceptive-maze", {
      reward: "negative-distance",
      max_episode_steps: options.steps,
    }) as DeceptiveMaze;
    const inputs =
      this.environment.observationSpace.kind === "box" ? this.environment.observationSpace.size : 0;
    this.network = new DenseMlp({
      sizes: [inputs, options.hidden, 2],
      activation: "tanh",
      random: seededRandom(1),
    });
    this.genomeSize = this.network.parameters.reduce((sum, tensor) => sum + tensor.data.length, 0);
    this.rewardRadius = options.rewardRadius;
  }

  /** Runs the controller of `genome` for one episode (the maze is deterministic). */
  evaluate(genome: Float64Array): MazeEvaluation {
    let offset = 0;
    for (const tensor of this.network.parameters) {
      tensor.data.set(genome.subarray(offset, offset + tensor.data.length));
      offset += tensor.data.length;
    }
    const environment = this.environment;
    let observation = environment.reset().observation;
    for (;;) {
      const action = this.network.forward(environment.observationFeatures(observation), 1);
      const step = environment.step(action);
      observation = step.observation;
      if (step.terminated || step.truncated) break;
    }
    const [goalX, goalY] = environment.settings.goal;
    const distance = Math.hypot(observation.x - goalX, observation.y - goalY);
    const range = environment.settings.range;
    return {
      genome,
      position: [observation.x, observation.y],
      sensors: Float64Array.from(observation.ranges, (value) => value / range),
      distance,
      reward: distance < this.rewardRadius ? 1 - distance / this.rewardRadius : 0,
    };
  }
}
