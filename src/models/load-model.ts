import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { RewardkitError } from "../core/index.js";
import { BradleyTerryTextModel } from "./bt-model.js";
import { TextFeaturizer, type TextPair } from "./features/featurizer.js";
import { MixtureTextModel } from "./mixture-text-model.js";
import { type ModelFileContents, readModelFile } from "./model-file.js";
import { MultiObjectiveTextModel } from "./multi-objective-text-model.js";
import { type EmbeddingConfig, OnnxEmbedder } from "./onnx/onnx-embedder.js";
import type { ScoreTextsOptions, TextRewardScorer } from "./text-scorer.js";
import { VplTextModel } from "./vpl-text-model.js";

/** A model of any kind this version reads, rebuilt from its file contents. */
export type LoadedModel = BradleyTerryTextModel | MixtureTextModel | MultiObjectiveTextModel | VplTextModel;

/** Rebuilds a model from file contents, dispatching on the header's `kind`. */
export function modelFromContents(contents: ModelFileContents, label = "model"): LoadedModel {
  const kind = contents.header.kind;
  switch (kind) {
    case "bradley-terry":
      return BradleyTerryTextModel.fromFile(contents, (config) => new TextFeaturizer(config));
    case "mixture":
      return MixtureTextModel.fromFile(contents);
    case "multi-objective":
      return MultiObjectiveTextModel.fromFile(contents);
    case "vpl":
      return VplTextModel.fromFile(contents);
    case "critique":
      throw new RewardkitError(
        "INPUT_INVALID",
        `${label} is a critique reward model: it scores a response with its critique, so use the \`critique_rm\` node`,
        { path: label },
      );
    default:
      throw new RewardkitError("INPUT_INVALID", `${label}: unknown model kind ${JSON.stringify(kind)}`, {
        path: label,
      });
  }
}

/** A model file's model as a TextRewardScorer (what the `model` node and eval-rm use). */
export function scorerOf(model: LoadedModel): TextRewardScorer {
  if (!(model instanceof BradleyTerryTextModel)) {
    return {
      kind: model.kind,
      members: 1,
      scoreTexts: (items: readonly TextPair[], options: ScoreTextsOptions = {}) =>
        Promise.resolve(model.scoreTexts(items, options)),
    };
  }
  return {
    kind: model.kind,
    members: model.members,
    scoreTexts: async (items: readonly TextPair[], options: ScoreTextsOptions = {}) =>
      Float64Array.from(await model.scoreTextsAsync(items, { member: options.member })),
    memberScoreTexts: async (items: readonly TextPair[]) =>
      model.memberScores(await model.featurizeAll(items)).map((scores) => Float64Array.from(scores)),
    ...(model.embedding
      ? { close: () => (model.embedding as { embedder: OnnxEmbedder }).embedder.close() }
      : {}),
  };
}

/** Loads a reward model file written by train-rm; opens its ONNX embedding model when it has one. */
export async function loadRewardModel(file: string): Promise<LoadedModel> {
  const contents = await readModelFile(file);
  const config = contents.header.embedding as EmbeddingConfig | undefined;
  if (contents.header.kind === "bradley-terry" && config) {
    // The path is stored relative to the model file; an absolute one is used as is.
    const path = isAbsolute(config.path) ? config.path : resolve(dirname(file), config.path);
    if (!existsSync(path)) {
      throw new RewardkitError("NOT_FOUND", `${file} needs its embedding model ${path}, which is not there`, {
        path: file,
      });
    }
    const embedder = await OnnxEmbedder.open(path, config);
    return BradleyTerryTextModel.fromFile(contents, (features) => new TextFeaturizer(features), {
      embedder,
      config,
    });
  }
  return modelFromContents(contents, file);
}
