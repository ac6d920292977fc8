/**
 * A scripted agent for text gridworlds, as an LLM agent would see them: it reads the grid the
 * environment prints (`#` wall, `~` lava, `A` the agent, `G` the goal) and walks a shortest path
 * by breadth-first search. It knows nothing of the server: only the observation text.
 */
const moves = [
  ["up", -1, 0],
  ["right", 0, 1],
  ["down", 1, 0],
  ["left", 0, -1],
] as const;

export function shortestPath(observation: string): string[] {
  const rows = observation.split("\n").filter((line) => line.startsWith("#"));
  const find = (mark: string) => {
    for (let row = 0; row < rows.length; row++) {
      const column = (rows[row] as string).indexOf(mark);
      if (column >= 0) return [row, column] as const;
    }
    throw new Error(`no ${mark} in the observation:\n${observation}`);
  };
  const [startRow, startColumn] = find("A");
  const goal = find("G").join(",");
  const previous = new Map<string, [string, string]>([[`${startRow},${startColumn}`, ["", ""]]]);
  const queue: [number, number][] = [[startRow, startColumn]];
  while (queue.length > 0) {
    const [row, column] = queue.shift() as [number, number];
    const here = `${row},${column}`;
    if (here === goal) {
      const path: string[] = [];
      for (let at = here; at !== `${startRow},${startColumn}`; ) {
        const [from, move] = previous.get(at) as [string, string];
        path.unshift(move);
        at = from;
      }
      return path;
    }
    for (const [name, rowStep, columnStep] of moves) {
      const next: [number, number] = [row + rowStep, column + columnStep];
      const cell = rows[next[0]]?.[next[1]];
      const key = next.join(",");
      if (cell === undefined || cell === "#" || cell === "~" || previous.has(key)) continue;
      previous.set(key, [here, name]);
      queue.push(next);
    }
  }
  throw new Error(`no path to the goal:\n${observation}`);
}
