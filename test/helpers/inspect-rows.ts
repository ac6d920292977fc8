import { mulberry32 } from "../../src/core/index.js";

/**
 * A scored file shaped as `rewardkit score` writes it, built so every part of the inspector has
 * something to show: training steps, GRPO groups of four with advantages, all-correct and zero-std
 * groups, errors of two codes (their reward is on_error), multi-turn chats, reasons, and a length
 * hack (completions grow with the step and the length component pays for it).
 */
export function syntheticScoredRows(options: {
  steps: number;
  groupsPerStep: number;
  seed: number;
}): Array<Record<string, unknown>> {
  const random = mulberry32(options.seed);
  const rows: Array<Record<string, unknown>> = [];
  for (let step = 0; step < options.steps; step++) {
    for (let groupIndex = 0; groupIndex < options.groupsPerStep; groupIndex++) {
      const group = `s${step}-g${groupIndex}`;
      const prompt = `What is ${step + 2} times ${groupIndex + 3}?`;
      const answer = (step + 2) * (groupIndex + 3);
      const members: Array<Record<string, unknown>> = [];
      for (let member = 0; member < 4; member++) {
        // Group 0 of each step is all correct, group 1 all wrong with one reward (zero std).
        const correct = groupIndex === 0 ? 1 : groupIndex === 1 ? 0 : random() < 0.5 ? 1 : 0;
        const format = groupIndex === 1 ? 0 : random() < 0.8 ? 1 : 0;
        const words = 5 + step * 3 + Math.floor(random() * 4);
        const length = groupIndex === 1 ? 0 : Math.min(1, words / 60);
        const text = `${"so the answer follows ".repeat(Math.ceil(words / 4)).trim()} ${correct ? answer : answer + 1}`;
        const id = `${group}-${member}`;
        const chat = member === 3;
        const row: Record<string, unknown> = {
          id,
          group,
          step,
          prompt: chat
            ? [
                { role: "system", content: "You are a careful calculator." },
                { role: "user", content: prompt },
              ]
            : prompt,
          completion: chat
            ? [
                { role: "assistant", content: `Let me think about ${id}.` },
                { role: "user", content: "Go on." },
                { role: "assistant", content: text },
              ]
            : text,
          reference: String(answer),
          reward: correct + 0.2 * format + 0.1 * length,
          components: { correct, format, length },
          reason: correct ? "the final answer matches" : "the final answer differs",
        };
        members.push(row);
      }
      // Errors: the second member of every third group times out, the fourth of every fifth is not applicable.
      const flat = rows.length / 4;
      if (flat % 3 === 2)
        failRow(members[1] as Record<string, unknown>, "TIMEOUT", "judge", "took longer than 30000 ms");
      if (flat % 5 === 4)
        failRow(members[2] as Record<string, unknown>, "NOT_APPLICABLE", "correct", "no reference");
      addAdvantages(members);
      rows.push(...members);
    }
  }
  return rows;
}

function failRow(row: Record<string, unknown>, code: string, node: string, message: string): void {
  row.reward = -1;
  row.components = { correct: -1, format: 0, length: 0 };
  row.error = { code, message, node };
  delete row.reason;
}

/** GRPO's advantage: (r − mean) / (population std + 1e-4), 0 for a zero-std group. */
function addAdvantages(members: Array<Record<string, unknown>>): void {
  const rewards = members.map((row) => row.reward as number);
  const mean = rewards.reduce((sum, value) => sum + value, 0) / rewards.length;
  const std = Math.sqrt(rewards.reduce((sum, value) => sum + (value - mean) ** 2, 0) / rewards.length);
  members.forEach((row, index) => {
    row.advantage = std > 1e-8 ? ((rewards[index] as number) - mean) / (std + 1e-4) : 0;
  });
}
