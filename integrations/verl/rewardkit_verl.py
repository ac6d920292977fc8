"""verl reward functions that call a rewardkit server. Standard library only.

Per-sample (the reward loop, verl's default, with ``reward_model.reward_manager`` naive, dapo or
limited; or the legacy ``naive``/``dapo`` managers)::

    custom_reward_function:
      path: integrations/verl/rewardkit_verl.py
      name: compute_score
      reward_kwargs: {url: "http://127.0.0.1:8080", run: my-run}

Batch (the legacy ``batch`` manager: ``reward_model.use_reward_loop=False`` and
``reward_model.reward_manager=batch``; the reward loop has no ``batch`` manager)::

    custom_reward_function:
      path: integrations/verl/rewardkit_verl.py
      name: compute_score_batch

Both return verl's dict form: ``{"score": reward, "<component>": value, ..., "rewardkit_error": 0 or 1}``
with the same keys for every sample, so verl logs each component (``reward_extra_info``).

Configuration: keyword arguments (verl's ``reward_kwargs``) or the environment: ``REWARDKIT_URL``,
``REWARDKIT_RUN``, ``REWARDKIT_TIMEOUT`` (seconds per try, default 300), ``REWARDKIT_RETRIES``
(default 5; connection errors, 429, 502, 503 with Retry-After, 504), ``REWARDKIT_API_KEY`` (sent as
``Authorization: Bearer``, for a server started with ``--api-key-env``; keep it in the environment
rather than in ``reward_kwargs``, which verl prints with its config). A sample the server could not
score keeps its spec's ``on_error`` score, is flagged ``rewardkit_error: 1`` and logged with its error
code; a request that fails after every retry raises, so a dead server never turns into silent zeros.
"""

import json
import logging
import os
import time
import urllib.error
import urllib.request

logger = logging.getLogger("rewardkit.verl")

_RETRY_STATUSES = {429, 502, 503, 504}


def _to_json(value):
    # numpy arrays and scalars (verl passes them) become lists and plain numbers
    if hasattr(value, "tolist"):
        return value.tolist()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _settings(url, run, timeout, retries, api_key):
    return (
        (url or os.environ.get("REWARDKIT_URL") or "http://127.0.0.1:8080").rstrip("/"),
        run or os.environ.get("REWARDKIT_RUN"),
        float(timeout if timeout is not None else os.environ.get("REWARDKIT_TIMEOUT", 300)),
        int(retries if retries is not None else os.environ.get("REWARDKIT_RETRIES", 5)),
        api_key or os.environ.get("REWARDKIT_API_KEY"),
    )


def _headers(api_key):
    # The server's --api-key-env key, sent as a bearer token; never logged here.
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    return headers


def _post(url, body, timeout, retries, api_key=None):
    """POSTs JSON and returns the decoded reply, retrying transient failures with backoff."""
    data = json.dumps(body, default=_to_json).encode("utf-8")
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


def _log_errors(errors):
    for error in errors:
        logger.warning(
            "rewardkit: sample %s scored its on_error value: %s %s",
            error.get("index"),
            error.get("code"),
            error.get("message"),
        )


def compute_score(
    data_source, solution_str, ground_truth, extra_info=None, url=None, run=None, step=None, timeout=None, retries=None, api_key=None, **kwargs
):
    """verl's ``compute_score(data_source, solution_str, ground_truth, extra_info)``; returns a dict."""
    base, run, timeout, retries, api_key = _settings(url, run, timeout, retries, api_key)
    body = {"data_source": data_source, "solution_str": solution_str, "ground_truth": ground_truth, "extra_info": extra_info}
    if run:
        body["run"] = run
    if step is not None:
        body["step"] = int(step)
    reply = _post(f"{base}/v1/verl/compute_score", body, timeout, retries, api_key)
    if "error" in reply:
        _log_errors([{"index": 0, **reply["error"]}])
    return reply["result"]


def compute_score_batch(
    data_sources, solution_strs, ground_truths, extra_infos=None, url=None, run=None, step=None, timeout=None, retries=None, api_key=None, **kwargs
):
    """verl's batch reward manager form (plural keys); returns one dict per response."""
    base, run, timeout, retries, api_key = _settings(url, run, timeout, retries, api_key)
    body = {
        "data_sources": list(data_sources),
        "solution_strs": list(solution_strs),
        "ground_truths": list(ground_truths) if ground_truths is not None else None,
        "extra_infos": list(extra_infos) if extra_infos is not None else None,
    }
    if run:
        body["run"] = run
    if step is not None:
        body["step"] = int(step)
    reply = _post(f"{base}/v1/verl/compute_score_batch", body, timeout, retries, api_key)
    _log_errors(reply.get("errors", []))
    return reply["results"]
