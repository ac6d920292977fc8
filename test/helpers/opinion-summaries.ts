import { mulberry32 } from "../../src/core/index.js";

/** The aspect words development used (phones). */
export const developmentAspects = [
  "battery",
  "screen",
  "price",
  "camera",
  "speaker",
  "charger",
  "case",
  "storage",
];
/**
 * Held back (laptops, written after the features and never named in them): the test judges on
 * these only.
 */
export const heldBackAspects = ["hinge", "keyboard", "trackpad", "webcam", "fan", "port", "lid", "bezel"];
const opinions = ["great", "poor", "solid", "weak", "flimsy", "excellent"];

export interface OpinionPair {
  prompt: string;
  chosen: string;
  rejected: string;
}

/**
 * Opinion-summarization preference pairs of our own making: the prompt holds a product's reviews
 * (3–4 aspects, each reviewed 2–3 times); the preferred summary covers more of the reviewed aspects,
 * the other names aspects the reviews never mention (hallucinated). Both summaries have one template
 * and the same number of aspects, so length and form say nothing.
 */
export function opinionPairs(options: {
  count: number;
  seed: number;
  aspects: readonly string[];
}): OpinionPair[] {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const shuffled = (items: readonly string[]) => {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as string, copy[index] as string];
    }
    return copy;
  };
  return Array.from({ length: options.count }, () => {
    const order = shuffled(options.aspects);
    const reviewed = order.slice(0, 3 + Math.floor(random() * 2));
    const unreviewed = order.slice(reviewed.length);
    const sentences = reviewed.flatMap((aspect) =>
      Array.from({ length: 2 + Math.floor(random() * 2) }, () => `The ${aspect} is ${pick(opinions)}.`),
    );
    const prompt = `Summarize these reviews. ${shuffled(sentences).join(" ")}`;
    const mentions = 2 + Math.floor(random() * 2);
    const summary = (aspects: readonly string[]) =>
      `Buyers find ${aspects.map((aspect) => `the ${aspect} ${pick(opinions)}`).join(", ")}.`;
    const covered = shuffled(reviewed).slice(0, mentions);
    // The worse summary keeps at most one reviewed aspect and invents the rest.
    const keep = Math.floor(random() * 2);
    const invented = [
      ...shuffled(reviewed).slice(0, keep),
      ...shuffled(unreviewed).slice(0, mentions - keep),
    ];
    return { prompt, chosen: summary(covered), rejected: summary(invented) };
  });
}
