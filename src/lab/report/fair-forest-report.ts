import { htmlTable } from "../../report/index.js";
import type { FairSummary } from "../experiments/fair-forest-claims.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { measuredChart } from "./measured-chart.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function fairForestReport(results: LabResults<MeasuredCurve> & { forests: FairSummary[] }): string[] {
  return [
    paragraph(
      "Examples arrive one at a time; group 1's first features are shifted and the label depends on them. Each forest (3 soft oblique trees of depth 4, the models room's FairForest) predicts, then updates on the example (batch size 1, as the authors' online loop). The fairness gradient comes from aggregate statistics of past node decisions per group (per group and label for equalized odds), never from stored examples. Gaps: |P(ŷ=1|a=1) − P(ŷ=1|a=0)| (parity) and the larger of that gap within each true label (equalized odds), on held-out examples.",
    ),
    claimsSection(results.claims),
    figureRow([measuredChart({ title: "Online demographic-parity gap", curves: results.curves })]),
    htmlTable(
      ["forest", "λ", "accuracy", "parity gap", "equalized-odds gap"],
      results.forests.map((entry) => [
        entry.method,
        String(entry.lambda),
        entry.accuracy.toFixed(3),
        entry.parityGap.toFixed(3),
        entry.oddsGap.toFixed(3),
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
