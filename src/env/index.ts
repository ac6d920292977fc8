export * from "./environment.js";
export * from "./trajectory.js";
