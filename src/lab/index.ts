// The lab: seeded simulations that reproduce the papers' findings with the library's own methods.
export * from "./experiments/experiment.js";
export * from "./experiments/registry.js";
export * from "./hacking-examples/index.js";
export * from "./results.js";
export * from "./run-lab.js";
export * from "./tampering/index.js";
export * from "./worlds/composite-world.js";
export * from "./worlds/reasoning-world.js";
export * from "./worlds/rlhf-world.js";
export * from "./worlds/verifier-world.js";
