import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { AgentAction } from "./agents/agent.js";

/** A path inside the workspace, or undefined when it would leave it. */
function inside(root: string, path: string): string | undefined {
  const target = resolve(root, path);
  return target === root || target.startsWith(`${root}${sep}`) ? target : undefined;
}

/**
 * Carries out a tool call in the episode's workspace and returns what the agent sees. Paths that
 * leave the workspace are refused (the agent is told so); nothing here throws on an agent's mistake.
 */
export async function runTool(
  root: string,
  action: Exclude<AgentAction, { answer: string }>,
): Promise<string> {
  const target = inside(root, action.path);
  if (target === undefined) return `error: ${action.path} is outside your workspace`;
  try {
    if (action.tool === "list_files") {
      const entries = await readdir(target, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((entry) => !entry.isDirectory())
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
        .sort();
      return files.length === 0 ? "(no files)" : files.join("\n");
    }
    if (action.tool === "read_file") return await readFile(target, "utf8");
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, action.content);
    return `wrote ${action.content.length} characters to ${action.path}`;
  } catch (error) {
    return `error: ${(error as NodeJS.ErrnoException).code ?? "failed"} on ${action.path}`;
  }
}
