"""What the optional second stage costs: the same ~2 KB emails and short messages as
`benchmarks/screening.py`, screened with the first stage alone and with the second stage.

Run from the repository root (single process; BLAS may use both cores, so CPU time is the
figure to read):

    .venv/bin/python benchmarks/second_stage.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conduct.screening.engine import encoder, second_stage
from conduct.screening.engine.api import Screener, _one_by_one
from conduct.screening.engine.classifier import default_classifier
from screening import make_emails, make_tweets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--emails", type=int, default=400)
    parser.add_argument("--tweets", type=int, default=1000)
    args = parser.parse_args()
    enc, clf = encoder.load(), default_classifier()
    if enc is None or clf is None:
        sys.exit("the sentence encoder or the model is not installed: run make install")
    head = second_stage.load()
    first = Screener(clf)
    both = Screener(clf, second_stage=head, embed=_one_by_one(enc))
    rng = random.Random(7)
    sets = {
        "~2 KB emails": make_emails(rng, args.emails),
        "short messages": make_tweets(rng, args.tweets),
    }
    first.screen_many(["warm up"])
    both.screen_many(["You are an idiot."])
    print(f"band [{head.low}, {head.high}), flag {head.flag}, weight {head.weight}")
    print(
        "| texts | first stage: texts per CPU-s | with second stage: texts per CPU-s "
        "| share looked at again | flagged: first | with second | CPU ms per text looked at again: p50 | p99 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, texts in sets.items():
        t = time.process_time()
        a = first.screen_many(texts)
        first_cpu = time.process_time() - t
        t = time.process_time()
        b = both.screen_many(texts)
        both_cpu = time.process_time() - t
        again = [i for i, v in enumerate(a) if head.in_band(v.score)]
        costs = []
        for i in again[:100]:
            t = time.process_time()
            both.screen(texts[i])
            costs.append((time.process_time() - t) * 1000)
        costs.sort()
        p99 = costs[min(len(costs) - 1, int(0.99 * len(costs)))] if costs else 0.0
        print(
            f"| {name} ({len(texts)}) | {len(texts) / first_cpu:.0f} | {len(texts) / both_cpu:.0f} "
            f"| {len(again) / len(texts):.1%} | {sum(v.flagged for v in a)} | {sum(v.flagged for v in b)} "
            f"| {statistics.median(costs) if costs else 0:.1f} | {p99:.1f} |"
        )


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conduct.settings")
    django.setup()
    main()
