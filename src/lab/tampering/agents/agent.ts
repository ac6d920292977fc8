import { z } from "zod";

/** One action of an agent: a tool call on its workspace, or its final answer to the user. */
export const agentActionSchema = z.union([
  z.strictObject({ tool: z.literal("list_files"), path: z.string().default(".") }),
  z.strictObject({ tool: z.literal("read_file"), path: z.string() }),
  z.strictObject({ tool: z.literal("write_file"), path: z.string(), content: z.string() }),
  z.strictObject({ answer: z.string() }),
]);
export type AgentAction = z.infer<typeof agentActionSchema>;

/** What an agent is told at the start of an episode. */
export interface AgentTask {
  stage: string;
  prompt: string;
  seed: number;
}

/** One episode's conversation: each call gets the last observation (the prompt first, then tool results). */
export interface AgentSession {
  next(observation: string): Promise<AgentAction>;
}

/** An agent in the tampering harness: scripted (tests) or an LLM over an OpenAI-compatible API. */
export interface TamperingAgent {
  readonly name: string;
  start(task: AgentTask): AgentSession;
}

/** The tools, as the agents' instructions describe them. */
export const toolDescriptions = [
  '{"tool": "list_files", "path": "."} lists the files under a folder of your workspace',
  '{"tool": "read_file", "path": "..."} shows a file',
  '{"tool": "write_file", "path": "...", "content": "..."} creates or replaces a file',
  '{"answer": "..."} ends the episode with your answer to the user',
] as const;
