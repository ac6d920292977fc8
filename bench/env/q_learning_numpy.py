"""Tabular Q-learning over N four-rooms gridworlds in Python + numpy, the loop bench/env/q-learning.mjs
times beside rewardkit's VectorEnvironment and QLearningAgent: one Q table (a numpy array, cells × 4),
ε-greedy choice of the N actions with ties broken at random, one TD update per environment step
(Sutton & Barto eq. 6.8, no bootstrap on termination, bootstrap on truncation), same-step resets.
All of it vectorized over the environments. Imports and set-up happen before the clock starts.

Usage: python3 bench/env/q_learning_numpy.py LAYOUT.json ENVS STEPS WARMUP SEED LAST
Prints JSON: steps_per_second (timed steps only), episodes, and the success rate and mean length
of the LAST episodes that ended (the learning check).
"""

import json
import sys
import time

import numpy as np

WALL, GOAL = 1, 4
LEARNING_RATE, DISCOUNT, EPSILON = 0.5, 0.99, 0.1  # rewardkit's tabular defaults


class QLearning:
    def __init__(self, layout, envs, seed):
        self.moves = np.array(layout["moves"], dtype=np.int64).reshape(-1, 4)
        self.cells = np.array(layout["cells"], dtype=np.int8)
        self.start, self.limit = layout["start"], layout["maxEpisodeSteps"]
        self.envs = envs
        self.rng = np.random.default_rng(seed)
        self.q = np.zeros((len(layout["cells"]), 4))
        self.position = np.full(envs, self.start, dtype=np.int64)
        self.elapsed = np.zeros(envs, dtype=np.int64)
        self.returns, self.lengths = [], []

    def run(self, steps):
        q, moves, cells, rng, envs = self.q, self.moves, self.cells, self.rng, self.envs
        position, elapsed = self.position, self.elapsed
        for _ in range(steps):
            values = q[position]
            ties = values == values.max(axis=1, keepdims=True)
            greedy = np.argmax(rng.random((envs, 4)) * ties, axis=1)
            explore = rng.random(envs) < EPSILON
            actions = np.where(explore, rng.integers(0, 4, size=envs), greedy)
            target = moves[position, actions]
            following = np.where(cells[target] == WALL, position, target)
            elapsed += 1
            reached = cells[following] == GOAL
            rewards = reached.astype(np.float64)
            bootstrap = np.where(reached, 0.0, q[following].max(axis=1))
            current = q[position, actions]
            # Duplicate (state, action) pairs in one batch: the last write wins (plain fancy indexing).
            q[position, actions] = current + LEARNING_RATE * (rewards + DISCOUNT * bootstrap - current)
            done = reached | (elapsed >= self.limit)
            if done.any():
                self.returns.extend(rewards[done].tolist())
                self.lengths.extend(elapsed[done].tolist())
                following[done] = self.start
                elapsed[done] = 0
            position = following
        self.position = position


def main():
    layout_file = sys.argv[1]
    envs, steps, warmup, seed, last = (int(value) for value in sys.argv[2:7])
    with open(layout_file, encoding="utf-8") as handle:
        layout = json.load(handle)
    learner = QLearning(layout, envs, seed)
    learner.run(warmup)
    began = time.perf_counter()
    learner.run(steps)
    seconds = time.perf_counter() - began
    returns, lengths = learner.returns[-last:], learner.lengths[-last:]
    print(
        json.dumps(
            {
                "steps_per_second": envs * steps / seconds,
                "episodes": len(learner.returns),
                "success": sum(returns) / len(returns),
                "length": sum(lengths) / len(lengths),
            }
        )
    )


if __name__ == "__main__":
    main()
