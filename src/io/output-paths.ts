import { realpath, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { RewardkitError } from "../core/index.js";

/** A file a command was told about, with the flag that named it (for messages). */
export interface NamedFile {
  flag: string;
  /** A path, or `-` for stdin/stdout (never checked). */
  path: string | undefined;
}

interface Identity {
  real: string;
  device?: number;
  inode?: number;
}

async function identityOf(path: string): Promise<Identity | undefined> {
  try {
    const [real, info] = await Promise.all([realpath(path), stat(path)]);
    return { real, device: info.dev, inode: info.ino };
  } catch {
    return undefined;
  }
}

/**
 * Checks a command's output files before anything is opened for writing (the interface contract's
 * "Exit codes and files"): each output's directory exists, no output is a directory, and no output
 * is one of the inputs or another output — compared after resolving symbolic links, and by inode
 * so a hard link is caught too. Throws a BAD_REQUEST (exit 2) naming the flag and path.
 */
export async function checkOutputFiles(options: {
  inputs: readonly NamedFile[];
  outputs: readonly NamedFile[];
}): Promise<void> {
  const inputs: Array<NamedFile & Identity> = [];
  for (const input of options.inputs) {
    if (!input.path || input.path === "-") continue;
    const identity = await identityOf(input.path);
    if (identity) inputs.push({ ...input, ...identity });
  }
  const seen: Array<NamedFile & Identity> = [];
  for (const output of options.outputs) {
    if (!output.path || output.path === "-") continue;
    const where = `${output.flag} ${output.path}`;
    const folder = dirname(resolve(output.path));
    const folderInfo = await stat(folder).catch(() => undefined);
    if (!folderInfo) {
      throw new RewardkitError("BAD_REQUEST", `${where}: the directory ${folder} does not exist`, {
        details: { file: output.path },
      });
    }
    if (!folderInfo.isDirectory()) {
      throw new RewardkitError("BAD_REQUEST", `${where}: ${folder} is not a directory`);
    }
    const existing = await identityOf(output.path);
    if (existing && (await stat(existing.real)).isDirectory()) {
      throw new RewardkitError("BAD_REQUEST", `${where}: that is a directory; name a file`);
    }
    const identity = existing ?? { real: join(await realpath(folder), basename(output.path)) };
    const same = (other: Identity) =>
      other.real === identity.real ||
      (identity.inode !== undefined && other.inode === identity.inode && other.device === identity.device);
    for (const input of inputs) {
      if (!same(input)) continue;
      throw new RewardkitError(
        "BAD_REQUEST",
        `${where} is the same file as ${input.flag} ${input.path}; writing it would destroy what is being read (choose another output)`,
      );
    }
    for (const other of seen) {
      if (!same(other)) continue;
      throw new RewardkitError("BAD_REQUEST", `${where} is the same file as ${other.flag} ${other.path}`);
    }
    seen.push({ ...output, ...identity });
  }
}
