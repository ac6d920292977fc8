import { dirname, relative, resolve } from "node:path";
import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { type EmbeddingConfig, OnnxEmbedder, type StrengthMethod, writeModelFile } from "../models/index.js";
import {
  definedOnly,
  type FitOptions,
  fitMixtureModel,
  fitRewardModel,
  fitVplModel,
  type MixtureFitOptions,
  type SetFigures,
  splitByPrompt,
} from "../preference/index.js";
import { exitCodes, reportFailure } from "./exit.js";
import { readPairsFile, reportProblems } from "./preference-input.js";
import {
  nonNegative,
  number,
  positiveInteger,
  readDomainFeatures,
  type TrainFlags,
} from "./train-rm-flags.js";
import { trainMultiObjective } from "./train-rm-objectives.js";
import { describeFit, epochLine, fitJson } from "./train-rm-report.js";

const strengthMethods: readonly StrengthMethod[] = ["flip", "margin", "flip+margin", "soft+margin"];

export function registerTrainRm(program: Command): void {
  program
    .command("train-rm")
    .description(
      "Train a reward model (Bradley-Terry over hashed n-grams and hand features) from preference pairs.",
    )
    .requiredOption(
      "--train <file>",
      "training pairs: {prompt, chosen, rejected}, HH-RLHF transcripts, or another known format",
    )
    .option("--valid <file>", "validation pairs (early stopping); default: a split of --train by prompt")
    .option(
      "--valid-fraction <x>",
      "share of --train prompts held out when --valid is absent (0 = none)",
      "0.1",
    )
    .requiredOption("--out <model>", "where the model file goes (e.g. rm.rkrm)")
    .option(
      "--format <name>",
      "input format: auto, pairs, auto-j, pandalm, alpaca-eval, gsm8k-solutions, ratings, engagement",
    )
    .option("--head <kind>", "linear or mlp", "linear")
    .option("--hidden <n>", "hidden units of the mlp head", "16")
    .option("--epochs <n>", "maximum epochs", "10")
    .option("--batch-size <n>", "pairs per Adam step", "32")
    .option("--lr <x>", "Adam learning rate", "0.03")
    .option("--l2 <x>", "L2 penalty on the weights each step touches", "0")
    .option("--margin <x>", "a reward margin every pair must clear (TRL margin)", "0")
    .option("--center-rewards <x>", "TRL center_rewards_coefficient (e.g. 0.01)")
    .option("--label-smoothing <x>", "label smoothing alpha", "0")
    .option("--patience <n>", "epochs without a better validation loss before stopping", "2")
    .option("--seed <n>", "random seed", "0")
    .option("--members <n>", "train an ensemble of n members (different seeds)", "1")
    .option("--bootstrap", "ensemble members also resample the pairs (bagging)")
    .option("--bits <n>", "log2 of the hashed feature dimensions", "18")
    .option("--ngrams <a,b>", "smallest and largest word n-gram", "1,2")
    .option("--no-hand", "leave out the hand features (length, format markers, refusals)")
    .option("--domain <file>", "JSON list of domain features [{name, pattern, kind?: count|present}]")
    .option("--use-margins", "use each pair's `margin` (ratings, engagement) in the loss")
    .option(
      "--kind <kind>",
      "bt (Bradley-Terry), mixture (MiCRo), vpl (user latents), multi-objective (DPA ratings)",
      "bt",
    )
    .option(
      "--strength <method>",
      "Secrets of RLHF II: flip, margin, flip+margin or soft+margin from ensemble votes",
    )
    .option("--voters <n>", "reward models voting on preference strength", "10")
    .option("--flip-fraction <x>", "share of pairs flipped by --strength flip", "0.2")
    .option("--heads <k>", "mixture: number of BT heads (10, as the MiCRo authors' run.sh)", "10")
    .option("--load-balance <x>", "mixture: load-balance loss weight", "0.5")
    .option("--latent <n>", "vpl: latent dimensions", "8")
    .option("--steps <n>", "vpl: training steps", "1000")
    .option("--objectives <names>", "multi-objective: rating fields to regress, e.g. helpfulness,verbosity")
    .option("--direction <weights>", "multi-objective: default preference direction, e.g. 0.97,-0.26")
    .option("--embedding <model.onnx>", "append sentence embeddings from a local ONNX model to the features")
    .option(
      "--embedding-tokenizer <file>",
      "tokenizer.json for --embedding (default: beside the model, else bytes)",
    )
    .option("--json", "print the training summary as JSON on stdout")
    .option("--quiet", "no per-epoch lines")
    .addHelpText(
      "after",
      "\nExample:\n  rewardkit train-rm --train pairs.jsonl --out rm.rkrm\n  rewardkit train-rm --train train.jsonl --valid valid.jsonl --out rm.rkrm --members 5 --center-rewards 0.01\n  rewardkit train-rm --train pairs.jsonl --out rm.rkrm --strength flip+margin\n  rewardkit train-rm --train rated.jsonl --out dpa.rkrm --kind multi-objective --objectives helpfulness,verbosity\n",
    )
    .action(async (flags: TrainFlags) => {
      process.exitCode = await trainRm(flags);
    });
}

async function trainRm(flags: TrainFlags): Promise<number> {
  try {
    const ngrams = flags.ngrams.split(",").map((part) => number("ngrams", part, positiveInteger));
    if (ngrams.length !== 2 || (ngrams[0] as number) > (ngrams[1] as number)) {
      throw new RewardkitError("BAD_REQUEST", `--ngrams: expected "smallest,largest", got "${flags.ngrams}"`);
    }
    const domain = flags.domain ? await readDomainFeatures(flags.domain) : [];
    const fitOptions: FitOptions = {
      features: {
        hashed: { bits: number("bits", flags.bits, positiveInteger), ngrams: ngrams as [number, number] },
        hand: flags.hand,
        domain,
      },
      head:
        flags.head === "mlp"
          ? { kind: "mlp", hidden: number("hidden", flags.hidden, positiveInteger) }
          : "linear",
      epochs: number("epochs", flags.epochs, positiveInteger),
      batchSize: number("batch-size", flags.batchSize, positiveInteger),
      learningRate: number("lr", flags.lr, (value) => value > 0),
      l2: number("l2", flags.l2, nonNegative),
      margin: number("margin", flags.margin),
      labelSmoothing: number("label-smoothing", flags.labelSmoothing, (value) => value >= 0 && value < 0.5),
      patience: number("patience", flags.patience, positiveInteger),
      seed: number("seed", flags.seed, Number.isInteger),
      members: number("members", flags.members, positiveInteger),
      diversity: flags.bootstrap ? "bootstrap" : "seed",
      usePairMargins: flags.useMargins ?? false,
    };
    if (flags.head !== "linear" && flags.head !== "mlp")
      throw new RewardkitError("BAD_REQUEST", `--head: expected linear or mlp, got "${flags.head}"`);
    if (flags.centerRewards !== undefined)
      fitOptions.centerRewardsCoefficient = number("center-rewards", flags.centerRewards, nonNegative);
    if (!flags.quiet) {
      const voting = flags.strength !== undefined && (flags.kind ?? "bt") === "bt";
      fitOptions.onEpoch = (record) => process.stderr.write(`${epochLine(record, voting)}\n`);
    }
    if (flags.kind === "multi-objective") return await trainMultiObjective(flags, fitOptions);
    const trainRead = await readPairsFile(flags.train, flags.format);
    reportProblems(flags.train, trainRead, process.stderr);
    let trainPairs = trainRead.pairs;
    let validPairs = undefined as typeof trainPairs | undefined;
    if (flags.valid) {
      const validRead = await readPairsFile(flags.valid, flags.format);
      reportProblems(flags.valid, validRead, process.stderr);
      validPairs = validRead.pairs;
    } else {
      const fraction = number("valid-fraction", flags.validFraction, (value) => value >= 0 && value < 1);
      if (fraction > 0) {
        const split = splitByPrompt(trainPairs, { validFraction: fraction, seed: fitOptions.seed ?? 0 });
        trainPairs = split.train;
        validPairs = split.valid;
      }
    }
    if (trainPairs.length === 0)
      throw new RewardkitError("INPUT_INVALID", `${flags.train}: no usable preference pairs`, {
        path: flags.train,
      });
    const started = performance.now();
    const kind = flags.kind;
    let summary: Record<string, unknown>;
    let figures: { train: SetFigures; valid: SetFigures | undefined };
    if (kind === "bt") {
      if (flags.strength !== undefined) {
        if (!strengthMethods.includes(flags.strength as StrengthMethod)) {
          throw new RewardkitError(
            "BAD_REQUEST",
            `--strength: expected one of ${strengthMethods.join(", ")}, got "${flags.strength}"`,
          );
        }
        fitOptions.strength = {
          method: flags.strength as StrengthMethod,
          voters: number("voters", flags.voters, positiveInteger),
          flipFraction: number("flip-fraction", flags.flipFraction, (value) => value >= 0 && value < 1),
        };
      }
      let embedder: OnnxEmbedder | undefined;
      if (flags.embedding) {
        const modelPath = resolve(flags.embedding);
        const config: EmbeddingConfig = {
          path: relative(dirname(resolve(flags.out)), modelPath),
          normalize: true,
          ...definedOnly({ tokenizer: flags.embeddingTokenizer }),
        };
        embedder = await OnnxEmbedder.open(modelPath, config);
        fitOptions.embedding = { embedder, config };
      }
      const fit = await fitRewardModel(trainPairs, validPairs, fitOptions).finally(() => embedder?.close());
      await writeModelFile(flags.out, fit.model.toFile());
      figures = fit;
      process.stderr.write(
        describeFit(fit, { validation: validPairs !== undefined && validPairs.length > 0 }),
      );
      summary = {
        members: fit.model.members,
        featurize_seconds: fit.featurizeSeconds,
        train_seconds: fit.trainSeconds,
        ...fitJson(fit),
      };
    } else if (kind === "mixture") {
      const options: MixtureFitOptions = {
        heads: number("heads", flags.heads, positiveInteger),
        loadBalance: number("load-balance", flags.loadBalance, nonNegative),
        ...definedOnly({
          features: fitOptions.features,
          epochs: fitOptions.epochs,
          batchSize: fitOptions.batchSize,
          learningRate: fitOptions.learningRate,
          seed: fitOptions.seed,
        }),
      };
      const fit = fitMixtureModel(trainPairs, validPairs, options);
      await writeModelFile(flags.out, fit.model.toFile());
      figures = fit;
      summary = { heads: options.heads, train_seconds: fit.trainSeconds };
    } else if (kind === "vpl") {
      const bits = Math.min(number("bits", flags.bits, positiveInteger), 12);
      const fit = fitVplModel(trainPairs, validPairs, {
        features: {
          hashed: { bits: flags.bits === "18" ? 8 : bits, ngrams: ngrams as [number, number] },
          hand: flags.hand,
          domain,
        },
        latentDim: number("latent", flags.latent, positiveInteger),
        steps: number("steps", flags.steps, positiveInteger),
        seed: fitOptions.seed ?? 0,
      });
      if (fit.users === 0) {
        throw new RewardkitError(
          "INPUT_INVALID",
          `${flags.train}: VPL needs pairs with a \`user\` field (at least 2 per user)`,
        );
      }
      await writeModelFile(flags.out, fit.model.toFile());
      figures = fit;
      summary = { users: fit.users, train_seconds: fit.trainSeconds };
    } else {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--kind: expected bt, mixture, vpl or multi-objective, got "${kind}"`,
      );
    }
    summary = {
      model: flags.out,
      kind,
      ...summary,
      train: figures.train,
      valid: figures.valid,
      skipped: trainRead.problems.length,
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    const line = (name: string, set: SetFigures | undefined) =>
      set
        ? `  ${name.padEnd(6)} ${String(set.n).padStart(7)}  ${set.accuracy.toFixed(4)}  ${set.loss.toFixed(4)}\n`
        : "";
    process.stderr.write(
      `wrote ${flags.out} (${kind}) in ${((performance.now() - started) / 1000).toFixed(2)} s\n  set          n  accuracy  loss\n${line("train", figures.train)}${line("valid", figures.valid)}`,
    );
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}
