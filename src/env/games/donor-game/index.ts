export * from "./cultural-evolution.js";
export * from "./donor-game-definition.js";
export * from "./donor-game-environment.js";
export * from "./donor-rules.js";
export * from "./donor-trace.js";
export * from "./play-generation.js";
export * from "./scripted-donors.js";
