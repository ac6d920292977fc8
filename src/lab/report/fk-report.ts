import { htmlTable, lineChart } from "../../report/index.js";
import type { LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function fkReport(
  results: LabResults & {
    corpus: string;
    attribute_rate: number;
    sweep: { particles: number; sampling: number; best_of_n: number; fk: number }[];
    potentials: { potential: string; reward: number; resampled_steps: number }[];
    examples: { prompt: string; best_of_n: string; fk: string }[];
  },
): string[] {
  const settings = results.settings as {
    attribute: string;
    particles: number;
    chunk_chars: number;
    chunks: number;
    lambda: number;
    potential: string;
  };
  return [
    paragraph(
      `The base model is a tiny character n-gram of ${results.corpus}. The reward counts "${settings.attribute}" (money amounts), which ${(100 * results.attribute_rate).toFixed(1)}% of base samples contain at all. At each particle count k: sampling keeps one sample; best-of-n keeps the best of k samples; FK steering (the select room's fkSteer, as \`rewardkit generate fk\` runs it) grows k particles ${settings.chunk_chars} characters at a time (continuations of each particle's prefix), scores every partial text with the same reward, turns rewards into ${settings.potential} potentials with λ = ${settings.lambda} and resamples, then keeps the best particle. All texts are at most ${settings.chunk_chars * settings.chunks} characters. Best-of-n's KL is log n − (n − 1)/n; FK's output distribution has no computable KL, so the comparison is at equal particle count (equal characters generated per particle).`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "reward against particle count",
        xLabel: "log2 particles",
        yLabel: `mean count of "${settings.attribute}"`,
        series: [
          {
            name: "fk steering",
            points: results.sweep.map((entry) => ({ x: Math.log2(entry.particles), y: entry.fk })),
          },
          {
            name: "best-of-n",
            points: results.sweep.map((entry) => ({ x: Math.log2(entry.particles), y: entry.best_of_n })),
          },
          {
            name: "sampling",
            dashed: true,
            points: results.sweep.map((entry) => ({ x: Math.log2(entry.particles), y: entry.sampling })),
          },
        ],
      }),
    ]),
    htmlTable(
      ["particles", "sampling", "best-of-n", "FK steering"],
      results.sweep.map((entry) => [
        entry.particles,
        entry.sampling.toFixed(3),
        entry.best_of_n.toFixed(3),
        entry.fk.toFixed(3),
      ]),
    ),
    `<h2>Potentials at ${settings.particles} particles</h2>`,
    htmlTable(
      ["potential", "reward", "resampling steps"],
      results.potentials.map((entry) => [entry.potential, entry.reward.toFixed(3), entry.resampled_steps]),
    ),
    `<h2>Texts at ${settings.particles} particles (first prompts)</h2>`,
    htmlTable(
      ["prompt", `best of ${settings.particles} samples`, "FK steering's best particle"],
      results.examples.map((entry) => [entry.prompt, entry.best_of_n, entry.fk]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
