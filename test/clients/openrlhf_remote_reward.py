"""Calls a reward server the way OpenRLHF's trainer does (openrlhf/utils/agent.py, HEAD of 2026-08).

``SingleTurnAgentExecutor.execute`` posts each rollout on its own once it is generated, and
``generate_responses`` runs every rollout of a prompt at once (the trainer sends every prompt of
the rollout batch at once too), so all rollouts are in flight together. For each request:

- a new ``aiohttp.ClientSession`` per try, with ``ClientTimeout(total=180)``;
- ``session.post(url, json={"query": [query], "prompts": [prompt], "labels": [label]})``: aiohttp
  encodes with ``json.dumps``, which writes NaN/Infinity for non-finite floats;
- ``raise_for_status()`` then ``response.json()``; any error is logged and retried after a fixed
  1 s sleep, 5 tries in all, ``Retry-After`` ignored; after the fifth the rollout keeps reward None;
- from the reply: ``scores`` (else ``rewards``), ``rewards`` and ``extra_logs``.

``query`` is the prompt plus the response decoded with special tokens kept (here the ChatML end
token). Input on stdin: {"url", "rollouts": [{"prompt", "response", "label"}]}. Output on stdout:
one JSON object per rollout, in order, with the attempts and statuses seen, then a summary line.
"""

import asyncio
import json
import sys
import time

import aiohttp

TRIES = 5


async def fetch_reward(url, query, prompt, label, seen):
    payload = {"query": [query], "prompts": [prompt], "labels": [label]}
    timeout = aiohttp.ClientTimeout(total=180)
    for _ in range(TRIES):
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.post(url, json=payload) as response:
                    seen.append(response.status)
                    response.raise_for_status()
                    return await response.json()
        except Exception as error:  # OpenRLHF logs every failure and tries again
            seen.append(type(error).__name__)
        await asyncio.sleep(1)
    raise RuntimeError(f"Request error for {TRIES} times, returning None. Please check the API server.")


async def execute(url, rollout):
    prompt, label = rollout["prompt"], rollout["label"]
    query = prompt + rollout["response"] + "<|im_end|>"
    output = {"reward": None, "scores": None, "extra_logs": {}, "error": None}
    seen = []
    try:
        info = await fetch_reward(url, query, prompt, label, seen)
        score = info.get("scores")
        if score is None:
            score = info.get("rewards")
        output.update(reward=info.get("rewards"), scores=score, extra_logs=info.get("extra_logs") or {})
    except Exception as error:  # OpenRLHF keeps the rollout with reward None
        output["error"] = str(error)
    output["statuses"] = seen
    return output


async def main():
    job = json.load(sys.stdin)
    started = time.monotonic()
    outputs = await asyncio.gather(*(execute(job["url"], rollout) for rollout in job["rollouts"]))
    for output in outputs:
        print(json.dumps(output))
    missing = sum(1 for output in outputs if output["reward"] is None)
    print(json.dumps({"rollouts": len(outputs), "without_reward": missing, "seconds": time.monotonic() - started}))


if __name__ == "__main__":
    asyncio.run(main())
