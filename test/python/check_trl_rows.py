"""Check that a JSONL file loads as TRL expects it, with plain json (TRL itself is not installed here).

Usage: python3 check_trl_rows.py FILE sft|preference

TRL (trl/data_utils.py, trainer/sft_trainer.py, trainer/dpo_trainer.py) reads:
  - prompt-completion rows {"prompt", "completion"} (SFTTrainer) and preference rows
    {"prompt", "chosen", "rejected"} (DPOTrainer; RewardTrainer also reads "margin");
  - "standard" rows hold strings, "conversational" rows hold lists of {"role", "content"} messages;
    a row is conversational when its first supported key holds such a list (is_conversational);
  - it concatenates prompt + completion (prompt + chosen, prompt + rejected), so within a row these
    must all be strings or all be message lists, and the trainer decides the format from the first
    row, so every row must have the same format.
OpenRLHF's DPO (RewardDataset) reads the same keys: --data.prompt_key prompt, --data.chosen_key chosen,
--data.rejected_key rejected, and "margin" when present; with --data.apply_chat_template it computes
prompt + chosen on message lists.
Prints one JSON line with the counts and exits 1 with the first problem found.
"""

import json
import sys


def is_messages(value):
    return (
        isinstance(value, list)
        and len(value) > 0
        and all(isinstance(message, dict) and "role" in message and "content" in message for message in value)
    )


def kind_of(value, where):
    if isinstance(value, str):
        return "standard"
    if is_messages(value):
        for message in value:
            if not isinstance(message["role"], str) or not isinstance(message["content"], str):
                fail(f"{where}: a message's role and content must be strings")
        return "conversational"
    fail(f"{where}: expected a string or a list of {{role, content}} messages, got {type(value).__name__}")


def fail(message):
    print(json.dumps({"ok": False, "problem": message}))
    sys.exit(1)


def main():
    path, kind = sys.argv[1], sys.argv[2]
    keys = ["prompt", "completion"] if kind == "sft" else ["prompt", "chosen", "rejected"]
    formats = set()
    rows = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            rows += 1
            for key in keys:
                if key not in row:
                    fail(f"line {number}: no {key!r}")
            row_formats = {kind_of(row[key], f"line {number} {key}") for key in keys}
            if len(row_formats) != 1:
                fail(f"line {number}: {', '.join(keys)} mix strings and message lists")
            formats |= row_formats
            if kind == "preference":
                margin = row.get("margin")
                if not isinstance(margin, (int, float)) or isinstance(margin, bool):
                    fail(f"line {number}: margin must be a number")
                if row["chosen"] == row["rejected"]:
                    fail(f"line {number}: chosen and rejected are the same")
                if "group" in row and row["group"] is not None and not isinstance(row["group"], str):
                    fail(f"line {number}: group must be a string (one Arrow column)")
    if len(formats) > 1:
        fail("rows mix standard and conversational formats; TRL decides the format from the first row")
    print(json.dumps({"ok": True, "rows": rows, "format": formats.pop() if formats else None}))


if __name__ == "__main__":
    main()
