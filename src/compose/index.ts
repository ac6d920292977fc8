// The compose room: combinators, ensembles, shaping, constraints, schedules and personalized rewards.
// The pure functions are exported for the lab and for users; the nodes are registered in ./nodes.ts.
export * from "./aggregate.js";
export * from "./blend.js";
export * from "./blend-state.js";
export * from "./carl.js";
export * from "./constraint-state.js";
export * from "./difficulty.js";
export * from "./direction.js";
export * from "./dynamic-beta.js";
export * from "./fitted-poly.js";
export * from "./group-uncertainty.js";
export * from "./lagrange.js";
export * from "./learned-potential.js";
export * from "./nelder-mead.js";
export * from "./nodes.js";
export * from "./par.js";
export * from "./potential.js";
export type { ProcessStepInfo } from "./process.js";
export * from "./running-moments.js";
export * from "./schedule.js";
export * from "./seeded-random.js";
export * from "./sequence-aggregate.js";
export * from "./split-steps.js";
export * from "./submodular.js";
export * from "./trust-grpo.js";
export * from "./uncertainty.js";
export { weightedSum } from "./weighted.js";
