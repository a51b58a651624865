"""Whole-process screening throughput of several source trees and the peer, in alternating rounds.

Timings on a shared machine drift; a before/after comparison is fair only run straight one after
the other, in turns, several times. Each round runs every tree (and alt-profanity-check, if
benchmarks/.venv-peer exists) once as a fresh process on the 4,000 benchmark emails, in the
order given and reversed every other round, after one untimed run of each (bytecode caches
written, as after a user's first run), and prints emails per CPU-second:

    git archive <before> src | tar -x -C /tmp/before
    .venv/bin/python benchmarks/screening_rounds.py --rounds 8 /tmp/before/src src
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

from screening import (
    N_EMAILS,
    N_TWEETS,
    OURS_WHOLE,
    PEER_VENV,
    PEER_WHOLE,
    make_emails,
    make_tweets,
    warm_up,
    whole_process,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "trees", nargs="+", type=Path, help="source trees (folders holding conduct/)"
    )
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(20261128)  # the seed of benchmarks/screening.py: the same emails
    make_tweets(rng, N_TWEETS)
    emails = make_emails(rng, N_EMAILS)
    runs: list[tuple[str, Path | str, str]] = [
        (str(t), sys.executable, OURS_WHOLE.format(src=str(t.resolve()))) for t in args.trees
    ]
    peer = PEER_VENV / "bin" / "python"
    if peer.exists():
        runs.append(("alt-profanity-check", peer, PEER_WHOLE))
    rates: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "emails.json"
        path.write_text(json.dumps(emails))
        warm_up([(python, script) for _, python, script in runs], path)
        for r in range(args.rounds):
            for name, python, script in runs if r % 2 == 0 else runs[::-1]:
                rates[name].append(len(emails) / whole_process(python, script, path))
    for name, values in rates.items():
        print(
            f"{name:<32} {' '.join(f'{v:,.0f}' for v in values)}  median {statistics.median(values):,.0f}"
        )


if __name__ == "__main__":
    main()
