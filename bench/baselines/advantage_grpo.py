"""GRPO advantages two ways, shared by the advantage benchmark's Python scripts: verl's
compute_grpo_outcome_advantage as plain Python loops (verl does the same with per-element torch ops),
and vectorized numpy (np.unique + bincount). Both: mean and unbiased std per group, a group of one has
mean 0 and std 1, epsilon 1e-6."""
import math
from collections import defaultdict


def verl_style(scores, index, epsilon=1e-6):
    id2score = defaultdict(list)
    for score, idx in zip(scores, index):
        id2score[idx].append(score)
    id2mean, id2std = {}, {}
    for idx, values in id2score.items():
        if len(values) == 1:
            id2mean[idx], id2std[idx] = 0.0, 1.0
        else:
            mean = sum(values) / len(values)
            id2mean[idx] = mean
            id2std[idx] = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    return [(s - id2mean[i]) / (id2std[i] + epsilon) for s, i in zip(scores, index)]


def numpy_style(np, scores, index, epsilon=1e-6):
    keys, inverse, counts = np.unique(np.asarray(index), return_inverse=True, return_counts=True)
    values = np.asarray(scores, dtype=np.float64)
    sums = np.bincount(inverse, weights=values)
    means = sums / counts
    squares = np.bincount(inverse, weights=(values - means[inverse]) ** 2)
    stds = np.sqrt(squares / np.maximum(counts - 1, 1))
    means[counts == 1], stds[counts == 1] = 0.0, 1.0
    return (values - means[inverse]) / (stds[inverse] + epsilon)
