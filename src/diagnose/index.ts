// The diagnose room: reading optimization curves (Gao et al.'s over-optimization forms and their fits).
export * from "./fit-gao.js";
export * from "./gao-forms.js";
export * from "./hacking/index.js";
export * from "./tampering/index.js";
