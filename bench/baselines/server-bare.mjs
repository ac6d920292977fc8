// The reward server benchmark's ceiling: the same reward on a bare node:http server (no framework,
// no engine, no validation, no metrics), for /v1/score and /get_reward. What any Node server doing
// JSON over HTTP on this machine cannot beat; N processes share the port through node:cluster.
// Usage: node bench/baselines/server-bare.mjs PORT [PROCESSES]
import cluster from "node:cluster";
import http from "node:http";

const port = Number(process.argv[2]);
const processes = Number(process.argv[3] ?? "1");
const format = /^<think>[\s\S]*<\/think>\s*<answer>[\s\S]*<\/answer>$/;
const endTokens = ["<|im_end|>", "<|endoftext|>", "<|eot_id|>", "</s>"];

function score(completion, reference) {
  const formatScore = format.test(completion) ? 1 : 0;
  const correct = reference != null && completion.trim() === String(reference).trim() ? 1 : 0;
  return { reward: 0.2 * formatScore + correct, components: { format: formatScore, correct } };
}

function getReward(body) {
  const rewards = [];
  const formats = [];
  const corrects = [];
  body.query.forEach((query, index) => {
    const prompt = body.prompts?.[index] ?? "";
    let completion = query.startsWith(prompt) ? query.slice(prompt.length) : query;
    for (
      let token = endTokens.find((end) => completion.endsWith(end));
      token;
      token = endTokens.find((end) => completion.endsWith(end))
    )
      completion = completion.slice(0, -token.length);
    const result = score(completion, body.labels?.[index]);
    rewards.push(result.reward);
    formats.push(result.components.format);
    corrects.push(result.components.correct);
  });
  return { rewards, scores: rewards, extra_logs: { format: formats, correct: corrects } };
}

const routes = {
  "/v1/score": (body) => ({
    results: body.samples.map((sample) => score(sample.completion, sample.reference)),
  }),
  "/get_reward": getReward,
};

if (processes > 1 && cluster.isPrimary) {
  for (let index = 0; index < processes; index++) cluster.fork();
} else {
  http
    .createServer((request, response) => {
      const chunks = [];
      request.on("data", (chunk) => chunks.push(chunk));
      request.on("end", () => {
        const out = JSON.stringify(routes[request.url](JSON.parse(Buffer.concat(chunks).toString())));
        response.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(out),
        });
        response.end(out);
      });
    })
    .listen(port, "127.0.0.1");
}
