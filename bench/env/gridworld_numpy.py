"""The same gridworld stepped as in bench/env/run.mjs, in Python: vectorized over N environments
with numpy (the fast way to write it), and as a plain per-environment loop (how a Gymnasium
SyncVectorEnv steps Python environments). Reads the layout the JavaScript side wrote; prints JSON.

Usage: python3 bench/env/gridworld_numpy.py LAYOUT.json ENVS STEPS
"""

import json
import sys
import time

import numpy as np

WALL, GOAL = 1, 4


def numpy_vectorized(layout, envs, steps, seed=1):
    moves = np.array(layout["moves"], dtype=np.int64).reshape(-1, 4)
    cells = np.array(layout["cells"], dtype=np.int8)
    start, limit = layout["start"], layout["maxEpisodeSteps"]
    rng = np.random.default_rng(seed)
    position = np.full(envs, start, dtype=np.int64)
    elapsed = np.zeros(envs, dtype=np.int64)
    rewards = np.zeros(envs)
    episodes = 0
    began = time.perf_counter()
    for _ in range(steps):
        actions = rng.integers(0, 4, size=envs)
        target = moves[position, actions]
        position = np.where(cells[target] == WALL, position, target)
        elapsed += 1
        reached = cells[position] == GOAL
        rewards += reached
        done = reached | (elapsed >= limit)
        if done.any():
            episodes += int(done.sum())
            position[done] = start
            elapsed[done] = 0
    seconds = time.perf_counter() - began
    return {"steps_per_second": envs * steps / seconds, "episodes": episodes, "goals": int(rewards.sum())}


class GridEnv:
    """One gridworld in plain Python (reset/step returning Gymnasium's five values)."""

    def __init__(self, layout, rng):
        self.moves, self.cells = layout["moves"], layout["cells"]
        self.start, self.limit = layout["start"], layout["maxEpisodeSteps"]
        self.rng = rng

    def reset(self):
        self.position, self.elapsed = self.start, 0
        return self.position, {}

    def step(self, action):
        target = self.moves[self.position * 4 + action]
        if self.cells[target] != WALL:
            self.position = target
        self.elapsed += 1
        terminated = self.cells[self.position] == GOAL
        truncated = not terminated and self.elapsed >= self.limit
        return self.position, 1.0 if terminated else 0.0, terminated, truncated, {}


def python_loop(layout, envs, steps, seed=1):
    rng = np.random.default_rng(seed)
    worlds = [GridEnv(layout, rng) for _ in range(envs)]
    for world in worlds:
        world.reset()
    pending = [False] * envs
    episodes = 0
    began = time.perf_counter()
    for _ in range(steps):
        actions = rng.integers(0, 4, size=envs).tolist()
        for index, world in enumerate(worlds):
            if pending[index]:
                world.reset()
                pending[index] = False
                continue
            _, _, terminated, truncated, _ = world.step(actions[index])
            if terminated or truncated:
                pending[index] = True
                episodes += 1
    seconds = time.perf_counter() - began
    return {"steps_per_second": envs * steps / seconds, "episodes": episodes}


def main():
    layout_file, envs, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(layout_file, encoding="utf-8") as handle:
        layout = json.load(handle)
    best_numpy = max((numpy_vectorized(layout, envs, steps) for _ in range(3)), key=lambda r: r["steps_per_second"])
    loop_steps = max(1, steps // 10)
    best_loop = max((python_loop(layout, envs, loop_steps) for _ in range(3)), key=lambda r: r["steps_per_second"])
    print(json.dumps({"numpy": best_numpy, "loop": best_loop}))


if __name__ == "__main__":
    main()
