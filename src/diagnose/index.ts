// The diagnose room: reading optimization curves (Gao et al.'s over-optimization forms and their
// fits) and measuring how far apart two reward functions are (STARC, EPIC).
export * from "./fit-gao.js";
export * from "./gao-forms.js";
export * from "./hacking/index.js";
export * from "./reward-distance/index.js";
export * from "./tampering/index.js";
