import { sigmoid } from "../../core/index.js";
import type { Random } from "../random.js";

/**
 * A soft oblique decision tree (Aranyani's building block; brcsomnath/Aranyani `src/fdt.py`):
 * internal node i decides n_i = σ(w_iᵀx + b_i) (left with n_i, right with 1 − n_i), a leaf's
 * probability is the product along its path, and the tree predicts Σ_l π_l·softmax(θ_l) (the
 * code's default, non-log compute mode). Parameters live in one flat vector:
 * [W (nodes × dimensions) | B (nodes) | θ (leaves × classes)].
 */
export class ObliqueTree {
  readonly nodes: number;
  readonly leaves: number;
  /** For each leaf, its ancestors (0-based node index) and whether the path goes left (uses n). */
  readonly paths: { node: number; left: boolean }[][];

  constructor(
    readonly depth: number,
    readonly dimensions: number,
    readonly classes: number,
  ) {
    this.nodes = 2 ** depth - 1;
    this.leaves = 2 ** depth;
    this.paths = Array.from({ length: this.leaves }, (_, leaf) => {
      const path: { node: number; left: boolean }[] = [];
      let child = this.leaves + leaf; // heap index, 1-based
      while (child > 1) {
        const parent = Math.floor(child / 2);
        path.push({ node: parent - 1, left: child === 2 * parent });
        child = parent;
      }
      return path.reverse();
    });
  }

  get size(): number {
    return this.nodes * this.dimensions + this.nodes + this.leaves * this.classes;
  }

  /** Offsets of W, B and θ in the flat parameter vector starting at `offset`. */
  layout(offset: number): { weights: number; biases: number; leaves: number } {
    return {
      weights: offset,
      biases: offset + this.nodes * this.dimensions,
      leaves: offset + this.nodes * this.dimensions + this.nodes,
    };
  }

  /** Initial parameters as the code draws them: W, B ~ N(0, 1); θ ~ U(0, 1). */
  initialize(parameters: Float64Array, offset: number, random: Random): void {
    const at = this.layout(offset);
    for (let index = 0; index < this.nodes * this.dimensions + this.nodes; index++)
      parameters[at.weights + index] = random.normal();
    for (let index = 0; index < this.leaves * this.classes; index++)
      parameters[at.leaves + index] = random.next();
  }

  /** Node decisions n, leaf probabilities π, leaf softmaxes s and the class probabilities. */
  forward(parameters: Float64Array, offset: number, x: ArrayLike<number>) {
    const at = this.layout(offset);
    const decisions = new Float64Array(this.nodes);
    for (let node = 0; node < this.nodes; node++) {
      let total = parameters[at.biases + node] as number;
      const base = at.weights + node * this.dimensions;
      for (let index = 0; index < this.dimensions; index++)
        total += (parameters[base + index] as number) * (x[index] as number);
      decisions[node] = sigmoid(total);
    }
    const leafProbabilities = new Float64Array(this.leaves);
    const softmaxes = new Float64Array(this.leaves * this.classes);
    const prediction = new Float64Array(this.classes);
    this.paths.forEach((path, leaf) => {
      let probability = 1;
      for (const step of path) {
        const n = decisions[step.node] as number;
        probability *= step.left ? n : 1 - n;
      }
      leafProbabilities[leaf] = probability;
      let largest = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < this.classes; k++)
        largest = Math.max(largest, parameters[at.leaves + leaf * this.classes + k] as number);
      let total = 0;
      for (let k = 0; k < this.classes; k++) {
        const value = Math.exp((parameters[at.leaves + leaf * this.classes + k] as number) - largest);
        softmaxes[leaf * this.classes + k] = value;
        total += value;
      }
      for (let k = 0; k < this.classes; k++) {
        const s = (softmaxes[leaf * this.classes + k] as number) / total;
        softmaxes[leaf * this.classes + k] = s;
        prediction[k] = (prediction[k] as number) + probability * s;
      }
    });
    return { decisions, leafProbabilities, softmaxes, prediction };
  }

  /**
   * Adds dL/dθ for dL/dp (`outputGradient`, one number per class) at input x to `gradient`: through
   * the leaves' softmaxes and, via each node's decision, to its own w_i and b_i only (parameter
   * isolation: a node's parameters reach the output only through its decision).
   */
  backward(input: {
    parameters: Float64Array;
    offset: number;
    x: ArrayLike<number>;
    state: ReturnType<ObliqueTree["forward"]>;
    outputGradient: ArrayLike<number>;
    gradient: Float64Array;
  }): void {
    const at = this.layout(input.offset);
    const { decisions, leafProbabilities, softmaxes } = input.state;
    const decisionGradient = new Float64Array(this.nodes);
    this.paths.forEach((path, leaf) => {
      let upstream = 0;
      for (let k = 0; k < this.classes; k++)
        upstream += (input.outputGradient[k] as number) * (softmaxes[leaf * this.classes + k] as number);
      // θ_l: dp_k/dθ_lj = π_l·s_lk·(δ_kj − s_lj).
      const probability = leafProbabilities[leaf] as number;
      for (let j = 0; j < this.classes; j++) {
        const s = softmaxes[leaf * this.classes + j] as number;
        const slot = at.leaves + leaf * this.classes + j;
        input.gradient[slot] =
          (input.gradient[slot] as number) +
          probability * s * ((input.outputGradient[j] as number) - upstream);
      }
      // Each ancestor's decision: dπ_l/dn_i = ±(product of the other factors on the path).
      for (const step of path) {
        const n = decisions[step.node] as number;
        const factor = step.left ? n : 1 - n;
        let others = 1;
        if (factor > 1e-12) others = probability / factor;
        else
          for (const other of path)
            if (other !== step)
              others *= other.left
                ? (decisions[other.node] as number)
                : 1 - (decisions[other.node] as number);
        decisionGradient[step.node] =
          (decisionGradient[step.node] as number) + (step.left ? 1 : -1) * others * upstream;
      }
    });
    for (let node = 0; node < this.nodes; node++) {
      const n = decisions[node] as number;
      const slope = (decisionGradient[node] as number) * n * (1 - n);
      input.gradient[at.biases + node] = (input.gradient[at.biases + node] as number) + slope;
      const base = at.weights + node * this.dimensions;
      for (let index = 0; index < this.dimensions; index++) {
        input.gradient[base + index] =
          (input.gradient[base + index] as number) + slope * (input.x[index] as number);
      }
    }
  }
}
