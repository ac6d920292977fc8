// The HTTP side of OpenAI-compatible APIs, shared by judges (scoring) and generators (sampling).
export * from "./http-transport.js";
export * from "./openai-client.js";
export * from "./rate-limiter.js";
export * from "./replies.js";
export * from "./response-cache.js";
export * from "./retry-policy.js";
export * from "./sqlite-cache.js";
export * from "./usage.js";
