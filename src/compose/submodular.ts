/**
 * Submodular (diminishing-returns) set functions over the items a trajectory visits, and their
 * marginal gains (Prajapat et al. 2024, SubPO; rm-rl.md §19): the reward of step j is
 * Δ(s_{j+1} | τ_{0:j}) = F(τ_{0:j} ∪ {s_{j+1}}) − F(τ_{0:j}), so the gains telescope to F(τ).
 */

/** Which monotone submodular function of the visited items. */
export type SetFunctionName = "coverage" | "concave_counts";

export interface SetFunctionOptions {
  /**
   * coverage: F(S) = Σ over distinct items i of w_i (weighted coverage);
   * concave_counts: F(S) = Σ_i w_i · g(c_i), c_i how often item i was visited (repeats still pay, less each time).
   */
  function: SetFunctionName;
  /** w_i by item; items not listed weigh `defaultWeight`. */
  weights?: Readonly<Record<string, number>>;
  defaultWeight?: number;
  /** g of concave_counts: √c or log(1 + c). */
  concave?: "sqrt" | "log1p";
}

/**
 * Adds one step's items to a running multiset and returns the marginal gain of F. Instances hold the
 * items of one trajectory; `reset` starts the next.
 * @example
 * const gains = new MarginalGains({ function: "coverage" });
 * [gains.add(["1", "2"]), gains.add(["2", "3"]), gains.add(["1", "2", "3", "4"])] // [2, 1, 1]
 */
export class MarginalGains {
  readonly #options: SetFunctionOptions;
  readonly #counts = new Map<string, number>();
  #value = 0;

  constructor(options: SetFunctionOptions) {
    this.#options = options;
  }

  /** F of everything added so far. */
  get value(): number {
    return this.#value;
  }

  /** Distinct items added so far. */
  get distinct(): number {
    return this.#counts.size;
  }

  /** Whether the item was added before. */
  has(item: string): boolean {
    return this.#counts.has(item);
  }

  /** The gain F(S ∪ items) − F(S) without adding them. */
  peek(items: Iterable<string>): number {
    return this.#gain(items, false);
  }

  /** Adds a step's items; returns F(S ∪ items) − F(S). An item listed twice in one step counts twice. */
  add(items: Iterable<string>): number {
    return this.#gain(items, true);
  }

  reset(): void {
    this.#counts.clear();
    this.#value = 0;
  }

  #gain(items: Iterable<string>, commit: boolean): number {
    const added = new Map<string, number>();
    for (const item of items) added.set(item, (added.get(item) ?? 0) + 1);
    let gain = 0;
    for (const [item, extra] of added) {
      const before = this.#counts.get(item) ?? 0;
      gain += this.#weight(item) * (this.#curve(before + extra) - this.#curve(before));
      if (commit) this.#counts.set(item, before + extra);
    }
    if (commit) this.#value += gain;
    return gain;
  }

  #weight(item: string): number {
    return this.#options.weights?.[item] ?? this.#options.defaultWeight ?? 1;
  }

  /** g(c): 1 for any c ≥ 1 under coverage; √c or log(1 + c) under concave_counts. */
  #curve(count: number): number {
    if (count === 0) return 0;
    if (this.#options.function === "coverage") return 1;
    return this.#options.concave === "log1p" ? Math.log1p(count) : Math.sqrt(count);
  }
}

/** The marginal gain of every step of one trajectory (each step a list of items) and F of the whole. */
export function marginalGains(
  steps: readonly (readonly string[])[],
  options: SetFunctionOptions,
): { gains: number[]; total: number } {
  const tracker = new MarginalGains(options);
  const gains = steps.map((items) => tracker.add(items));
  return { gains, total: tracker.value };
}

/** Σ_{j ≥ i} gains_j for each i: SubPO's per-step return before the baseline. */
export function rewardsToGo(gains: readonly number[]): number[] {
  const out = new Array<number>(gains.length);
  let total = 0;
  for (let index = gains.length - 1; index >= 0; index--) {
    total += gains[index] as number;
    out[index] = total;
  }
  return out;
}
