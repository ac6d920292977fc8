export * from "./adversarial-reward.js";
export * from "./discriminator.js";
export * from "./gradient-penalty.js";
export * from "./penalty-points.js";
export * from "./pessimistic-reward.js";
