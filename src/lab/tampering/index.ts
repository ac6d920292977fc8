// The tampering harness (Sycophancy to Subterfuge, #63; reconstructed): gameable stages, agents, rates.
export * from "./agents/agent.js";
export * from "./agents/llm-agent.js";
export * from "./agents/scripted-agents.js";
export * from "./curriculum.js";
export * from "./run-curriculum.js";
export * from "./run-episode.js";
export * from "./stage.js";
export * from "./stages/reward-tampering.js";
export * from "./stages/rubric-modification.js";
export * from "./workspace-tools.js";
