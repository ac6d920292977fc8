import { RewardkitError } from "../../core/index.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";
import { drawSeed, streamOf } from "../seeds.js";
import { coordinate, svgFrame } from "../svg.js";
import {
  type Catalogue,
  clickProbability,
  drawCatalogue,
  drawUser,
  type UserModel,
  type UserProfile,
} from "./recommendation-model.js";

/** What the recommender sees before each recommendation. */
export interface RecommendationObservation {
  /** The user's id (their seed). */
  readonly user: number;
  /** The noisy taste profile (constant within a session). */
  readonly profile: Float64Array;
  /** Familiarity per topic now (a copy). */
  readonly familiarity: Float64Array;
  readonly step: number;
  /** The last item shown (-1: none) and whether it was clicked. */
  readonly lastItem: number;
  readonly lastClicked: boolean;
}

export interface RecommendationSettings {
  items: number;
  topics: number;
  catalogueSeed: number;
  users: "fixed" | "procedural";
  userSeed: number;
  profileNoise: number;
  patience: number;
  boredom: readonly [number, number];
  horizon: number;
  model: UserModel;
}

/**
 * A recommendation session with a simulated user who tires of the familiar (reconstructed, in the
 * spirit of RecSim's interest-evolution users, for the novelty-seeking recommendation paper): each
 * step the recommender shows one item; the user clicks with `clickProbability`, which falls with
 * familiarity in the item's topic (decaying by λ each step) and is higher for items never shown
 * before. Each step costs the user 1 of their engagement budget and a click gives back
 * `clickRefund`; the session terminates when the budget runs out (the user leaves) and is truncated
 * at `horizon`. So always showing the favourite topic wins clicks now and loses the user early;
 * variety keeps them. Reward: 1 per click. Info: `clicked`, `item`, `topic`, `new_item`,
 * `click_probability`, `budget`.
 */
export class Recommendation implements Environment<RecommendationObservation, number> {
  readonly id = "recommendation";
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  readonly catalogue: Catalogue;
  private readonly settings: RecommendationSettings;
  private random: () => number;
  private person: UserProfile;
  private familiarity: Float64Array;
  private seen: Uint8Array;
  private budget = 0;
  private steps = 0;
  private lastItem = -1;
  private lastClicked = false;
  private ended = true;

  constructor(settings: RecommendationSettings) {
    this.settings = settings;
    this.maxEpisodeSteps = settings.horizon;
    this.actionSpace = { kind: "discrete", n: settings.items };
    this.observationSpace = { kind: "box", size: 3 * settings.topics + 3 };
    this.catalogue = drawCatalogue({
      items: settings.items,
      topics: settings.topics,
      seed: settings.catalogueSeed,
    });
    this.random = streamOf(0, 1);
    this.person = this.drawUser(settings.userSeed);
    this.familiarity = new Float64Array(settings.topics);
    this.seen = new Uint8Array(settings.items);
  }

  /** The current user (hidden from the recommender; for analysis and oracles). */
  get user(): UserProfile {
    return this.person;
  }

  /** The topic of an item. */
  topicOf(item: number): number {
    return item % this.settings.topics;
  }

  /** The items of a topic, in index order (for hierarchical topic-then-item policies). */
  itemsOf(topic: number): number[] {
    const items: number[] = [];
    for (let item = topic; item < this.settings.items; item += this.settings.topics) items.push(item);
    return items;
  }

  /** The current click probability of every item (an oracle for analysis, not for the agent). */
  clickProbabilities(): Float64Array {
    return Float64Array.from({ length: this.settings.items }, (_, item) =>
      clickProbability({
        catalogue: this.catalogue,
        user: this.person,
        model: this.settings.model,
        familiarity: this.familiarity,
        seen: this.seen,
        item,
      }),
    );
  }

  reset(options: { seed?: number } = {}): Reset<RecommendationObservation> {
    if (options.seed !== undefined) this.random = streamOf(options.seed, 1);
    if (this.settings.users === "procedural")
      this.person = this.drawUser(options.seed ?? drawSeed(this.random));
    this.familiarity = new Float64Array(this.settings.topics);
    this.seen = new Uint8Array(this.settings.items);
    this.budget = this.person.patience;
    this.steps = 0;
    this.lastItem = -1;
    this.lastClicked = false;
    this.ended = false;
    return { observation: this.observe(), info: { user: this.person.id } };
  }

  step(item: number): Transition<RecommendationObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the session ended; call reset first`);
    if (!Number.isInteger(item) || item < 0 || item >= this.settings.items) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: expected an item 0..${this.settings.items - 1}, received ${item}`,
      );
    }
    const { model } = this.settings;
    const probability = clickProbability({
      catalogue: this.catalogue,
      user: this.person,
      model,
      familiarity: this.familiarity,
      seen: this.seen,
      item,
    });
    const clicked = this.random() < probability;
    const topic = this.topicOf(item);
    const newItem = this.seen[item] === 0;
    for (let index = 0; index < this.familiarity.length; index++) {
      this.familiarity[index] = (this.familiarity[index] as number) * model.familiarityDecay;
    }
    this.familiarity[topic] = (this.familiarity[topic] as number) + 1;
    this.seen[item] = 1;
    this.budget += (clicked ? model.clickRefund : 0) - 1;
    this.steps++;
    this.lastItem = item;
    this.lastClicked = clicked;
    const terminated = this.budget <= 0;
    const truncated = !terminated && this.steps >= this.settings.horizon;
    this.ended = terminated || truncated;
    return {
      observation: this.observe(),
      reward: clicked ? 1 : 0,
      terminated,
      truncated,
      info: { clicked, item, topic, new_item: newItem, click_probability: probability, budget: this.budget },
    };
  }

  observationKey(observation: RecommendationObservation): string {
    const familiarity = Array.from(observation.familiarity, (value) => value.toFixed(9)).join(",");
    return `${observation.user}|${observation.step}|${observation.lastItem}|${observation.lastClicked ? 1 : 0}|${familiarity}`;
  }

  /** Profile (K), familiarity scaled by 1 − λ (K), the last topic one-hot (K), last click, a bias, time. */
  observationFeatures(observation: RecommendationObservation): Float64Array {
    const { topics, horizon, model } = this.settings;
    const features = new Float64Array(3 * topics + 3);
    features.set(observation.profile, 0);
    for (let topic = 0; topic < topics; topic++) {
      features[topics + topic] = (observation.familiarity[topic] as number) * (1 - model.familiarityDecay);
    }
    if (observation.lastItem >= 0) features[2 * topics + this.topicOf(observation.lastItem)] = 1;
    features[3 * topics] = observation.lastClicked ? 1 : 0;
    features[3 * topics + 1] = 1;
    features[3 * topics + 2] = observation.step / horizon;
    return features;
  }

  observationText(observation: RecommendationObservation): string {
    const liked = Array.from(observation.profile, (value, topic) => ({ value, topic }))
      .sort((a, b) => b.value - a.value)
      .slice(0, 3)
      .map(({ topic }) => `topic ${topic}`);
    const familiar = Array.from(observation.familiarity, (value, topic) => ({ value, topic }))
      .filter(({ value }) => value > 0.5)
      .sort((a, b) => b.value - a.value)
      .map(({ value, topic }) => `topic ${topic} (${value.toFixed(1)})`);
    const last =
      observation.lastItem < 0
        ? "Nothing shown yet."
        : `Last shown: item ${observation.lastItem} (topic ${this.topicOf(observation.lastItem)}), ${observation.lastClicked ? "clicked" : "not clicked"}.`;
    return [
      `User ${observation.user}, step ${observation.step + 1}. Seems to like ${liked.join(", ")}.`,
      last,
      `Recently seen a lot: ${familiar.length > 0 ? familiar.join(", ") : "nothing"}.`,
      `Recommend one of ${this.settings.items} items (item i is in topic i mod ${this.settings.topics}).`,
    ].join("\n");
  }

  renderText(): string {
    const lines = [
      `user ${this.person.id}: budget ${this.budget.toFixed(2)}, step ${this.steps}, boredom ${this.person.boredom.toFixed(2)}`,
    ];
    for (let topic = 0; topic < this.settings.topics; topic++) {
      const affinity = this.person.affinity[topic] as number;
      const familiarity = this.familiarity[topic] as number;
      lines.push(
        `topic ${topic}: taste ${affinity.toFixed(2).padStart(5)}  familiarity ${"*".repeat(Math.round(familiarity * 2))}`,
      );
    }
    return lines.join("\n");
  }

  renderSvg(): string {
    const { topics } = this.settings;
    const width = 20 + topics * 26;
    const height = 120;
    const parts: string[] = [];
    for (let topic = 0; topic < topics; topic++) {
      const affinity = this.person.affinity[topic] as number;
      const familiarity = this.familiarity[topic] as number;
      const tasteLength = Math.min(50, Math.abs(affinity) * 20);
      parts.push(
        `<rect x="${10 + topic * 26}" y="${coordinate(affinity >= 0 ? 60 - tasteLength : 60)}" width="10" height="${coordinate(tasteLength)}" fill="${affinity >= 0 ? "#3bb273" : "#e4572e"}"/>`,
        `<rect x="${22 + topic * 26}" y="${coordinate(60 - Math.min(50, familiarity * 5))}" width="10" height="${coordinate(Math.min(50, familiarity * 5))}" fill="#4c6ef5"/>`,
      );
    }
    return svgFrame({
      width,
      height,
      title: `user ${this.person.id}: taste (green/red) and familiarity (blue) by topic`,
      body: parts.join(""),
    });
  }

  private drawUser(seed: number): UserProfile {
    return drawUser({
      topics: this.settings.topics,
      seed,
      profileNoise: this.settings.profileNoise,
      patience: this.settings.patience,
      boredom: this.settings.boredom,
    });
  }

  private observe(): RecommendationObservation {
    return {
      user: this.person.id,
      profile: this.person.profile,
      familiarity: this.familiarity.slice(),
      step: this.steps,
      lastItem: this.lastItem,
      lastClicked: this.lastClicked,
    };
  }
}
