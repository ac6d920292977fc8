/**
 * How an episodic and a global bonus combine (Henaff et al. 2023 §17.2; `bonus_combine` in the
 * code): `product` (the default) r = b_ep · b_glob, `sum` r = b_ep + c · b_glob.
 */
export type BonusCombination = "product" | "sum";

export function combineBonuses(options: {
  episodic: number;
  global: number;
  combine: BonusCombination;
  /** `global_bonus_coeff` of the sum (default 1). */
  globalCoefficient?: number;
}): number {
  return options.combine === "product"
    ? options.episodic * options.global
    : options.episodic + (options.globalCoefficient ?? 1) * options.global;
}
