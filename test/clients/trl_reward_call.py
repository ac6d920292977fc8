"""Calls rewardkit_trl's reward function the way TRL's GRPOTrainer does (``_calculate_rewards``, 2026-07).

Every dataset column but prompt, completion and completion_ids is passed as a keyword list (one
entry per completion), with ``trainer_state``, ``log_extra`` and ``log_metric``; the call is
``reward_func(prompts=..., completions=..., completion_ids=..., **reward_kwargs)`` and a None
reward becomes NaN (TRL then skips that reward for the row).

Input on stdin: {"url", "prompts", "completions", "columns": {name: [...]}, "step"} (NaN and Infinity
tokens allowed, as a float column holds them). Output: {"rewards", "metrics", "extras"}, NaN as null.
"""

import json
import math
import sys

from rewardkit_trl import rewardkit_reward


class TrainerState:
    def __init__(self, step):
        self.global_step = step


def main():
    job = json.load(sys.stdin)
    metrics, extras = {}, {}
    reward_kwargs = dict(job["columns"])
    reward_kwargs["trainer_state"] = TrainerState(job.get("step", 0))
    reward_kwargs["log_extra"] = lambda column, values: extras.setdefault(column, []).extend(values)
    reward_kwargs["log_metric"] = lambda name, value: metrics.setdefault(name, []).append(value)
    reward_func = rewardkit_reward(job["url"], name="rewardkit")
    completions = job["completions"]
    output = reward_func(
        prompts=job["prompts"], completions=completions, completion_ids=[[1, 2]] * len(completions), **reward_kwargs
    )
    rewards = [reward if reward is not None else math.nan for reward in output]

    def finite(value):
        return None if isinstance(value, float) and not math.isfinite(value) else value

    print(
        json.dumps(
            {
                "rewards": [finite(reward) for reward in rewards],
                "metrics": {name: [finite(value) for value in values] for name, values in metrics.items()},
                "extras": {name: [finite(value) for value in values] for name, values in extras.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
