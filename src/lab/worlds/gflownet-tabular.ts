import { type HypergridShape, hypergridCoordinates, hypergridIndex } from "../../env/index.js";
import type { LabRandom } from "../random.js";

/**
 * A TABULAR sampler on the hypergrid (reconstructed: Malkin et al. 2022 use an MLP over one-hot
 * coordinates; a table of logits per state is the same policy family without function approximation):
 * forward logits per state over D increments and stop (masked at the edges), a uniform backward policy
 * P_B(s | s') = 1 / #parents(s') as in torchgfn's hypergrid default, and a scalar log Z.
 */
export interface TabularSampler {
  readonly shape: HypergridShape;
  /** Forward logits, state-major: states × (D + 1). */
  readonly logits: Float64Array;
  /** log Z (only trajectory balance uses it). */
  readonly logPartition: Float64Array;
}

/** One sampled trajectory: the states visited (indices), the action taken in each, the terminal state. */
export interface SampledTrajectory {
  states: number[];
  actions: number[];
  terminal: number;
}

export function createTabularSampler(shape: HypergridShape): TabularSampler {
  const states = shape.side ** shape.dimension;
  return {
    shape,
    logits: new Float64Array(states * (shape.dimension + 1)),
    logPartition: new Float64Array(1),
  };
}

/** P_F(· | state): softmax of the logits over the allowed actions (increments short of the edge, stop). */
export function forwardProbabilities(sampler: TabularSampler, state: number): Float64Array {
  const { dimension, side } = sampler.shape;
  const coordinates = hypergridCoordinates(state, sampler.shape);
  const width = dimension + 1;
  const probabilities = new Float64Array(width);
  let largest = Number.NEGATIVE_INFINITY;
  for (let action = 0; action < width; action++) {
    if (action < dimension && (coordinates[action] as number) >= side - 1) continue;
    largest = Math.max(largest, sampler.logits[state * width + action] as number);
  }
  let total = 0;
  for (let action = 0; action < width; action++) {
    if (action < dimension && (coordinates[action] as number) >= side - 1) continue;
    const weight = Math.exp((sampler.logits[state * width + action] as number) - largest);
    probabilities[action] = weight;
    total += weight;
  }
  for (let action = 0; action < width; action++)
    probabilities[action] = (probabilities[action] as number) / total;
  return probabilities;
}

/** The state reached by incrementing coordinate `axis` (index arithmetic: + H^axis). */
export function childIndex(state: number, axis: number, side: number): number {
  return state + side ** axis;
}

/** log P_B of the transition into `state` under the uniform backward policy: −log #parents. */
export function uniformBackwardLog(state: number, shape: HypergridShape): number {
  const coordinates = hypergridCoordinates(state, shape);
  let parents = 0;
  for (const value of coordinates) if (value > 0) parents++;
  return -Math.log(parents);
}

/** A trajectory from the origin, sampling P_F until stop. */
export function sampleTrajectory(sampler: TabularSampler, random: LabRandom): SampledTrajectory {
  const { dimension, side } = sampler.shape;
  const states: number[] = [];
  const actions: number[] = [];
  let state = hypergridIndex(new Int32Array(dimension), side);
  for (;;) {
    const action = random.categorical(forwardProbabilities(sampler, state));
    states.push(state);
    actions.push(action);
    if (action === dimension) return { states, actions, terminal: state };
    state = childIndex(state, action, side);
  }
}

/**
 * The sampler's exact terminating distribution P_T(x) by a forward pass over the DAG (states in
 * increasing index order are a topological order, since every increment raises the index).
 */
export function terminatingDistribution(sampler: TabularSampler): Float64Array {
  const { dimension, side } = sampler.shape;
  const count = side ** dimension;
  const reach = new Float64Array(count);
  const terminating = new Float64Array(count);
  reach[0] = 1;
  for (let state = 0; state < count; state++) {
    const mass = reach[state] as number;
    if (mass === 0) continue;
    const probabilities = forwardProbabilities(sampler, state);
    terminating[state] = mass * (probabilities[dimension] as number);
    for (let axis = 0; axis < dimension; axis++) {
      const share = probabilities[axis] as number;
      if (share > 0) {
        const child = childIndex(state, axis, side);
        reach[child] = (reach[child] as number) + mass * share;
      }
    }
  }
  return terminating;
}
