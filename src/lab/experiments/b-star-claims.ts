import { type Claim, claim } from "../results.js";

type Evaluations = readonly {
  method: string;
  points: readonly { step: number; pass_at_1: number; pass_at_k: number; distinct_correct: number }[];
}[];

export function bstarClaims(input: { evaluations: Evaluations }): Claim[] {
  const last = (method: string) => {
    const points = input.evaluations.find((entry) => entry.method === method)?.points ?? [];
    return points[points.length - 1];
  };
  const adaptive = last("b_star");
  const fixed = input.evaluations.filter((entry) => entry.method !== "b_star").map((entry) => entry.method);
  const best = (key: "pass_at_1" | "pass_at_k" | "distinct_correct") =>
    Math.max(...fixed.map((method) => last(method)?.[key] ?? Number.NaN));
  const evidence = (key: "pass_at_1" | "pass_at_k" | "distinct_correct") =>
    Object.fromEntries([
      ["b_star", adaptive?.[key] ?? Number.NaN],
      ...fixed.map((method) => [method, last(method)?.[key] ?? Number.NaN]),
    ]);
  return [
    claim(
      "Zeng et al.: with the temperature and threshold chosen each round by the balance score, self-improvement ends with a higher pass@1 than every fixed setting",
      fixed.length > 0 && (adaptive?.pass_at_1 ?? Number.NaN) > best("pass_at_1"),
      evidence("pass_at_1"),
    ),
    claim(
      "Zeng et al.: B-STaR keeps exploration up — its final pass@k is at least every fixed setting's",
      fixed.length > 0 && (adaptive?.pass_at_k ?? Number.NaN) >= best("pass_at_k"),
      evidence("pass_at_k"),
    ),
    claim(
      "Zeng et al.: B-STaR ends with more distinct correct answers a prompt than every fixed setting",
      fixed.length > 0 && (adaptive?.distinct_correct ?? Number.NaN) > best("distinct_correct"),
      evidence("distinct_correct"),
    ),
  ];
}
