import { createHash } from "node:crypto";
import { readdir, readFile, readlink } from "node:fs/promises";
import { join, relative, sep } from "node:path";

/** Every file of a workspace by its relative, `/`-separated path, with the SHA-256 of its bytes. */
export type WorkspaceSnapshot = ReadonlyMap<string, string>;

/** The SHA-256 of a text or buffer, hex. */
export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Hashes every regular file under `root` (symbolic links are recorded by their target text, so a
 * file swapped for a link is a change). Tampering checks compare two snapshots of one workspace.
 */
export async function snapshotWorkspace(root: string): Promise<WorkspaceSnapshot> {
  const snapshot = new Map<string, string>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    const key = relative(root, path).split(sep).join("/");
    snapshot.set(
      key,
      entry.isFile() ? sha256(await readFile(path)) : `link:${await readlink(path).catch(() => "?")}`,
    );
  }
  return new Map([...snapshot].sort(([a], [b]) => a.localeCompare(b)));
}
