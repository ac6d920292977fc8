export * from "./map-elites.js";
export * from "./novelty.js";
