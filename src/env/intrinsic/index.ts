export * from "./combined-bonus.js";
export * from "./count-bonus.js";
export * from "./elliptical-bonus.js";
export * from "./inverse-dynamics.js";
export * from "./normalized-bonus.js";
export * from "./rnd.js";
export * from "./rnd-bonus.js";
