"""The advantage benchmark's Python reference, end to end: read JSONL, compute GRPO the way verl's
compute_grpo_outcome_advantage does (a dict of lists per group, mean and unbiased std, a group of one
has mean 0 and std 1, epsilon 1e-6) in plain Python, write JSONL with `advantage`, and exit. Nothing
else runs after the output is written, so the process's wall time is the end-to-end cost (issue 25).
The in-process timings live in advantage_inprocess.py."""
import json
import sys

from advantage_grpo import verl_style


def main(source, target):
    rows = [json.loads(line) for line in open(source)]
    scores = [row["reward"] for row in rows]
    index = [row["group"] for row in rows]
    advantages = verl_style(scores, index)
    with open(target, "w") as out:
        for row, advantage in zip(rows, advantages):
            row["advantage"] = advantage
            out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
