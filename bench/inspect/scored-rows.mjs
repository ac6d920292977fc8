// The scored rows both inspector benches use: N synthetic rows from a seeded generator (mulberry32),
// so every run sees the same data: steps of 400 rows, GRPO groups of 4, three components, 2% errors
// (TIMEOUT and NOT_APPLICABLE), every 8th completion a chat, completions of 20–330 words.
export function scoredRows(count) {
  let seed = 12345;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rows = [];
  for (let index = 0; index < count; index++) {
    const step = Math.floor(index / 400);
    const correct = random() < 0.3 + step / 600 ? 1 : 0;
    const format = random() < 0.9 ? 1 : 0;
    const words = 20 + Math.floor(random() * 60) + step;
    const text = `${"step by step we add the numbers ".repeat(Math.ceil(words / 7)).trim()} answer ${index % 97}`;
    const row = {
      id: `r${index}`,
      group: `g${Math.floor(index / 4)}`,
      step,
      prompt: `Question ${Math.floor(index / 4)}: what is ${index % 97} plus ${index % 13}?`,
      completion: index % 8 === 0 ? [{ role: "assistant", content: text }] : text,
      reward: correct + 0.2 * format + 0.1 * Math.min(1, words / 100),
      components: { correct, format, length: Math.min(1, words / 100) },
      advantage: random() * 2 - 1,
    };
    if (index % 50 === 7) {
      row.reward = -1;
      row.error = {
        code: index % 100 === 7 ? "TIMEOUT" : "NOT_APPLICABLE",
        message: "bench",
        node: "correct",
      };
    }
    rows.push(row);
  }
  return rows;
}
