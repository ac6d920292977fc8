import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { reportFailure } from "./exit.js";
import type { GenerateRun } from "./generate-context.js";
import { prepareRun } from "./generate-context.js";
import { generateBstar, generateDno, generateRaft } from "./generate-loops.js";
import type { GenerateFlags } from "./generate-setup.js";
import { generateDpa, generateFk, generateVas } from "./generate-steering.js";

const methods: Record<
  string,
  { run: (run: GenerateRun) => Promise<number>; endpoint: "chat" | "completions" }
> = {
  raft: { run: generateRaft, endpoint: "chat" },
  dno: { run: generateDno, endpoint: "chat" },
  dpa: { run: generateDpa, endpoint: "chat" },
  fk: { run: generateFk, endpoint: "completions" },
  vas: { run: generateVas, endpoint: "completions" },
  bstar: { run: generateBstar, endpoint: "chat" },
};

const help = `
Every method: --url, --model, --spec (the reward), --prompts (rows with \`prompt\`: text or chat
messages; \`id\`, \`reference\`, \`meta\` as rewards read them), --out DIR. Requests go through the judges'
client: --concurrency, --retries (429/5xx/network, Retry-After honoured), --requests-per-minute,
--tokens-per-minute, --cache-file (replies cached by request, seed included: a re-run repeats).

  raft   rounds of: k samples a prompt → score → keep the best (--keep, --selection local|global|sampled)
         → DIR/round-N.jsonl (TRL prompt-completion rows) with per-round reward and diversity in stats.json
  dno    rounds of on-policy pairs: k samples (+ --teacher-field's answer), the spec as preference oracle
         (a round-robin pairwise_judge gives win rates), best vs worst with --min-margin (and --beat-teacher)
         → DIR/round-N.pairs.jsonl (TRL preference rows)
  dpa    DPA rejection sampling: a direction v per prompt in the system prompt (--angles -45,0 or
         --directions "0.97,-0.26;1,0"), k samples, the best by vᵀr over --objectives → DIR/dpa.jsonl
  fk     Feynman-Kac steering: k particles grown --chunk-tokens at a time (completions of the prefix),
         scored by the spec on the partial text, potentials --potential diff|max|sum|current with
         --lambda, resampled; the best particle per prompt → DIR/fk.jsonl
  vas    value augmented sampling: token by token, the model's --top-k next tokens (logprobs) reweighted
         by --beta × the spec's value of each prefix → DIR/vas.jsonl with each text's KL to the model
  bstar  B-STaR rounds: on --probe-prompts, sample at each of --temperatures, choose the temperature
         and threshold (--thresholds) with the best balance score; sample all prompts, keep distinct
         responses above the threshold; monitors (pass@k, distinct correct, reward@k, AUC) in stats.json;
         correctness from --correct-component NAME (≥ --correct-at)

Rounds (raft, dno, bstar): --rounds N; --between-rounds CMD runs after each round but the last, with
REWARDKIT_ROUND and REWARDKIT_ROUND_FILE set (e.g. a script that fine-tunes on the file and reloads the
server), so the next round samples the updated model.

Exit codes: 0 done, 2 bad usage or spec (nothing is written), 3 nothing usable (every prompt failed or
errored, or nothing was selected), 1 an internal failure or a failed --between-rounds command.

Examples:
  rewardkit generate raft --url http://127.0.0.1:8000/v1 --model qwen --spec spec.yaml \\
      --prompts prompts.jsonl --out runs/raft --k 8 --rounds 3 --between-rounds ./finetune.sh
  rewardkit generate dno --url http://127.0.0.1:8000/v1 --model qwen --spec judge.yaml \\
      --prompts prompts.jsonl --out runs/dno --k 5 --min-margin 0.3 --teacher-field gold
  rewardkit generate dpa --url ... --model ... --spec armo.yaml --objectives helpfulness,verbosity \\
      --prompts prompts.jsonl --out runs/dpa --k 8
  rewardkit generate fk --url ... --model ... --spec toxicity.yaml --prompts prompts.jsonl \\
      --out runs/fk --k 4 --chunk-tokens 16 --max-chunks 8 --potential max --lambda 10
  rewardkit generate vas --url ... --model ... --spec value.yaml --prompts prompts.jsonl \\
      --out runs/vas --top-k 10 --beta 2 --max-tokens 64
  rewardkit generate bstar --url ... --model ... --spec gsm8k.yaml --prompts train.jsonl --out runs/bstar \\
      --k 16 --temperatures 0.5,0.7,0.9,1.1 --thresholds 0,0.5,1 --correct-component correct --probe-prompts 64
`;

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description(
      "Generate with an OpenAI-compatible server (vLLM, SGLang, llama.cpp) and a reward spec: RAFT rounds, DNO pairs, DPA rejection sampling, Feynman-Kac steering, VAS, B-STaR.",
    )
    .argument("<method>", `one of ${Object.keys(methods).join(", ")}`)
    .option("--url <url>", "base URL of the server, e.g. http://127.0.0.1:8000/v1")
    .option("--model <name>", "the model name the server serves")
    .option("--api-key-env <name>", "environment variable holding the API key (sent as a Bearer token)")
    .option("--endpoint <kind>", "chat or completions (default: completions for fk and vas, else chat)")
    .option("--system <text>", "a system message before text prompts (chat)")
    .option("--spec <file>", "the reward spec (YAML or JSON); vas: the value estimate over prefixes")
    .option("--prompts <file>", "prompt rows (JSONL, JSONL.gz or Parquet)")
    .option("--prompt-field <path>", "where a row's prompt is (dot path)", "prompt")
    .option("--out <dir>", "the directory the files go to (created; its parent must exist)")
    .option("--k <n>", "samples per prompt (fk: particles; vas: texts per prompt)", "4")
    .option("--temperature <t>", "sampling temperature (server default when unset)")
    .option("--top-p <p>", "nucleus sampling")
    .option(
      "--max-tokens <n>",
      "tokens per sample (fk: the whole text is at most --chunk-tokens × --max-chunks)",
      "256",
    )
    .option("--stop <text>", "a stop sequence (repeatable)", collect, [])
    .option("--seed <n>", "seeds every request (servers that honour `seed` repeat exactly)", "1")
    .option("--rounds <n>", "raft, dno, bstar: rounds", "1")
    .option(
      "--between-rounds <command>",
      "raft, dno, bstar: a shell command run after each round but the last",
    )
    .option("--keep <n>", "raft: samples kept per prompt (global: keep × prompts over the round)", "1")
    .option("--selection <how>", "raft: local, global or sampled", "local")
    .option("--selection-temperature <t>", "raft --selection sampled: p ∝ exp(reward / t)", "1")
    .option("--pairing <how>", "dno: best_worst, best_vs_rest or all", "best_worst")
    .option("--min-margin <m>", "dno: pairs need a margin of at least m (default: above 0)")
    .option(
      "--preference <scale>",
      "dno: reward, or win_rate (each sample's win rate in its prompt)",
      "reward",
    )
    .option("--teacher-field <path>", "dno: a prompt row's reference answer, added as a candidate")
    .option("--beat-teacher", "dno: the chosen must score at least the teacher's answer")
    .option("--objectives <names>", "dpa: the spec's components, in the direction's order")
    .option("--angles <low,high>", "dpa: draw θ uniformly in degrees, v = (cos θ, sin θ)", "-45,0")
    .option("--directions <list>", 'dpa: directions to use in turn, e.g. "0.97,-0.26;1,0"')
    .option("--direction-template <text>", "dpa: the system prompt ({weights} is filled in)")
    .option("--chunk-tokens <n>", "fk: tokens between resampling points", "16")
    .option("--max-chunks <n>", "fk: chunks at most", "8")
    .option("--potential <kind>", "fk: diff, max, sum or current", "diff")
    .option("--lambda <x>", "fk: λ of the potentials", "10")
    .option("--adaptive", "fk: resample only when the effective sample size falls below k/2")
    .option("--resample-every <n>", "fk: resample after every n chunks", "1")
    .option("--reward-min <x>", "fk: the reward every particle starts with", "0")
    .option("--top-k <n>", "vas: next tokens reweighted", "10")
    .option("--beta <x>", "vas: strength β (0 is the model itself)", "1")
    .option("--temperatures <list>", "bstar: candidate temperatures, e.g. 0.5,0.7,0.9")
    .option("--thresholds <list>", "bstar: candidate reward thresholds (responses above one are kept)", "0")
    .option("--n-star <n>", "bstar: n*, distinct correct responses a prompt needs", "8")
    .option("--max-per-prompt <n>", "bstar: responses kept per prompt at most")
    .option("--probe-prompts <n>", "bstar: prompts the configuration search samples (0: all)", "0")
    .option(
      "--correct-component <name>",
      "bstar: the component that says a response is correct (default: the reward)",
    )
    .option("--correct-at <x>", "bstar: correct when that value is at least x", "1")
    .option("--concurrency <n>", "requests in flight at once", "16")
    .option("--retries <n>", "retries of a request on 429, 5xx, network errors", "3")
    .option("--request-timeout-ms <n>", "deadline of one HTTP attempt", "300000")
    .option("--requests-per-minute <n>", "rate limit")
    .option("--tokens-per-minute <n>", "rate limit on prompt + completion tokens")
    .option("--cache-file <file>", "a SQLite file caching replies across runs")
    .option(
      "--max-error-fraction <f>",
      "exit 3 when more than this fraction of prompts failed (default 1: only when every prompt failed)",
      "1",
    )
    .addHelpText("after", help)
    .action(async (method: string, flags: GenerateFlags) => {
      process.exitCode = await generate(method, flags);
    });
}

async function generate(method: string, flags: GenerateFlags): Promise<number> {
  let close: (() => void) | undefined;
  try {
    const entry = methods[method];
    if (!entry) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `unknown method "${method}" (one of ${Object.keys(methods).join(", ")})`,
      );
    }
    const run = await prepareRun({
      flags,
      defaultEndpoint: entry.endpoint,
      extraField:
        method === "dno" && flags.teacherField !== undefined ? String(flags.teacherField) : undefined,
    });
    close = () => run.client.close();
    return await entry.run(run);
  } catch (error) {
    return reportFailure(error);
  } finally {
    close?.();
  }
}
