/** What a long command tells its user as it goes: the stage it is in, and that it is done. */
export interface StageProgress {
  stage(text: string): void;
  done(): void;
}

/**
 * One status line on a terminal, rewritten in place as a long command moves from stage to stage
 * ("overoptimization: policy gradient: uwo (6.1 s)"), and cleared at the end. Only on a TTY: logs and
 * pipes get nothing, so output stays the same when redirected.
 */
export function stageProgress(label: string, stream: NodeJS.WriteStream = process.stderr): StageProgress {
  if (!stream.isTTY) return { stage() {}, done() {} };
  const started = performance.now();
  let shown = false;
  return {
    stage(text) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const line = `${label}: ${text} (${seconds} s)`;
      // Wider than the terminal would wrap, and \r would then rewrite only the last row.
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
