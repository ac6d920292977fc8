import type { EpochRecord } from "../models/index.js";
import type { FitResult } from "../preference/index.js";

/**
 * One epoch's line: `member 2/3 epoch 4: ...` for ensembles, `voter 3/10 ...` and `final model ...`
 * under --strength, so lines of different models are never mixed up.
 */
export function epochLine(record: EpochRecord, voting: boolean): string {
  const who =
    record.member !== undefined
      ? `${voting ? "voter" : "member"} ${record.member}/${record.members ?? "?"} `
      : voting
        ? "final model "
        : "";
  const valid =
    record.validAccuracy !== undefined
      ? `  valid loss ${record.validLoss?.toFixed(4)} acc ${record.validAccuracy.toFixed(4)}`
      : "";
  return `${who}epoch ${record.epoch}: train loss ${record.trainLoss.toFixed(4)} acc ${record.trainAccuracy.toFixed(4)}${valid} (${record.seconds.toFixed(2)} s)`;
}

/** Which epoch each model kept (early stopping) and what --strength did, as lines for stderr. */
export function describeFit(fit: FitResult, options: { validation: boolean }): string {
  const lines: string[] = [];
  if (fit.strength) {
    const { method, voters, pairs, flipped, meanStrength } = fit.strength;
    const share = pairs > 0 ? ((100 * flipped) / pairs).toFixed(1) : "0.0";
    lines.push(
      `--strength ${method}: ${voters} voters; flipped ${flipped} of ${pairs} training pairs (${share}%)${method.includes("margin") ? ", margins from their mean preference strength" : ""}; mean strength ${meanStrength.toFixed(4)}`,
    );
  }
  const many = fit.members.length > 1;
  for (const member of fit.members) {
    const who = many ? `member ${member.member}/${fit.members.length}: ` : "";
    if (!options.validation) {
      lines.push(
        `${who}no validation pairs, so no early stopping: kept the last epoch (${member.epochsRun})`,
      );
      continue;
    }
    const figures =
      member.validLoss === undefined
        ? ""
        : ` (valid loss ${member.validLoss.toFixed(4)}, acc ${member.validAccuracy?.toFixed(4)})`;
    lines.push(
      member.earlyStopped
        ? `${who}early stopping kept epoch ${member.bestEpoch} of ${member.epochsRun} run${figures}`
        : `${who}kept the last epoch, ${member.bestEpoch}: validation loss was still falling${figures}`,
    );
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

/** The same facts for --json (added keys; the summary's existing keys are unchanged). */
export function fitJson(fit: FitResult): Record<string, unknown> {
  return {
    members_detail: fit.members.map((member) => ({
      member: member.member,
      epochs_run: member.epochsRun,
      best_epoch: member.bestEpoch,
      early_stopped: member.earlyStopped,
      ...(member.validLoss === undefined
        ? {}
        : { valid_loss: member.validLoss, valid_accuracy: member.validAccuracy }),
    })),
    ...(fit.strength
      ? {
          strength: {
            method: fit.strength.method,
            voters: fit.strength.voters,
            pairs: fit.strength.pairs,
            flipped: fit.strength.flipped,
            mean_strength: fit.strength.meanStrength,
          },
        }
      : {}),
  };
}
