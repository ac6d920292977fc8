// The reward both ceilings of the server benchmark compute (server-bare.mjs, server-fastify.mjs): the
// spec of bench/server/spec.yaml written by hand, 0.2 × format + exact match, and the two protocols'
// replies (/v1/score, OpenRLHF's /get_reward).
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

export const routes = {
  "/v1/score": (body) => ({
    results: body.samples.map((sample) => score(sample.completion, sample.reference)),
  }),
  "/get_reward": getReward,
};
