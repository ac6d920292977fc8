import type { Random } from "../../models/random.js";

/** A sampled minibatch: row-major features and per-row fields. */
export interface ReplaySample {
  rows: number;
  features: Float64Array;
  nextFeatures: Float64Array;
  actions: Int32Array;
  rewards: Float64Array;
  terminated: Uint8Array;
}

/**
 * A fixed-capacity ring buffer of transitions (Lin 1992; Mnih et al. 2015), overwriting the oldest,
 * sampled uniformly with replacement as Stable-Baselines3's buffer (used by CleanRL's DQN) does.
 */
export class ReplayBuffer {
  private readonly features: Float64Array;
  private readonly nextFeatures: Float64Array;
  private readonly actions: Int32Array;
  private readonly rewards: Float64Array;
  private readonly terminated: Uint8Array;
  private next = 0;
  size = 0;

  constructor(
    readonly capacity: number,
    readonly featureSize: number,
  ) {
    this.features = new Float64Array(capacity * featureSize);
    this.nextFeatures = new Float64Array(capacity * featureSize);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float64Array(capacity);
    this.terminated = new Uint8Array(capacity);
  }

  add(transition: {
    features: Float64Array;
    action: number;
    reward: number;
    nextFeatures: Float64Array;
    terminated: boolean;
  }): void {
    const at = this.next;
    this.features.set(transition.features, at * this.featureSize);
    this.nextFeatures.set(transition.nextFeatures, at * this.featureSize);
    this.actions[at] = transition.action;
    this.rewards[at] = transition.reward;
    this.terminated[at] = transition.terminated ? 1 : 0;
    this.next = (at + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  sample(rows: number, random: Random): ReplaySample {
    if (this.size === 0) throw new RangeError("replay buffer: nothing to sample yet");
    const size = this.featureSize;
    const out: ReplaySample = {
      rows,
      features: new Float64Array(rows * size),
      nextFeatures: new Float64Array(rows * size),
      actions: new Int32Array(rows),
      rewards: new Float64Array(rows),
      terminated: new Uint8Array(rows),
    };
    for (let row = 0; row < rows; row++) {
      const at = random.int(this.size);
      out.features.set(this.features.subarray(at * size, (at + 1) * size), row * size);
      out.nextFeatures.set(this.nextFeatures.subarray(at * size, (at + 1) * size), row * size);
      out.actions[row] = this.actions[at] as number;
      out.rewards[row] = this.rewards[at] as number;
      out.terminated[row] = this.terminated[at] as number;
    }
    return out;
  }
}
