import { describe, expect, it } from "vitest";
import { arithmeticPairs, critiquedPairs } from "../../../test/helpers/arithmetic-critiques.js";
import { TextFeaturizer } from "../features/featurizer.js";
import { decodeModelFile, encodeModelFile } from "../model-file.js";
import { trainBradleyTerry } from "../train/bradley-terry.js";
import { CritiqueTextModel } from "./critique-model.js";
import { trainCritiqueModel } from "./train-critique-model.js";

// Train on sums of operands 10–49, judge on held-back pairs with operands 50–99 (numbers the
// training never showed): only the critique says which answer is right.
const train = critiquedPairs(arithmeticPairs({ count: 60, seed: 1, operands: [10, 50] }));
const heldOut = critiquedPairs(arithmeticPairs({ count: 80, seed: 2, operands: [50, 100] }));

const accuracy = (score: (items: (typeof heldOut)[number]["chosen"][]) => ArrayLike<number>) => {
  const chosen = score(heldOut.map((pair) => pair.chosen));
  const rejected = score(heldOut.map((pair) => pair.rejected));
  return (
    heldOut.filter((_, index) => (chosen[index] as number) > (rejected[index] as number)).length /
    heldOut.length
  );
};

describe("critique-conditioned reward model (MM-RLHF #36, the score head)", () => {
  it("reads the critique: held-out pairs with unseen numbers ≥ 95% right, a response-only RM near chance", () => {
    const model = trainCritiqueModel({ pairs: train, epochs: 20, seed: 3 });
    const withCritique = accuracy((items) => model.score(items));
    // The same Bradley–Terry training on the responses alone (train-rm's features).
    const featurizer = new TextFeaturizer();
    const responses = train.flatMap((pair) => [pair.chosen, pair.rejected]);
    const responseOnly = trainBradleyTerry({
      features: featurizer.featurize(responses),
      pairs: train.map((_, index) => ({ chosen: 2 * index, rejected: 2 * index + 1 })),
      epochs: 20,
      seed: 3,
    });
    const withoutCritique = accuracy((items) => responseOnly.score(featurizer.featurize(items)));
    expect(withCritique).toBeGreaterThanOrEqual(0.95);
    expect(withoutCritique).toBeLessThanOrEqual(0.7);
  });

  it("round-trips through a model file with the same scores; a non-critique file is refused by name", () => {
    const model = trainCritiqueModel({ pairs: train.slice(0, 20), epochs: 3, seed: 1 });
    const again = CritiqueTextModel.fromFile(decodeModelFile(encodeModelFile(model.toFile())));
    const items = heldOut.slice(0, 5).map((pair) => pair.chosen);
    expect(Array.from(again.score(items))).toEqual(
      Array.from(model.score(items), (value) => expect.closeTo(value, 5)),
    );
    expect(() =>
      CritiqueTextModel.fromFile({ header: { kind: "bradley-terry" }, tensors: {} }, "rm.rkrm"),
    ).toThrow(/rm\.rkrm is not a critique reward model/);
  });
});
