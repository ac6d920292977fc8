export * from "./access/index.js";
export * from "./api-keys.js";
export * from "./chat-template.js";
export * from "./micro-batcher.js";
export * from "./options.js";
export * from "./ors/index.js";
export * from "./redis-state-store.js";
export * from "./server.js";
