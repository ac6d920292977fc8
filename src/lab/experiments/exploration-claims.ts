import { type Claim, claim } from "../results.js";
import { type ExplorationMethod, episodicMethods, globalMethods } from "../worlds/exploration-bonuses.js";
import type { ExplorationRun, MazeSetting } from "../worlds/exploration-run.js";

/** The mean over the second half of training (what the claims compare). */
export function lateMean(values: readonly number[]): number {
  const late = values.slice(Math.floor(values.length / 2));
  return late.length === 0 ? 0 : late.reduce((sum, value) => sum + value, 0) / late.length;
}

/** A family wins when its best method's late return beats the other family's best by this much. */
export const winMargin = 0.05;
/** "Does well": the product reaches at least this share of the best single bonus's late return. */
export const productShare = 0.8;
/** Without a bonus the agent "fails": late success rate at most this. */
export const failureCeiling = 0.05;

export function explorationClaims(runs: readonly ExplorationRun[]): Claim[] {
  const late = (setting: MazeSetting, method: ExplorationMethod) => {
    const run = runs.find((each) => each.setting === setting && each.method === method);
    if (!run) throw new RangeError(`no ${setting} ${method} run`);
    return { return: lateMean(run.returns), success: lateMean(run.successes) };
  };
  const best = (setting: MazeSetting, methods: readonly ExplorationMethod[]) =>
    Math.max(...methods.map((method) => late(setting, method).return));
  const singles = [...episodicMethods, ...globalMethods];
  const family = (setting: MazeSetting) => ({
    [`${setting}_best_episodic_return`]: best(setting, episodicMethods),
    [`${setting}_best_global_return`]: best(setting, globalMethods),
    ...Object.fromEntries(
      [...singles, "product" as const].map((method) => [
        `${setting}_${method}_return`,
        late(setting, method).return,
      ]),
    ),
  });
  const productHolds = (setting: MazeSetting) =>
    late(setting, "product").return >= productShare * best(setting, singles) && best(setting, singles) > 0;
  const bestSuccess = (setting: MazeSetting) =>
    Math.max(...[...singles, "product" as const].map((method) => late(setting, method).success));
  return [
    claim(
      `Henaff et al.: in a contextual MDP (a new maze every episode) episodic bonuses win — the best episodic bonus's return over the second half of training beats the best global bonus's by at least ${winMargin}`,
      best("contextual", episodicMethods) >= best("contextual", globalMethods) + winMargin,
      { ...family("contextual"), margin: winMargin },
    ),
    claim(
      `Henaff et al.: in a singleton MDP (one maze every episode) global bonuses win — the best global bonus's return beats the best episodic bonus's by at least ${winMargin}`,
      best("singleton", globalMethods) >= best("singleton", episodicMethods) + winMargin,
      { ...family("singleton"), margin: winMargin },
    ),
    claim(
      `Henaff et al.: the product of an episodic and a global count does well in both — at least ${productShare} of the best single bonus's return in each setting`,
      productHolds("contextual") && productHolds("singleton"),
      {
        contextual_product_return: late("contextual", "product").return,
        contextual_best_single_return: best("contextual", singles),
        singleton_product_return: late("singleton", "product").return,
        singleton_best_single_return: best("singleton", singles),
        required_share: productShare,
      },
    ),
    claim(
      "Henaff et al.: where the world repeats, the global factor helps — in the singleton MDP the product of the episodic and global counts beats the episodic count alone",
      late("singleton", "product").return > late("singleton", "episodic_count").return,
      {
        singleton_product_return: late("singleton", "product").return,
        singleton_episodic_count_return: late("singleton", "episodic_count").return,
      },
    ),
    claim(
      `The sparse reward alone fails: without a bonus the agent reaches the goal in at most ${failureCeiling} of the late episodes in both settings, while some bonus does better`,
      (["contextual", "singleton"] as const).every(
        (setting) =>
          late(setting, "none").success <= failureCeiling &&
          bestSuccess(setting) > late(setting, "none").success,
      ),
      {
        contextual_success_no_bonus: late("contextual", "none").success,
        contextual_best_success: bestSuccess("contextual"),
        singleton_success_no_bonus: late("singleton", "none").success,
        singleton_best_success: bestSuccess("singleton"),
        ceiling: failureCeiling,
      },
    ),
  ];
}
