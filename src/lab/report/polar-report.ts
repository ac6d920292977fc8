import type { LabResults, MeasuredCurve } from "../results.js";
import { measuredChart } from "./measured-chart.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function polarReport(results: LabResults<MeasuredCurve>): string[] {
  return [
    paragraph(
      "Policies are response distributions y = ν_prompt + μ_policy + noise in R^d. POLAR's discriminator (the models room's trainPolar: a Bradley–Terry head over [ref ⊙ cand, (ref − cand)²]) is pre-trained on triplets (reference and positive from one pool policy, negative from another). The baseline is a Bradley–Terry RM over [y, y²] trained on the same number of preference labels, from annotators who prefer one pool policy's responses. Both are asked about held-out targets: candidates at growing style distance from each target, scored with the target's responses as references (POLAR) or on their own (BT). Then each reward drives REINFORCE on a Gaussian policy toward a new target.",
    ),
    claimsSection(results.claims),
    figureRow([
      measuredChart({
        title: "Reward by distance from the target (held-out targets)",
        curves: results.curves.filter((curve) => curve.method.endsWith("by_distance")),
      }),
      measuredChart({
        title: "RFT toward a held-out target",
        curves: results.curves.filter((curve) => curve.method.startsWith("rft_")),
      }),
    ]),
    settingsSection(results.settings, results.seed),
  ];
}
