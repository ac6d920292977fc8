export * from "./action-input.js";
export * from "./action-tool.js";
export * from "./tool-episode.js";
