"""Calls rewardkit_verl the way verl's reward managers call a custom reward function (verl, 2026-01).

- ``custom_reward_function`` loading (verl/trainer/ppo/reward.py): the function is wrapped so that
  ``reward_kwargs`` from the config are merged into every call's keyword arguments.
- ``naive`` (legacy, verl/workers/reward_manager/naive.py): one keyword call per sample, in order,
  with ``extra_info`` extended by ``num_turns`` and ``rollout_reward_scores``.
- ``batch`` (legacy, verl/workers/reward_manager/batch.py): one keyword call with plural keys.
- ``reward_loop`` (the default, ``use_reward_loop: True``; verl/experimental/reward_loop): the
  ``naive`` loop manager scores every sample of the batch at once, each in the event loop's default
  thread pool (``run_in_executor(None, ...)``), with the same keyword call as the legacy ``naive``.

A dict result gives ``score`` as the reward and every key to ``reward_extra_info``, as verl collects it.
Input on stdin: {"mode", "reward_kwargs", "items": [{"data_source", "solution", "ground_truth", "extra_info"}]}
(NaN and Infinity tokens allowed). Output: {"rewards": [...], "reward_extra_info": {key: [...]}}.
"""

import asyncio
import json
import sys
from collections import defaultdict

import rewardkit_verl


def custom_reward_function(name, reward_kwargs):
    raw = getattr(rewardkit_verl, name)

    def call(*args, **kwargs):
        return raw(*args, **{**kwargs, **reward_kwargs})

    return call


def extra_info_of(item):
    info = dict(item.get("extra_info") or {})
    info["num_turns"] = None
    info["rollout_reward_scores"] = {}
    return info


def naive(items, reward_kwargs):
    compute_score = custom_reward_function("compute_score", reward_kwargs)
    return [
        compute_score(
            data_source=item["data_source"],
            solution_str=item["solution"],
            ground_truth=item["ground_truth"],
            extra_info=extra_info_of(item),
        )
        for item in items
    ]


def batch(items, reward_kwargs):
    compute_score = custom_reward_function("compute_score_batch", reward_kwargs)
    return compute_score(
        data_sources=[item["data_source"] for item in items],
        solution_strs=[item["solution"] for item in items],
        ground_truths=[item["ground_truth"] for item in items],
        extra_infos=[extra_info_of(item) for item in items],
    )


def reward_loop(items, reward_kwargs):
    compute_score = custom_reward_function("compute_score", reward_kwargs)

    async def run_single(item):
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None,
            lambda: compute_score(
                data_source=item["data_source"],
                solution_str=item["solution"],
                ground_truth=item["ground_truth"],
                extra_info=extra_info_of(item),
            ),
        )

    async def run_all():
        return await asyncio.gather(*(asyncio.create_task(run_single(item)) for item in items))

    return asyncio.run(run_all())


def main():
    job = json.load(sys.stdin)
    results = {"naive": naive, "batch": batch, "reward_loop": reward_loop}[job["mode"]](job["items"], job["reward_kwargs"])
    rewards, extra = [], defaultdict(list)
    for result in results:
        if isinstance(result, dict):
            rewards.append(result["score"])
            for key, value in result.items():
                extra[key].append(value)
        else:
            rewards.append(result)
    print(json.dumps({"rewards": rewards, "reward_extra_info": extra}))


if __name__ == "__main__":
    main()
