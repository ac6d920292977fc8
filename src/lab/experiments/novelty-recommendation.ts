import { z } from "zod";
import { createEnvironment, type Recommendation } from "../../env/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { noveltyReport } from "../report/novelty-report.js";
import type { MeasuredCurve } from "../results.js";
import { RecommenderPolicy } from "../worlds/recommender-policy.js";
import {
  evaluateRecommender,
  playSession,
  reinforceStep,
  type SessionOutcome,
} from "../worlds/recommender-training.js";
import { defineExperiment } from "./experiment.js";
import { type NoveltyRun, noveltyClaims } from "./novelty-claims.js";

const options = z.object({
  items: z.number().int().min(4).default(50).describe("Catalogue size (item i in topic i mod topics)."),
  topics: z.number().int().min(2).default(10).describe("Topics of the catalogue."),
  novelty_weight: z
    .number()
    .positive()
    .default(0.5)
    .describe("η: weight of the novelty + diversity term added to the click reward (reconstructed)."),
  discount: z
    .number()
    .min(0)
    .max(1)
    .default(0)
    .describe("γ of the learner's reward-to-go (0: a click-through learner that optimizes the next click)."),
  iterations: z.number().int().min(2).default(150).describe("Policy updates per learner."),
  batch: z.number().int().min(1).default(8).describe("Sessions (new simulated users) per update."),
  learning_rate: z.number().positive().default(0.5).describe("REINFORCE step size."),
  evaluate_every: z.number().int().min(1).default(30).describe("Updates between evaluations."),
  evaluation_sessions: z
    .number()
    .int()
    .min(1)
    .default(100)
    .describe("Held-out users per evaluation (the same users for every learner)."),
  early_steps: z.number().int().min(1).default(5).describe("Steps that count as short-term engagement."),
});

export type NoveltyOptions = z.output<typeof options>;

const learners = [
  { name: "flat/click", kind: "flat", novelty: false },
  { name: "flat/novelty", kind: "flat", novelty: true },
  { name: "hierarchical/click", kind: "hierarchical", novelty: false },
  { name: "hierarchical/novelty", kind: "hierarchical", novelty: true },
] as const;

export const noveltyRecommendation = defineExperiment({
  name: "novelty-recommendation",
  summary:
    "A recommender simulator whose users tire of familiar topics: novelty and diversity terms in the reward against clicks alone (long-run clicks, coverage, short-term cost), and a hierarchical (intent, item) policy against a flat one (reconstructed).",
  papers: [
    "Hierarchical Reinforcement Learning for Modeling User Novelty-Seeking Intent in Recommender Systems (reconstructed: simulator, reward terms and the two-level policy)",
  ],
  options,
  quick: { iterations: 30, evaluate_every: 10, evaluation_sessions: 30 },
  run(settings, seed, progress) {
    const environment = createEnvironment("recommendation", {
      items: settings.items,
      topics: settings.topics,
    }) as unknown as Recommendation;
    const runs: NoveltyRun[] = [];
    const curves: MeasuredCurve[] = [];
    for (const learner of learners) {
      progress?.(learner.name);
      const policy = new RecommenderPolicy(learner.kind);
      const random = labRandom(deriveSeed(seed, learner.name));
      const users = deriveSeed(seed, "users");
      const baseline = { value: 0 };
      const evaluations: SessionOutcome[] = [];
      const evaluate = () =>
        evaluations.push(
          evaluateRecommender({
            environment,
            policy,
            sessions: settings.evaluation_sessions,
            random: labRandom(deriveSeed(seed, `evaluation-${evaluations.length}`)),
            early: settings.early_steps,
          }),
        );
      evaluate();
      for (let iteration = 1; iteration <= settings.iterations; iteration++) {
        // The same users, in the same order, for every learner.
        const episodes = Array.from({ length: settings.batch }, (_, index) =>
          playSession({
            environment,
            policy,
            seed: (users + iteration * settings.batch + index) % 1_000_000,
            random,
            noveltyWeight: learner.novelty ? settings.novelty_weight : 0,
            early: settings.early_steps,
          }),
        );
        reinforceStep({
          policy,
          episodes,
          discount: settings.discount,
          learningRate: settings.learning_rate,
          baseline,
        });
        if (iteration % settings.evaluate_every === 0 || iteration === settings.iterations) evaluate();
      }
      runs.push({ learner: learner.name, evaluations });
      curves.push({
        method: learner.name,
        x: "sessions trained",
        y: "clicks per held-out session",
        points: evaluations.map((outcome, index) => ({
          x: Math.min(index * settings.evaluate_every, settings.iterations) * settings.batch,
          y: outcome.clicks,
          length: outcome.length,
          coverage: outcome.coverage,
          early_clicks: outcome.earlyClicks,
        })),
      });
    }
    const claims = noveltyClaims({ runs, settings });
    const results = { experiment: "novelty-recommendation", seed, curves, claims, settings, runs };
    environment.reset({ seed: 1_000_000 });
    return Promise.resolve({
      results,
      sections: noveltyReport(results, { frame: environment.renderSvg() }),
    });
  },
});
