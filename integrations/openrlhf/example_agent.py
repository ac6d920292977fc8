"""An OpenRLHF agent whose reward comes from a rewardkit server, and a run of it the way OpenRLHF's
MultiTurnAgentExecutor drives it (scripted model turns instead of vLLM; no GPU, no OpenRLHF needed).

    rewardkit serve --spec tool-use.yaml --port 8080 &        # docs/recipes/multi-turn.md
    python3 integrations/openrlhf/example_agent.py http://127.0.0.1:8080

In training: python3 -m openrlhf.cli.train_ppo_ray --train.agent_func_path integrations/openrlhf/example_agent.py ...
"""
import asyncio
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from rewardkit_agent import RewardkitEpisode  # noqa: E402

try:  # inside OpenRLHF rewards are tensors; this file also runs without torch
    import torch

    def as_reward(value):
        return torch.tensor(float(value))

except ImportError:

    def as_reward(value):
        return float(value)


URL = os.environ.get("REWARDKIT_URL", "http://127.0.0.1:8080")
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "calculate_triangle_area",
            "parameters": {
                "type": "object",
                "properties": {"base": {"type": "integer"}, "height": {"type": "integer"}},
                "required": ["base", "height"],
            },
        },
    }
]


def run_tools(action_text):
    """The environment: runs the <tool_call> in the turn, or ends the episode when there is none."""
    if "<tool_call>" not in action_text:
        return None, True
    call = json.loads(action_text.split("<tool_call>")[1].split("</tool_call>")[0])
    args = call.get("arguments", {})
    try:
        return json.dumps({"area": args["base"] * args["height"] / 2}), False
    except KeyError as error:
        return json.dumps({"error": f"missing argument {error}"}), False


class AgentInstance:  # in OpenRLHF: class AgentInstance(AgentInstanceBase)
    async def reset(self, states, **kwargs):
        self.episode = RewardkitEpisode(URL)
        self.episode.reset(prompt=states["observation"], label=states["label"], meta={"tools": TOOLS})
        return {"observation": states["observation"]}

    async def step(self, states, **kwargs):
        feedback, done = run_tools(states["action_text"])
        self.episode.add_turn(states["action_text"], feedback)
        result = self.episode.score() if done else None
        reward = result["reward"] if result else 0.0
        text = "" if done else f"<|im_end|>\n<|im_start|>user\n<tool_response>\n{feedback}\n</tool_response><|im_end|>\n<|im_start|>assistant\n"
        self.last_result = result
        return {
            "rewards": as_reward(reward),
            "scores": as_reward(reward),
            "environment_feedback": text,
            "done": done,
            "sampling_params": states.get("sampling_params"),
            "extra_logs": {},
        }


async def drive(turns, label):
    """What MultiTurnAgentExecutor does: reset, then step per generated turn, summing the rewards."""
    agent = AgentInstance()
    await agent.reset({"observation": "Find the area of a triangle with base 10 and height 5.", "label": label})
    total = 0.0
    for action in turns:
        result = await agent.step({"observation_text": "", "action_text": action, "label": label})
        reward = result["rewards"]
        total += reward.item() if hasattr(reward, "item") else reward
        if result["done"]:
            break
    return {"total_reward": total, "turn_rewards": agent.last_result.get("turn_rewards"), "messages": len(agent.episode.messages)}


if __name__ == "__main__":
    URL = sys.argv[1] if len(sys.argv) > 1 else URL
    call = '<tool_call>\n{"name": "calculate_triangle_area", "arguments": %s}\n</tool_call>'
    episodes = [
        [call % '{"base": 10, "height": 5}', "The area is 25 square units."],
        [call % '{"base": 10}', call % '{"base": 10, "height": 5}', "The area is 25 square units."],
    ]
    print(json.dumps([asyncio.run(drive(turns, "25")) for turns in episodes]))
