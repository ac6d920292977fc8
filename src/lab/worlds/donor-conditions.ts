import type { DonorCondition } from "./donor-evolution.js";

/**
 * The Donor Game experiment's arms: traces visible (the paper's reputation condition), traces hidden,
 * and visible traces with costly punishment at each cost:effect ratio asked for (the paper: 1:2).
 */
export function donorConditions(punishmentEffects: readonly number[]): DonorCondition[] {
  return [
    { name: "traces visible", tracesVisible: true, punishment: false, punishmentEffect: 0 },
    { name: "traces hidden", tracesVisible: false, punishment: false, punishmentEffect: 0 },
    ...punishmentEffects.map((effect) => ({
      name: `punishment 1:${effect}`,
      tracesVisible: true,
      punishment: true,
      punishmentEffect: effect,
    })),
  ];
}
