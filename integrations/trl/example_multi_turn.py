"""Calls the TRL reward function the way GRPOTrainer does after a multi-turn tool loop.

    rewardkit serve --spec tool-use.yaml --port 8080 &      # docs/recipes/multi-turn.md
    python3 integrations/trl/example_multi_turn.py http://127.0.0.1:8080

GRPOTrainer(tools=[...]) parses each assistant turn's tool calls, runs them, appends
{"role": "tool", "name": ..., "content": str(result)} messages (str({"error": ...}) when a call
raises) and generates again; the reward functions then get the whole exchange as `completions`.
The dataset's `tools` column (the schemas) reaches the server in `meta.tools`.
"""
import json
import sys

from rewardkit_trl import rewardkit_reward

url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
question = "Find the area of a triangle with a base of 10 units and height of 5 units."
tools = [
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


def call(arguments):
    return {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "function": {"name": "calculate_triangle_area", "arguments": arguments}}]}


def result(content):
    return {"role": "tool", "name": "calculate_triangle_area", "content": content}


answer = {"role": "assistant", "content": "The area is 25 square units."}
completions = [
    [call({"base": 10, "height": 5}), result(str({"area": 25.0})), answer],
    [call({"base": 10}), result(str({"error": "missing 1 required positional argument: 'height'"})), call({"base": 10, "height": 5}), result(str({"area": 25.0})), answer],
]
table = {}
reward = rewardkit_reward(url, name="tools")
rewards = reward(
    prompts=[[{"role": "user", "content": question}] for _ in completions],
    completions=completions,
    completion_ids=None,
    answer=["25" for _ in completions],
    tools=[tools for _ in completions],
    log_extra=lambda column, values: table.setdefault(column, []).extend(values),
)
print(json.dumps({"rewards": rewards, "turn_rewards": table.get("tools/turn_rewards")}))
