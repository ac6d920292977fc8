import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import {
  createInspectServer,
  InspectDataset,
  type InspectRow,
  inspectRowOf,
  type LabRun,
  readLabRuns,
  type UnreadableLine,
} from "../inspect/index.js";
import { openRows } from "../io/index.js";
import { exitCodes, parseNumberFlag, reportFailure } from "./exit.js";

interface InspectFlags {
  port: string;
  host: string;
  lab?: string;
  correctAt: string;
}

const help = `
Prints the page's URL as its first line on stdout and serves until SIGINT or SIGTERM. Unreadable lines
and rows without a numeric reward are named (file:line) on stderr and listed on the page; a file with no
scored row exits 3. The figures are computed once on the server; the page asks for rows a page at a time.

Examples:
  rewardkit inspect scored.jsonl
  rewardkit inspect run.parquet --port 8765 --lab runs/
  rewardkit score --spec spec.yaml --input rows.jsonl --output scored.jsonl && rewardkit inspect scored.jsonl
`;

export function registerInspect(program: Command): void {
  program
    .command("inspect")
    .description(
      "Serve a web page over scored rows: distributions per component, reward over steps, groups and advantages, errors, searchable rows with their chats, the reward-hacking flags, lab results.",
    )
    .argument("<file>", "scored rows as `rewardkit score` writes them (JSONL, JSONL.gz or Parquet)")
    .option("--port <n>", "port to listen on (0 picks a free one)", "0")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--lab <dir>", "also show the lab runs (results.json files) under this folder")
    .option("--correct-at <x>", "a group is all correct when every reward is at least this", "1")
    .addHelpText("after", help)
    .action(async (file: string, flags: InspectFlags) => {
      process.exitCode = await inspect(file, flags);
    });
}

async function inspect(file: string, flags: InspectFlags): Promise<number> {
  try {
    const port = parseNumberFlag(flags.port, "--port");
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new RewardkitError("BAD_REQUEST", `--port: expected an integer 0–65535, got "${flags.port}"`);
    }
    const correctAt = parseNumberFlag(flags.correctAt, "--correct-at");
    const lab: LabRun[] | undefined = flags.lab === undefined ? undefined : await readLabRuns(flags.lab);
    const { rows, unreadable, label } = await readScoredRows(file);
    if (rows.length === 0) {
      process.stderr.write(
        `rewardkit: nothing usable (exit 3): ${label} has no scored row (a row with a numeric reward, as rewardkit score writes)\n`,
      );
      return exitCodes.unusable;
    }
    const dataset = new InspectDataset({ label, rows, unreadable, correctAt });
    const server = await createInspectServer({
      source: {
        kind: "file",
        label,
        runs: () => [],
        dataset: () => dataset,
        ...(lab ? { lab } : {}),
      },
    });
    const url = await server.listen({ host: flags.host, port });
    process.stdout.write(`${url}\n`);
    process.stderr.write(
      `rewardkit: inspecting ${rows.length} rows of ${label}${unreadable.count > 0 ? ` (${unreadable.count} lines left out)` : ""}${lab ? ` and ${lab.length} lab runs` : ""}; Ctrl-C stops\n`,
    );
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await server.close();
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}

/** Reads the file's rows; lines that are not scored rows are named on stderr and kept for the page. */
async function readScoredRows(
  file: string,
): Promise<{ rows: InspectRow[]; unreadable: { count: number; lines: UnreadableLine[] }; label: string }> {
  const source = await openRows(file);
  const rows: InspectRow[] = [];
  const unreadable = { count: 0, lines: [] as UnreadableLine[] };
  const leaveOut = (line: number, message: string) => {
    if (unreadable.count < 20)
      process.stderr.write(`rewardkit: ${source.label}:${line}: skipped: ${message}\n`);
    if (unreadable.lines.length < 200) unreadable.lines.push({ line, message });
    unreadable.count++;
  };
  for await (const read of source) {
    if (!read.ok) {
      leaveOut(read.line, read.message);
      continue;
    }
    const row = inspectRowOf(read.row, { index: rows.length, line: read.line });
    if (row.reward === null) {
      leaveOut(read.line, "no numeric reward (not a row rewardkit score wrote)");
      continue;
    }
    rows.push(row);
  }
  if (unreadable.count > 20) {
    process.stderr.write(`rewardkit: ... and ${unreadable.count - 20} more lines left out\n`);
  }
  return { rows, unreadable, label: source.label };
}
