"""The turns benchmark's Python reference: the same reward as bench/turns/spec.yaml (each assistant
turn scored by the share of its tool calls whose result is not an error, averaged over the turns),
written the way one would by hand, with the same rules as rewardkit's tool_success.

    python3 turns_baseline.py loop ROWS.jsonl ROUNDS      # CPU time of the scoring loop on parsed rows
    python3 turns_baseline.py file ROWS.jsonl OUT.jsonl   # reads, scores and writes, end to end
"""
import json
import re
import sys
import time

PREFIXES = ("Error when executing tool", "Error:", "ERROR:")
PY_ERROR = re.compile(r"""^\{\s*['"]error['"]\s*:(?!\s*(?:None|null|False|false)\b|\s*(?:''|""|\[\]|\{\}|[,}]))""")
TAG = re.compile(r"<tool_call>([\s\S]*?)</tool_call>")


def present(value):
    return value not in (None, False, "", [], {})


def content_text(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def failed(message):
    if present(message.get("error")) or message.get("is_error") is True or message.get("status") == "error":
        return True
    text = content_text(message.get("content")).strip()
    if text.startswith("{"):
        try:
            parsed = json.loads(text)
            if isinstance(parsed, dict):
                return present(parsed.get("error"))
        except ValueError:
            if PY_ERROR.match(text):
                return True
    return any(text.startswith(prefix) for prefix in PREFIXES)


def turn_score(assistant, results):
    calls = assistant.get("tool_calls") or []
    ids = [call.get("id") for call in calls] if calls else []
    if not calls:
        calls = TAG.findall(content_text(assistant.get("content")))
        ids = [None] * len(calls)
    if not calls:
        return 1.0
    answer = [None] * len(calls)
    unmatched = []
    for result in results:
        key = result.get("tool_call_id")
        slot = next((i for i, id_ in enumerate(ids) if key is not None and id_ == key and answer[i] is None), None)
        if slot is None:
            unmatched.append(result)
        else:
            answer[slot] = result
    for i in range(len(calls)):
        if answer[i] is None and unmatched:
            answer[i] = unmatched.pop(0)
    good = sum(1 for result in answer if result is not None and not failed(result))
    return good / len(calls)


def reward(row):
    completion = row["completion"]
    if isinstance(completion, str):
        return 1.0
    scores = []
    for index, message in enumerate(completion):
        if message.get("role") != "assistant":
            continue
        end = index + 1
        while end < len(completion) and completion[end].get("role") == "tool":
            end += 1
        scores.append(turn_score(message, completion[index + 1 : end]))
    return sum(scores) / len(scores)


def main():
    mode, source = sys.argv[1], sys.argv[2]
    if mode == "loop":
        rounds = int(sys.argv[3])
        with open(source) as handle:
            rows = [json.loads(line) for line in handle]
        times = []
        checksum = 0.0
        for _ in range(rounds):
            started = time.process_time()
            checksum = sum(reward(row) for row in rows)
            times.append(time.process_time() - started)
        times.sort()
        print(json.dumps({"seconds": times[len(times) // 2], "checksum": checksum, "rows": len(rows)}))
    else:
        with open(source) as rows, open(sys.argv[3], "w") as out:
            for line in rows:
                row = json.loads(line)
                row["reward"] = reward(row)
                out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
