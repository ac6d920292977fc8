import {
  defaultPunishmentPayoffs,
  parseMove,
  punishmentRewards,
  reputationChange,
} from "../../compose/social-terms.js";
import { type Agent, createAgent, payoffTables } from "../../env/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { decisionStage } from "./decision-stage.js";

/** Which of Dasgupta & Musolesi's mechanisms an arm switches on. */
export interface DilemmaMechanisms {
  name: string;
  /** Direct punishment: after each round each player may punish its partner (§25 rewards). */
  punishment: boolean;
  /** Partner selection: each agent picks its partner from the others' reputations. */
  selection: boolean;
  /** The partner's reputation (its sign) is part of the play state. */
  reputationInPlay: boolean;
  /** The punisher's reward for just punishment (§25: +2; the costly variant −3). */
  justReward: number;
}

export interface DilemmaSettings {
  agents: number;
  episodes: number;
  rounds: number;
  learningRate: number;
  discount: number;
  /** ε of play, punish and select decisions decays linearly to these over `explorationEpisodes`. */
  playEpsilonEnd: number;
  punishEpsilonEnd: number;
  explorationEpisodes: number;
}

export interface DilemmaEpisode {
  cooperation: number;
  punishment_rate: number;
  just_share: number | null;
  mean_reward: number;
}

const unknownMove = 2;
const sign = (value: number) => (value > 0 ? 2 : value < 0 ? 0 : 1);

/**
 * The repeated prisoner's dilemma with direct punishment, partner selection and reputation of
 * Dasgupta & Musolesi (docs/methods/rm-rl.md §25; their Simulations/DP_S/IPD scripts): each episode
 * every agent picks a partner (at random, or by its select model from the others' reputations) and
 * plays `rounds` rounds with it; after each round each player may punish the other (victim −3;
 * punisher +2 just / −10 unjust); reputation is C +1, D −1, just punishment +2, unjust −3.
 * RECONSTRUCTED where we differ: tabular Q-learning (the env room's agent) instead of DQN, the select
 * model's state is the sign of each candidate's reputation relative to the mean (their DQN reads the
 * raw vector), and punish / select decisions are one-step (γ = 0) where their DQN bootstraps.
 */
export function playDilemma(input: {
  mechanisms: DilemmaMechanisms;
  settings: DilemmaSettings;
  seed: number;
}): DilemmaEpisode[] {
  const { settings, mechanisms } = input;
  const count = settings.agents;
  const table = payoffTables["prisoners-dilemma"].payoffs;
  const random = labRandom(deriveSeed(input.seed, `pairs:${mechanisms.name}`));
  const totalDecisions = (perEpisode: number) => settings.explorationEpisodes * perEpisode;
  const tabular = ({
    stage,
    index,
    actions,
    features,
    epsilonEnd,
    perEpisode,
    discount,
  }: {
    stage: string;
    index: number;
    actions: readonly string[];
    features: number;
    epsilonEnd: number;
    perEpisode: number;
    discount: number;
  }): Agent<readonly number[]> =>
    createAgent({
      agent: "q-learning",
      environment: decisionStage({ id: `${stage}-${index}`, actions, features }),
      seed: deriveSeed(input.seed, `${mechanisms.name}:${stage}:${index}`),
      options: {
        learning_rate: settings.learningRate,
        discount,
        epsilon: { start: 0.8889, end: epsilonEnd, steps: totalDecisions(perEpisode) },
      },
    });
  const playsPerEpisode = 2 * settings.rounds;
  const play = Array.from({ length: count }, (_, index) =>
    tabular({
      stage: "play",
      index,
      actions: ["cooperate", "defect"],
      features: mechanisms.reputationInPlay ? 3 : 2,
      epsilonEnd: settings.playEpsilonEnd,
      perEpisode: playsPerEpisode,
      discount: settings.discount,
    }),
  );
  const punish = Array.from({ length: count }, (_, index) =>
    tabular({
      stage: "punish",
      index,
      actions: ["spare", "punish"],
      features: 2,
      epsilonEnd: settings.punishEpsilonEnd,
      perEpisode: playsPerEpisode,
      discount: 0,
    }),
  );
  const select = Array.from({ length: count }, (_, index) =>
    tabular({
      stage: "select",
      index,
      actions: Array.from({ length: count - 1 }, (_, other) => `candidate ${other + 1}`),
      features: count - 1,
      epsilonEnd: 0.01,
      perEpisode: 1,
      discount: 0,
    }),
  );
  const reputation = new Array<number>(count).fill(0);
  const previous = new Array<number>(count).fill(unknownMove);
  const episodes: DilemmaEpisode[] = [];
  for (let episode = 0; episode < settings.episodes; episode++) {
    let cooperations = 0;
    let moves = 0;
    let punishments = 0;
    let just = 0;
    let rewardTotal = 0;
    for (let chooser = 0; chooser < count; chooser++) {
      const candidates = Array.from({ length: count }, (_, index) => index).filter(
        (index) => index !== chooser,
      );
      const mean =
        candidates.reduce((total, index) => total + (reputation[index] as number), 0) / candidates.length;
      const selectState = candidates.map((index) => sign((reputation[index] as number) - mean));
      const pick = mechanisms.selection
        ? (select[chooser] as Agent<readonly number[]>).act(selectState)
        : random.int(candidates.length);
      const partner = candidates[pick] as number;
      let chooserReward = 0;
      for (let round = 0; round < settings.rounds; round++) {
        const pair = [chooser, partner] as const;
        const states = pair.map((self, side) => {
          const other = pair[1 - side] as number;
          const base = [previous[other] as number, previous[self] as number];
          return mechanisms.reputationInPlay ? [...base, sign(reputation[other] as number)] : base;
        });
        const actions = pair.map((self, side) =>
          (play[self] as Agent<readonly number[]>).act(states[side] as number[]),
        );
        const rewards = pair.map((_, side) => {
          const cell = table[actions[0] as number]?.[actions[1] as number] as readonly [number, number];
          return cell[side] as number;
        });
        pair.forEach((self, side) => {
          previous[self] = actions[side] as number;
          reputation[self] =
            (reputation[self] as number) + reputationChange({ move: parseMove(actions[side]) }).move;
        });
        if (mechanisms.punishment) {
          pair.forEach((punisher, side) => {
            const victimSide = 1 - side;
            const victimMove = parseMove(actions[victimSide]) ?? "cooperate";
            const state = [actions[victimSide] as number, actions[side] as number];
            const decision =
              (punish[punisher] as Agent<readonly number[]>).act(state) === 1 ? "punish" : "spare";
            const outcome = punishmentRewards(decision, victimMove, {
              ...defaultPunishmentPayoffs,
              just: mechanisms.justReward,
            });
            rewards[victimSide] = (rewards[victimSide] as number) + outcome.victim;
            reputation[punisher] =
              (reputation[punisher] as number) +
              reputationChange({ punishment: { decision, victimMove } }).punishment;
            (punish[punisher] as Agent<readonly number[]>).observe({
              observation: state,
              action: decision === "punish" ? 1 : 0,
              reward: outcome.punisher,
              nextObservation: state,
              terminated: true,
              truncated: false,
            });
            rewardTotal += outcome.punisher;
            if (decision === "punish") {
              punishments++;
              if (victimMove === "defect") just++;
            }
          });
        }
        pair.forEach((self, side) => {
          const other = pair[1 - side] as number;
          const next = [actions[1 - side] as number, actions[side] as number];
          (play[self] as Agent<readonly number[]>).observe({
            observation: states[side] as number[],
            action: actions[side] as number,
            reward: rewards[side] as number,
            nextObservation: mechanisms.reputationInPlay
              ? [...next, sign(reputation[other] as number)]
              : next,
            terminated: false,
            truncated: false,
          });
          if (actions[side] === 0) cooperations++;
          moves++;
          rewardTotal += rewards[side] as number;
        });
        chooserReward += rewards[0] as number;
      }
      if (mechanisms.selection) {
        (select[chooser] as Agent<readonly number[]>).observe({
          observation: selectState,
          action: pick,
          reward: chooserReward / settings.rounds,
          nextObservation: selectState,
          terminated: true,
          truncated: false,
        });
      }
    }
    episodes.push({
      cooperation: cooperations / moves,
      punishment_rate: mechanisms.punishment ? punishments / moves : 0,
      just_share: punishments > 0 ? just / punishments : null,
      mean_reward: rewardTotal / moves,
    });
  }
  return episodes;
}
