"""A TRL reward function that calls a rewardkit server. Standard library only.

    from rewardkit_trl import rewardkit_reward
    trainer = GRPOTrainer(model=..., reward_funcs=[rewardkit_reward("http://127.0.0.1:8080")], ...)

The function follows TRL's convention ``f(prompts, completions, completion_ids, **columns)`` and
returns one float per completion, or ``None`` where the reward does not apply (the server's
``NOT_APPLICABLE`` error), which TRL treats as "skip this reward for this row". Prompts and
completions may be strings or chat message lists. The reference comes from the dataset column
``reference_key`` (default: the first of reference, answer, solution, ground_truth, label); the other
JSON-serialisable columns travel in ``meta``. ``trainer_state.global_step`` is sent as the step, so
stateful rewards (schedules, constraints, running normalisation) follow training.

Multi-turn rollouts (``GRPOTrainer(tools=...)`` or ``environment_factory``): completions are message
lists holding the assistant turns, their ``tool_calls`` and the ``tool`` results; they are sent as they
are, and a spec with a ``turns`` node returns one score per turn, logged with ``log_extra`` as
``<name>/turn_rewards``. A dataset column ``tools`` (the tool schemas) travels in ``meta.tools``, where
``tool_call_valid`` finds it.

Per-component metrics: each component's batch mean (over the completions where it did not fail)
is logged with TRL's ``log_metric`` as ``<name>/<component>`` (and ``<name>/error_rate``), and each
completion's values with ``log_extra`` into the completions table (None where it failed). The metric names come from the server's ``/healthz`` component list,
so every rank logs the same names. A request that fails after every retry raises.
"""

import asyncio
import json
import logging
import os
import time
import urllib.error
import urllib.request

logger = logging.getLogger("rewardkit.trl")

_RETRY_STATUSES = {429, 502, 503, 504}
_REFERENCE_KEYS = ("reference", "answer", "solution", "ground_truth", "label")
_NOT_COLUMNS = {"trainer_state", "log_extra", "log_metric", "environments", "completion_ids"}


def _to_json(value):
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _headers(api_key):
    # The server's --api-key-env key, sent as a bearer token; never logged here.
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    return headers


def _request(url, body, timeout, retries, api_key=None):
    """GETs (body None) or POSTs JSON; retries transient failures with backoff and Retry-After."""
    data = None if body is None else json.dumps(body, default=_to_json).encode("utf-8")
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


def _is_json(value):
    try:
        json.dumps(value, default=_to_json)
        return True
    except (TypeError, ValueError):
        return False


def rewardkit_reward(
    url=None,
    *,
    name="rewardkit",
    reference_key=None,
    run=None,
    timeout=None,
    retries=None,
    log_components=True,
    api_key=None,
):
    """Builds a TRL reward function backed by the rewardkit server at ``url``.

    ``url`` defaults to ``REWARDKIT_URL`` (else http://127.0.0.1:8080); ``run`` to ``REWARDKIT_RUN``;
    ``timeout`` (seconds per try) to ``REWARDKIT_TIMEOUT`` or 300; ``retries`` to ``REWARDKIT_RETRIES`` or 5;
    ``api_key`` (for a server started with ``--api-key-env``, sent as ``Authorization: Bearer``) to
    ``REWARDKIT_API_KEY``.
    """
    base = (url or os.environ.get("REWARDKIT_URL") or "http://127.0.0.1:8080").rstrip("/")
    run = run or os.environ.get("REWARDKIT_RUN")
    timeout = float(timeout if timeout is not None else os.environ.get("REWARDKIT_TIMEOUT", 300))
    retries = int(retries if retries is not None else os.environ.get("REWARDKIT_RETRIES", 5))
    api_key = api_key or os.environ.get("REWARDKIT_API_KEY")
    known = {}

    def component_names():
        if "names" not in known:
            known["names"] = list(_request(f"{base}/healthz", None, timeout, retries, api_key).get("components", []))
        return known["names"]

    def reward_func(prompts, completions, completion_ids=None, **kwargs):
        reference_column = reference_key or next((key for key in _REFERENCE_KEYS if key in kwargs), None)
        columns = {
            key: values
            for key, values in kwargs.items()
            if key not in _NOT_COLUMNS and key != reference_column and isinstance(values, (list, tuple))
        }
        samples = []
        for index, (prompt, completion) in enumerate(zip(prompts, completions)):
            sample = {"prompt": prompt, "completion": completion}
            if reference_column is not None and kwargs[reference_column][index] is not None:
                sample["reference"] = kwargs[reference_column][index]
            meta = {key: values[index] for key, values in columns.items() if index < len(values) and _is_json(values[index])}
            if meta:
                sample["meta"] = meta
            samples.append(sample)
        body = {"samples": samples}
        if run:
            body["run"] = run
        state = kwargs.get("trainer_state")
        if state is not None and getattr(state, "global_step", None) is not None:
            body["step"] = int(state.global_step)
        results = _request(f"{base}/v1/score", body, timeout, retries, api_key)["results"]

        rewards = []
        errors = {}
        for result in results:
            error = result.get("error")
            if error is not None:
                errors[error["code"]] = errors.get(error["code"], 0) + 1
            rewards.append(None if error is not None and error["code"] == "NOT_APPLICABLE" else float(result["reward"]))
        if errors:
            logger.warning("rewardkit: %d of %d completions had errors: %s", sum(errors.values()), len(results), errors)

        log_metric = kwargs.get("log_metric")
        log_extra = kwargs.get("log_extra")
        if log_components and (log_metric is not None or log_extra is not None):
            for component in component_names():
                # A component that failed for a sample (its on_error value) is left out of the mean.
                values = [
                    None if (result.get("error") or {}).get("node") == component else result["components"].get(component)
                    for result in results
                ]
                present = [value for value in values if value is not None]
                if log_metric is not None:
                    log_metric(f"{name}/{component}", sum(present) / len(present) if present else float("nan"))
                if log_extra is not None:
                    log_extra(f"{name}/{component}", values)
            if log_metric is not None:
                log_metric(f"{name}/error_rate", sum(errors.values()) / len(results) if results else 0.0)
            if log_extra is not None:
                log_extra(f"{name}/error", [result["error"]["code"] if result.get("error") else None for result in results])
        if log_extra is not None and any("turn_rewards" in result for result in results):
            # Multi-turn rollouts (GRPOTrainer with tools): one score per assistant turn, from a `turns` node.
            log_extra(f"{name}/turn_rewards", [result.get("turn_rewards") for result in results])
        return rewards

    reward_func.__name__ = name
    return reward_func


def rewardkit_reward_async(url=None, **options):
    """The same reward as an ``async def``: TRL gathers async reward functions concurrently."""
    reward_func = rewardkit_reward(url, **options)

    async def async_reward_func(prompts, completions, completion_ids=None, **kwargs):
        return await asyncio.to_thread(reward_func, prompts, completions, completion_ids, **kwargs)

    async_reward_func.__name__ = reward_func.__name__
    return async_reward_func
