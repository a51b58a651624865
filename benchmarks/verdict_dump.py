"""Write the JSON verdict of every screening benchmark text (and dataset rows) to a file.

A speed-up must leave every verdict byte for byte as it was. Dump with the code before and
after and compare the files:

    git archive <before> src | tar -x -C /tmp/before
    .venv/bin/python benchmarks/verdict_dump.py --src /tmp/before/src /tmp/before.jsonl
    .venv/bin/python benchmarks/verdict_dump.py /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

The texts: the 4,000 emails and 20,000 tweets of `benchmarks/screening.py`, then the first
`--rows` rows of every CSV file under `--data` (the shared datasets), screened in batches of
256 with `screen_many` and, for the first `--single` texts of each source, one at a time with
`screen` too. One line per text: source, index, the verdict's `to_dict()` as sorted JSON.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from screening import N_EMAILS, N_TWEETS, make_emails, make_tweets  # noqa: E402


def sources(data: Path, rows: int) -> dict[str, list[str]]:
    rng = random.Random(20261128)  # the seed of benchmarks/screening.py: the same texts
    out = {"tweet": make_tweets(rng, N_TWEETS), "email": make_emails(rng, N_EMAILS)}
    csv.field_size_limit(1 << 30)
    for path in sorted(data.glob("*/*.csv")) if data.is_dir() else []:
        with path.open(encoding="utf-8", newline="") as f:
            texts = []
            for row in csv.DictReader(f):
                texts.append(row["text"])
                if len(texts) >= rows:
                    break
        out[str(path.relative_to(data))] = texts
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="JSON lines file to write")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="source tree to screen with")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--rows", type=int, default=1000, help="rows per dataset file")
    parser.add_argument("--single", type=int, default=300, help="texts per source also one by one")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    from conduct.screening.engine.api import default_screener

    screener = default_screener()
    digest = hashlib.sha256()
    count = 0
    with args.out.open("w", encoding="utf-8") as f:
        for name, texts in sources(args.data, args.rows).items():
            verdicts = []
            for i in range(0, len(texts), 256):
                verdicts += screener.screen_many(texts[i : i + 256])
            lines = [(f"{name}\t{i}\t", v) for i, v in enumerate(verdicts)]
            lines += [
                (f"{name}\tsingle {i}\t", screener.screen(t))
                for i, t in enumerate(texts[: args.single])
            ]
            for head, v in lines:
                line = head + json.dumps(v.to_dict(), sort_keys=True) + "\n"
                f.write(line)
                digest.update(line.encode("utf-8"))
                count += 1
    print(f"{count} verdicts, sha256 {digest.hexdigest()} ({args.src})")


if __name__ == "__main__":
    main()
