"""Multi-turn rewards from a rewardkit server for OpenRLHF's agent mode. Standard library only.

In agent mode (``--train.agent_func_path my_agent.py``) OpenRLHF's ``MultiTurnAgentExecutor`` calls your
``AgentInstance.step(states)`` after every generation with ``states["action_text"]`` (the model's turn)
and sums the ``rewards`` that ``step`` returns over the episode; no remote reward model is called. A
``RewardkitEpisode`` keeps the episode as chat messages (the model's turns, the environment's feedback
as ``tool`` or ``user`` messages) and, when the episode ends, sends the whole conversation to the
server's ``/v1/score``: its reward goes on the last step, 0 on the others, so the sum OpenRLHF takes is
the conversation's reward. The result's ``turn_rewards`` (from a ``turns`` node) and components are
there for logging.

    from rewardkit_agent import RewardkitEpisode

    class AgentInstance(AgentInstanceBase):
        async def reset(self, states, **kwargs):
            self.episode = RewardkitEpisode("http://127.0.0.1:8080")
            self.episode.reset(prompt=states["observation"], label=states["label"])
            return {"observation": states["observation"]}

        async def step(self, states, **kwargs):
            feedback, done = run_tools(states["action_text"])          # your environment
            self.episode.add_turn(states["action_text"], feedback)
            reward = self.episode.score()["reward"] if done else 0.0
            return {"rewards": torch.tensor(reward), "scores": torch.tensor(reward), "done": done,
                    "environment_feedback": template(feedback), ...}

Configuration as in the other shims: ``REWARDKIT_URL``, ``REWARDKIT_RUN``, ``REWARDKIT_TIMEOUT``,
``REWARDKIT_RETRIES``, ``REWARDKIT_API_KEY`` (sent as ``Authorization: Bearer``). A request that fails after every retry raises.
"""

import json
import logging
import os
import time
import urllib.error
import urllib.request

logger = logging.getLogger("rewardkit.openrlhf")

_RETRY_STATUSES = {429, 502, 503, 504}
# End-of-turn tokens a decoded action may still carry.
_END_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "</s>", "<end_of_turn>")


def _headers(api_key):
    # The server's --api-key-env key, sent as a bearer token; never logged here.
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    return headers


def _post(url, body, timeout, retries, api_key=None):
    data = json.dumps(body).encode("utf-8")
    last_error = None
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, data=data, headers=_headers(api_key))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace")
            if error.code not in _RETRY_STATUSES:
                raise RuntimeError(f"rewardkit server refused the request ({error.code}): {detail}") from None
            last_error = f"{error.code}: {detail}"
            wait = float(error.headers.get("Retry-After") or 0) or min(30.0, 0.5 * 2**attempt)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last_error = str(error)
            wait = min(30.0, 0.5 * 2**attempt)
        if attempt < retries:
            logger.warning("rewardkit: %s failed (%s); retrying in %.1fs", url, last_error, wait)
            time.sleep(wait)
    raise RuntimeError(f"rewardkit server at {url} failed after {retries + 1} tries: {last_error}")


class RewardkitEpisode:
    """One agent episode as chat messages, scored by a rewardkit server when it ends."""

    def __init__(self, url=None, run=None, timeout=None, retries=None, feedback_role="tool", api_key=None):
        self.url = (url or os.environ.get("REWARDKIT_URL") or "http://127.0.0.1:8080").rstrip("/")
        self.run = run or os.environ.get("REWARDKIT_RUN")
        self.timeout = float(timeout if timeout is not None else os.environ.get("REWARDKIT_TIMEOUT", 300))
        self.retries = int(retries if retries is not None else os.environ.get("REWARDKIT_RETRIES", 5))
        self.feedback_role = feedback_role
        self.api_key = api_key or os.environ.get("REWARDKIT_API_KEY")
        self.reset("")

    def reset(self, prompt, label=None, meta=None):
        """Starts an episode: the prompt (text or messages), the label (the reference) and any meta."""
        self.prompt = prompt
        self.label = label
        self.meta = meta
        self.messages = []

    def add_turn(self, action_text, feedback=None, role=None):
        """Adds the model's turn and, when the environment answered, its feedback (plain text, no template)."""
        text = action_text
        for token in _END_TOKENS:
            text = text.split(token)[0] if token in text else text
        self.messages.append({"role": "assistant", "content": text})
        if feedback is not None:
            self.messages.append({"role": role or self.feedback_role, "content": feedback})

    def sample(self):
        """The episode as a rewardkit row."""
        sample = {"prompt": self.prompt, "completion": self.messages}
        if self.label is not None:
            sample["reference"] = self.label
        if self.meta:
            sample["meta"] = self.meta
        return sample

    def score(self, step=None):
        """Scores the episode: the server's result ({reward, components, turn_rewards?, error?})."""
        body = {"samples": [self.sample()]}
        if self.run:
            body["run"] = self.run
        if step is not None:
            body["step"] = int(step)
        result = _post(f"{self.url}/v1/score", body, self.timeout, self.retries, self.api_key)["results"][0]
        if result.get("error"):
            logger.warning("rewardkit: episode scored with an error: %s", result["error"])
        return result
