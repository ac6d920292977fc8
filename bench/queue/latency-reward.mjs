// A judge-shaped reward for the queue benchmark: 5 ms of waiting per sample (as for a remote model),
// then a cheap check. Its throughput grows with concurrency, so more workers should score faster.
export default async function latencyReward(sample) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return String(sample.completion).includes("<answer>") ? 1 : 0;
}
