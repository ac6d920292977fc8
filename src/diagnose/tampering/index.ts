// Tampering checks (Sycophancy to Subterfuge, #63): workspace snapshots and what changed in them.
export * from "./detect-tampering.js";
export * from "./workspace-snapshot.js";
