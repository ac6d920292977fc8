"""The advantage benchmark's Python side in process, timed the way rewardkit's side is (issue 25):
the rows are read and numpy is imported before any timer starts; GRPO runs over the same batches
(`batch` rows each, or the whole input when batch is 0), best of `passes` full passes, every pass
time reported. Writes each method's advantages as little-endian float64 files so the caller can
check them equal to rewardkit's before quoting a time.
Usage: advantage_inprocess.py rows.jsonl out-prefix batch passes -> JSON on stdout."""
import json
import sys
import time
from array import array

import numpy as np

from advantage_grpo import numpy_style, verl_style


def timed(compute, scores, index, batch, passes):
    size = batch or len(scores)
    times, result = [], None
    for _ in range(passes):
        started = time.perf_counter()
        parts = [compute(scores[s : s + size], index[s : s + size]) for s in range(0, len(scores), size)]
        times.append(time.perf_counter() - started)
        result = parts
    return times, result


def main(source, prefix, batch, passes):
    rows = [json.loads(line) for line in open(source)]
    scores = [row["reward"] for row in rows]
    index = [row["group"] for row in rows]
    verl_times, verl_parts = timed(verl_style, scores, index, batch, passes)
    numpy_times, numpy_parts = timed(lambda s, i: numpy_style(np, s, i), scores, index, batch, passes)
    with open(f"{prefix}-verl.f64", "wb") as out:
        array("d", [value for part in verl_parts for value in part]).tofile(out)
    with open(f"{prefix}-numpy.f64", "wb") as out:
        np.concatenate(numpy_parts).astype("<f8").tofile(out)
    print(json.dumps({"verl-style GRPO loop": verl_times, "numpy GRPO (np.unique + bincount)": numpy_times}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
