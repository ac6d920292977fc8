export * from "./allocate.js";
export * from "./learning-curve.js";
