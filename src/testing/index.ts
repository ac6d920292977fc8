import { type Context, type ContextOptions, createContext, type Sample } from "../core/index.js";

/** A sample with sensible defaults, for tests: `makeSample({ completion: "<answer>5</answer>" })`. */
export function makeSample(overrides: Partial<Sample> = {}): Sample {
  return { prompt: "", completion: "", ...overrides };
}

/** A fresh context (own cache and state) for tests. */
export function testContext(options: ContextOptions = {}): Context {
  return createContext({ runId: "test", ...options });
}

export * from "./openai-server.js";
export * from "./toy-language-model.js";
