import type { Random } from "../random.js";
import { type AccumulatingAdam, accumulatingAdam } from "../train/dense-adam.js";
import { ObliqueTree } from "./oblique-tree.js";

/** Which group-fairness notion the aggregate statistics enforce. */
export type FairnessNotion = "demographic_parity" | "equalized_odds";

export interface FairForestOptions {
  dimensions: number;
  classes?: number;
  trees?: number;
  depth?: number;
  /** λ, the weight of the fairness gradient (0: the unconstrained online forest). */
  fairness?: number;
  notion?: FairnessNotion;
  /** δ of the Huber form of |F| (the code: 0.01). */
  huberDelta?: number;
  learningRate?: number;
  random: Random;
}

/**
 * Aranyani (Basu Roy Chowdhury et al., ICLR 2024; brcsomnath/Aranyani `src/aranyani.py`): an
 * online forest of soft oblique trees whose group-fairness gradient is computed from aggregate
 * statistics of past decisions, with no stored samples and no extra forward/backward passes. Per
 * tree and internal node i, for the two groups a ∈ {0, 1} it keeps the running mean of the node's
 * decision E_a[n_i] and of its gradient E_a[∂n_i/∂(w_i, b_i)]; the fairness term added to the task
 * gradient is λ·h(F_i)·(E_1[∂n_i] − E_0[∂n_i]) with F_i = E_1[n_i] − E_0[n_i] and h the Huber
 * derivative (F below δ, else sign(F − δ/2)). Demographic parity as in the code; equalized odds
 * keeps the same statistics per true label and sums the two terms (reconstructed).
 */
export class FairForest {
  readonly trees: ObliqueTree[];
  readonly parameters: Float64Array;
  private readonly optimizer: AccumulatingAdam;
  private readonly notion: FairnessNotion;
  private readonly fairness: number;
  private readonly huberDelta: number;
  /** Aggregate statistics keyed by stratum (group, or group × label): sums over samples seen. */
  private readonly statistics = new Map<
    string,
    { count: number; decisions: Float64Array; gradients: Float64Array }
  >();
  private readonly nodeCount: number;

  constructor(options: FairForestOptions) {
    const tree = new ObliqueTree(options.depth ?? 4, options.dimensions, options.classes ?? 2);
    this.trees = Array.from({ length: options.trees ?? 3 }, () => tree);
    this.parameters = new Float64Array(tree.size * this.trees.length);
    for (const [index, member] of this.trees.entries()) {
      member.initialize(this.parameters, index * tree.size, options.random);
    }
    this.optimizer = accumulatingAdam(this.parameters, { learningRate: options.learningRate ?? 2e-3 });
    this.notion = options.notion ?? "demographic_parity";
    this.fairness = options.fairness ?? 0;
    this.huberDelta = options.huberDelta ?? 0.01;
    this.nodeCount = tree.nodes * this.trees.length;
  }

  /** Class probabilities: the mean of the trees' predictions. */
  predict(x: ArrayLike<number>): Float64Array {
    const out = new Float64Array(this.trees[0]?.classes ?? 2);
    this.trees.forEach((tree, index) => {
      const { prediction } = tree.forward(this.parameters, index * tree.size, x);
      for (let k = 0; k < out.length; k++)
        out[k] = (out[k] as number) + (prediction[k] as number) / this.trees.length;
    });
    return out;
  }

  /**
   * One online step on (x, label, group): predicts first (the prediction the stream is judged on),
   * then updates with cross-entropy plus, when λ > 0, the aggregate-statistics fairness gradient.
   */
  step(x: ArrayLike<number>, label: number, group: 0 | 1): Float64Array {
    const size = (this.trees[0] as ObliqueTree).size;
    const states = this.trees.map((tree, index) => tree.forward(this.parameters, index * size, x));
    const prediction = new Float64Array((this.trees[0] as ObliqueTree).classes);
    for (const state of states)
      for (let k = 0; k < prediction.length; k++)
        prediction[k] = (prediction[k] as number) + (state.prediction[k] as number) / this.trees.length;
    // Cross-entropy on the forest's probabilities: dL/dp_y = −1/p_y, shared equally by the trees.
    const outputGradient = new Float64Array(prediction.length);
    outputGradient[label] = -1 / Math.max(prediction[label] as number, 1e-12) / this.trees.length;
    this.trees.forEach((tree, index) => {
      tree.backward({
        parameters: this.parameters,
        offset: index * size,
        x,
        state: states[index] as (typeof states)[number],
        outputGradient,
        gradient: this.optimizer.gradient,
      });
    });
    if (this.fairness > 0) this.addFairnessGradient(x, label, group, states);
    this.optimizer.step();
    return prediction;
  }

  private addFairnessGradient(
    x: ArrayLike<number>,
    label: number,
    group: 0 | 1,
    states: { decisions: Float64Array }[],
  ): void {
    const tree = this.trees[0] as ObliqueTree;
    const dimensions = tree.dimensions;
    const stratum = this.notion === "equalized_odds" ? `${group}:${label}` : `${group}`;
    const stats = this.statistics.get(stratum) ?? {
      count: 0,
      decisions: new Float64Array(this.nodeCount),
      // Per node: the running mean of ∂n/∂w (dimensions numbers) and ∂n/∂b (one).
      gradients: new Float64Array(this.nodeCount * (dimensions + 1)),
    };
    stats.count++;
    const factor = 1 / stats.count;
    states.forEach((state, treeIndex) => {
      for (let node = 0; node < tree.nodes; node++) {
        const slot = treeIndex * tree.nodes + node;
        const n = state.decisions[node] as number;
        stats.decisions[slot] = (stats.decisions[slot] as number) + n;
        const slope = n * (1 - n);
        const base = slot * (dimensions + 1);
        // The code's "vanilla" averaging: g_t = g_{t−1}(1 − 1/t) + ∂n·(1/t).
        for (let index = 0; index < dimensions; index++) {
          stats.gradients[base + index] =
            (stats.gradients[base + index] as number) * (1 - factor) + slope * (x[index] as number) * factor;
        }
        stats.gradients[base + dimensions] =
          (stats.gradients[base + dimensions] as number) * (1 - factor) + slope * factor;
      }
    });
    this.statistics.set(stratum, stats);
    const labels = this.notion === "equalized_odds" ? [0, 1] : [undefined];
    for (const value of labels) {
      const suffix = value === undefined ? "" : `:${value}`;
      const one = this.statistics.get(`1${suffix}`);
      const zero = this.statistics.get(`0${suffix}`);
      if (!one || !zero) continue;
      for (let treeIndex = 0; treeIndex < this.trees.length; treeIndex++) {
        const offset = tree.layout(treeIndex * tree.size);
        for (let node = 0; node < tree.nodes; node++) {
          const slot = treeIndex * tree.nodes + node;
          const gap =
            (one.decisions[slot] as number) / one.count - (zero.decisions[slot] as number) / zero.count;
          const huber = Math.abs(gap) < this.huberDelta ? gap : Math.sign(gap - this.huberDelta / 2);
          const scale = this.fairness * huber;
          const base = slot * (dimensions + 1);
          for (let index = 0; index < dimensions; index++) {
            const difference =
              (one.gradients[base + index] as number) - (zero.gradients[base + index] as number);
            const at = offset.weights + node * dimensions + index;
            this.optimizer.gradient[at] = (this.optimizer.gradient[at] as number) + scale * difference;
          }
          const biasDifference =
            (one.gradients[base + dimensions] as number) - (zero.gradients[base + dimensions] as number);
          this.optimizer.gradient[offset.biases + node] =
            (this.optimizer.gradient[offset.biases + node] as number) + scale * biasDifference;
        }
      }
    }
  }
}
