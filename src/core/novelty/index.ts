export * from "./combine.js";
export * from "./counts.js";
export * from "./elliptical.js";
