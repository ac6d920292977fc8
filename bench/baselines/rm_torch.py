"""PyTorch baseline for bench/rm: the same hashed linear Bradley-Terry model as rewardkit's.

Features are computed exactly as rewardkit's TextFeaturizer (hand features off) does: UTF-16 code
units, ASCII lowercased, word runs ([0-9A-Za-z_] or unit >= 128) and single punctuation tokens,
FNV-1a token hashes, word 1-2-gram keys mixed FNV-style from seed 0x811c9dc5 + n and finished with
MurmurHash3's fmix32, bucket = key & (2^bits - 1), sign from the key's top bit, sign(c)*log1p(|c|),
then unit L2 norm. The model is nn.EmbeddingBag(2^bits, 1, sparse=True) initialised to zero,
trained with SparseAdam (the update rule rewardkit's lazy Adam follows), minibatches in file order,
early stopping on validation loss with the best epoch's weights kept.

Usage: python3 rm_torch.py FOLDER CONFIG_JSON   (prints one JSON line)
"""
import json
import math
import sys
import time
from array import array

import torch
import torch.nn.functional as F

MASK32 = 0xFFFFFFFF
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193


def fmix32(h):
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK32
    h ^= h >> 16
    return h


def is_word(u):
    return 48 <= u <= 57 or 65 <= u <= 90 or 97 <= u <= 122 or u == 95 or u >= 128


def token_hashes(text):
    units = array("H")
    units.frombytes(text.encode("utf-16-le"))
    hashes = []
    i, n = 0, len(units)
    while i < n:
        u = units[i]
        if u <= 32:
            i += 1
            continue
        h = FNV_OFFSET
        if is_word(u):
            while i < n:
                u = units[i]
                if not is_word(u):
                    break
                if 65 <= u <= 90:
                    u += 32
                h = ((h ^ u) * FNV_PRIME) & MASK32
                i += 1
        else:
            h = ((h ^ u) * FNV_PRIME) & MASK32
            i += 1
        hashes.append(h)
    return hashes


def featurize(text, bits):
    mask = (1 << bits) - 1
    tokens = token_hashes(text)
    counts = {}
    for n in (1, 2):
        seed = (FNV_OFFSET + n) & MASK32
        for start in range(len(tokens) - n + 1):
            h = seed
            for t in tokens[start : start + n]:
                h = ((h ^ t) * FNV_PRIME) & MASK32
            key = fmix32(h)
            index = key & mask
            counts[index] = counts.get(index, 0) + (-1 if key >> 31 else 1)
    indices, values = [], []
    for index, count in counts.items():
        if count == 0:
            continue
        indices.append(index)
        values.append(math.copysign(math.log1p(abs(count)), count))
    norm = math.sqrt(sum(v * v for v in values))
    if norm > 0:
        values = [v / norm for v in values]
    return torch.tensor(indices, dtype=torch.int64), torch.tensor(values, dtype=torch.float32)


def read(folder, name):
    with open(f"{folder}/{name}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class Rows:
    """Distinct (prompt, response) rows, featurized once, and each pair's two row numbers."""

    def __init__(self, pairs, bits):
        self.features, seen = [], {}
        self.chosen, self.rejected = [], []

        def row(prompt, response):
            key = (prompt, response)
            if key not in seen:
                seen[key] = len(self.features)
                self.features.append(featurize(response, bits))
            return seen[key]

        for pair in pairs:
            self.chosen.append(row(pair["prompt"], pair["chosen"]))
            self.rejected.append(row(pair["prompt"], pair["rejected"]))

    def bags(self, rows):
        parts = [self.features[r] for r in rows]
        lengths = torch.tensor([len(p[0]) for p in parts], dtype=torch.int64)
        offsets = torch.cat([torch.zeros(1, dtype=torch.int64), torch.cumsum(lengths, 0)[:-1]])
        return torch.cat([p[0] for p in parts]), offsets, torch.cat([p[1] for p in parts])


def evaluate(model, rows):
    return evaluate_bags(model, rows.bags(rows.chosen + rows.rejected), len(rows.chosen))


def evaluate_bags(model, bags, n):
    """Mean loss and accuracy over n pairs whose chosen rows come first in bags, then the rejected."""
    with torch.no_grad():
        indices, offsets, weights = bags
        scores = model(indices, offsets, per_sample_weights=weights).squeeze(1)
        delta = scores[:n] - scores[n:]
        return float(-F.logsigmoid(delta).mean()), float((delta > 0).float().mean())


def train(train_rows, valid_rows, config):
    """Trains the EmbeddingBag head; returns (model, epochs run, best epoch).

    The minibatches' tensors (and the validation set's) are built once, before the first epoch, as
    rewardkit builds its feature matrix once: the epochs time the optimisation, not tensor building.
    """
    bits = config["bits"]
    model = torch.nn.EmbeddingBag(1 << bits, 1, mode="sum", sparse=True)
    torch.nn.init.zeros_(model.weight)
    optimizer = torch.optim.SparseAdam(model.parameters(), lr=config["learningRate"])
    n, batch = len(train_rows.chosen), config["batchSize"]
    batches = []
    for start in range(0, n, batch):
        rows = train_rows.chosen[start : start + batch] + train_rows.rejected[start : start + batch]
        batches.append((len(rows) // 2, train_rows.bags(rows)))
    valid_bags = valid_rows.bags(valid_rows.chosen + valid_rows.rejected)
    best_loss, best_epoch, best_weights, epochs = float("inf"), 0, None, 0
    for epoch in range(1, config["epochs"] + 1):
        epochs = epoch
        for size, (indices, offsets, weights) in batches:
            scores = model(indices, offsets, per_sample_weights=weights).squeeze(1)
            loss = -F.logsigmoid(scores[:size] - scores[size:]).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        valid_loss, _ = evaluate_bags(model, valid_bags, len(valid_rows.chosen))
        if valid_loss < best_loss:
            best_loss, best_epoch, best_weights = valid_loss, epoch, model.weight.detach().clone()
        elif epoch - best_epoch >= config["patience"]:
            break
    with torch.no_grad():
        model.weight.copy_(best_weights)
    return model, epochs, best_epoch


def main():
    folder, config = sys.argv[1], json.loads(sys.argv[2])
    torch.manual_seed(0)
    bits = config["bits"]
    started = time.perf_counter()
    sets = {name: Rows(read(folder, name), bits) for name in ("train", "valid", "test")}
    featurize_seconds = time.perf_counter() - started

    train_started = time.perf_counter()
    model, epochs, best_epoch = train(sets["train"], sets["valid"], config)
    train_seconds = time.perf_counter() - train_started
    _, test_accuracy = evaluate(model, sets["test"])

    # Scoring: featurize + score responses (20k: pure-Python featurizing is the slow part).
    texts = []
    for name in ("train", "valid", "test"):
        for pair in read(folder, name):
            texts.append(pair["chosen"])
            texts.append(pair["rejected"])
    texts = (texts * (20_000 // len(texts) + 1))[:20_000]
    score_started = time.perf_counter()
    checksum = 0.0
    with torch.no_grad():
        for start in range(0, len(texts), 512):
            parts = [featurize(text, bits) for text in texts[start : start + 512]]
            lengths = torch.tensor([len(p[0]) for p in parts], dtype=torch.int64)
            offsets = torch.cat([torch.zeros(1, dtype=torch.int64), torch.cumsum(lengths, 0)[:-1]])
            scores = model(torch.cat([p[0] for p in parts]), offsets, per_sample_weights=torch.cat([p[1] for p in parts]))
            checksum += float(scores.sum())
    score_seconds = time.perf_counter() - score_started

    print(
        json.dumps(
            {
                "featurizeSeconds": featurize_seconds,
                "trainSeconds": train_seconds,
                "epochs": epochs,
                "bestEpoch": best_epoch,
                "testAccuracy": test_accuracy,
                "testPairs": len(sets["test"].chosen),
                "scoredPerSecond": len(texts) / score_seconds,
                "torch": torch.__version__,
                "threads": torch.get_num_threads(),
            }
        )
    )


if __name__ == "__main__":
    main()
