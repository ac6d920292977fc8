"""The fair Python featurizer for bench/rm: scikit-learn's HashingVectorizer, then PyTorch.

What a Python user who wants speed writes: HashingVectorizer (tokenizing with one regex, hashing in
Cython, a sparse matrix out) instead of a pure-Python loop, its CSR rows fed to the same
nn.EmbeddingBag head and SparseAdam loop as rm_torch.py. The model is the same (hashed word
1-2-grams of the response in 2^bits signed buckets, sign(c)*log1p(|c|), unit L2 norm), but the hash
is scikit-learn's MurmurHash3 of the token strings, not rewardkit's FNV-1a of UTF-16 units, and
its regex tokenizer lowercases every letter (rewardkit: ASCII only): the features and so the scores
differ from rewardkit's bucket by bucket. The accuracy of the two is compared instead.

Usage: python3 rm_sklearn.py FOLDER CONFIG_JSON   (prints one JSON line)
"""
import json
import sys
import time

import numpy as np
import sklearn
import torch
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize

from rm_torch import evaluate, read, train

# rewardkit's tokens: runs of [0-9A-Za-z_] or non-ASCII characters, and any other single visible character.
TOKENS = r"[0-9a-z_\u0080-\U0010ffff]+|[\x21-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7e]"


def vectorizer(bits):
    return HashingVectorizer(
        n_features=1 << bits,
        ngram_range=(1, 2),
        token_pattern=TOKENS,
        alternate_sign=True,
        norm=None,
        dtype=np.float32,
    )


def featurize(vectorize, texts):
    """Texts as CSR rows: signed hashed counts, then sign(c)*log1p(|c|), then unit L2 norm."""
    matrix = vectorize.transform(texts)
    matrix.data = np.sign(matrix.data) * np.log1p(np.abs(matrix.data))
    matrix.eliminate_zeros()
    return normalize(matrix, norm="l2", copy=False)


class Rows:
    """Distinct (prompt, response) rows featurized in one call; bags are slices of the CSR matrix."""

    def __init__(self, pairs, vectorize):
        seen, texts = {}, []
        self.chosen, self.rejected = [], []

        def row(prompt, response):
            key = (prompt, response)
            if key not in seen:
                seen[key] = len(texts)
                texts.append(response)
            return seen[key]

        for pair in pairs:
            self.chosen.append(row(pair["prompt"], pair["chosen"]))
            self.rejected.append(row(pair["prompt"], pair["rejected"]))
        self.matrix = featurize(vectorize, texts)

    def bags(self, rows):
        part = self.matrix[rows]
        return (
            torch.from_numpy(part.indices.astype(np.int64)),
            torch.from_numpy(part.indptr[:-1].astype(np.int64)),
            torch.from_numpy(part.data),
        )


def main():
    folder, config = sys.argv[1], json.loads(sys.argv[2])
    torch.manual_seed(0)
    vectorize = vectorizer(config["bits"])
    started = time.perf_counter()
    sets = {name: Rows(read(folder, name), vectorize) for name in ("train", "valid", "test")}
    featurize_seconds = time.perf_counter() - started

    train_started = time.perf_counter()
    model, epochs, best_epoch = train(sets["train"], sets["valid"], config)
    train_seconds = time.perf_counter() - train_started
    _, test_accuracy = evaluate(model, sets["test"])

    # Scoring: featurize + score every response, 512 at a time, repeated to at least 100k (as rewardkit).
    texts = []
    for name in ("train", "valid", "test"):
        for pair in read(folder, name):
            texts.append(pair["chosen"])
            texts.append(pair["rejected"])
    repeats = -(-100_000 // len(texts))
    weights = model.weight.detach().numpy()[:, 0]
    checksum = 0.0
    # One untimed pass first, as rewardkit gets.
    for start in range(0, len(texts), 512):
        checksum += float((featurize(vectorize, texts[start : start + 512]) @ weights).sum())
    score_started = time.perf_counter()
    for _ in range(repeats):
        for start in range(0, len(texts), 512):
            checksum += float((featurize(vectorize, texts[start : start + 512]) @ weights).sum())
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
                "scoredPerSecond": repeats * len(texts) / score_seconds,
                "torch": torch.__version__,
                "sklearn": sklearn.__version__,
                "threads": torch.get_num_threads(),
            }
        )
    )


if __name__ == "__main__":
    main()
