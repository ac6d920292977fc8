// The client moved to core/openai (the select room's generator shares its transport, rate limits,
// retries and cache); the judges keep their name for it.
export {
  type CallOptions,
  type ChatContent,
  type ChatRequest,
  type CompletionRequest,
  OpenAIClient as JudgeClient,
  type OpenAIClientOptions as JudgeClientOptions,
  type SamplingRequest,
} from "../../core/openai/openai-client.js";
