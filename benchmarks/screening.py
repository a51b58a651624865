"""Screening throughput, latency and memory, side by side with alt-profanity-check.

Run from the repository root:

    .venv/bin/python benchmarks/screening.py            # the peer too, if its venv exists
    .venv/bin/python benchmarks/screening.py --setup-peer  # create benchmarks/.venv-peer first

The peer (alt-profanity-check) is installed only in its own venv, benchmarks/.venv-peer
(`python -m venv benchmarks/.venv-peer && benchmarks/.venv-peer/bin/pip install
alt-profanity-check`), never in the project's dependencies. It runs in a subprocess on the same
texts. Single process; the figures are per core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEER_VENV = ROOT / "benchmarks" / ".venv-peer"
N_TWEETS = 20000
N_EMAILS = 4000
N_LATENCY = 2000

_COMPLAINT = [
    "I am writing to complain, again, about the way my case has been handled.",
    "I first contacted you on 3 March and was promised a call back within 48 hours.",
    "Nobody called, and when I phoned on 10 March I was told it had been escalated.",
    "This is now the sixth week I have been waiting for a simple answer.",
    "I have been charged twice for the same service and my direct debit was taken early.",
    "Frankly, this is a disgrace and I expect better from a firm of your size.",
    "I want a full refund of the duplicate charge and a written explanation.",
    "If I do not hear from you within 14 days I will take this to the Ombudsman.",
    "I will also be speaking to my solicitor about the advice I was given.",
    "Please do not send me another template letter; deal with the actual problem.",
    "My neighbour, who is disabled, has had exactly the same experience with your branch.",
]
_ABUSE = [
    "You are a useless, lying idiot.",
    "I know where you live.",
    "Your staff are a bunch of brainless morons.",
    "f*ck you and your 1d10t manager.",
    "I'll smash your face in if this is not sorted.",
    "Go back to your own country.",
]
_TWEET = [
    "@airline lost my bag again, third time this year #fail",
    "waited 2 hours on hold and then got cut off. brilliant service as always",
    "you are a clown and your company is a joke",
    "great help from the team at the branch today, thank you!",
    "this app is rubbish, crashes every time i open it",
    "shut up you stupid cow nobody asked",
    "anyone else having trouble logging in this morning?",
    "i will find you and make you pay for this",
]


def make_tweets(rng: random.Random, n: int) -> list[str]:
    return [f"{rng.choice(_TWEET)} {rng.choice(_TWEET)}"[: rng.randint(60, 200)] for _ in range(n)]


def make_emails(rng: random.Random, n: int) -> list[str]:
    out = []
    for i in range(n):
        parts = ["Dear Sir or Madam,", ""]
        while sum(len(p) for p in parts) < 1700:
            parts.append(rng.choice(_COMPLAINT))
            if rng.random() < 0.03:
                parts.append(rng.choice(_ABUSE))
        parts += ["", "Yours faithfully,", f"Client {i}", ""]
        if rng.random() < 0.3:
            parts += ["On 2 March, Advice Team wrote:", "> Thank you for your email."]
        out.append("\n".join(parts)[:2100])
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(
    batch_fn: Callable[[Sequence[str]], object],
    one_fn: Callable[[str], object],
    texts: Sequence[str],
    n_latency: int,
) -> dict[str, float]:
    start, cpu_start = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), 256):
        batch_fn(texts[i : i + 256])
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    lat = []
    lat_cpu = []
    for t in texts[:n_latency]:
        t0, c0 = time.perf_counter(), time.process_time()
        one_fn(t)
        lat.append((time.perf_counter() - t0) * 1000)
        lat_cpu.append((time.process_time() - c0) * 1000)
    lat.sort()
    lat_cpu.sort()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return {
        "messages": len(texts),
        "avg_bytes": round(mb * 1e6 / len(texts)),
        "msgs_per_s": round(len(texts) / elapsed),
        "msgs_per_cpu_s": round(len(texts) / cpu),
        "mb_per_s": round(mb / elapsed, 2),
        "p50_ms": round(statistics.median(lat), 3),
        "p99_ms": round(lat[int(len(lat) * 0.99) - 1], 3),
        # The same single calls in CPU time: what they cost without waiting for a CPU.
        "p50_cpu_ms": round(statistics.median(lat_cpu), 3),
        "p99_cpu_ms": round(lat_cpu[int(len(lat_cpu) * 0.99) - 1], 3),
    }


PEER_SCRIPT = """
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from screening import measure
from profanity_check import predict_prob
texts = json.load(sys.stdin)
t0 = time.perf_counter(); predict_prob(["warm up"]); load = time.perf_counter() - t0
out = {{}}
for name, ts in texts.items():
    out[name] = measure(predict_prob, lambda t: predict_prob([t]), ts, {n_latency})
out["load_s"] = round(load, 3)
out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(out))
"""


def run_peer(texts: dict[str, list[str]]) -> dict[str, Any] | None:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        return None
    script = PEER_SCRIPT.format(bench=str(ROOT / "benchmarks"), n_latency=N_LATENCY)
    proc = subprocess.run(  # noqa: S603 - our own interpreter and script
        [str(python), "-c", script],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


# Whole process, start-up included (after one untimed run of each, `warm_up`): a fresh
# interpreter imports the tool, reads the texts from a file and screens them all in batches of
# 256 (what a user running it on a file pays).
OURS_WHOLE = """
import json, sys
sys.path.insert(0, {src!r})
from conduct.screening.engine.api import screen_many
texts = json.load(open(sys.argv[1]))
for i in range(0, len(texts), 256):
    screen_many(texts[i : i + 256])
"""
PEER_WHOLE = """
import json, sys
from profanity_check import predict_prob
texts = json.load(open(sys.argv[1]))
for i in range(0, len(texts), 256):
    predict_prob(texts[i : i + 256])
"""


def whole_process(python: Path | str, script: str, path: Path) -> float:
    """CPU seconds (user + system) of a fresh process that screens the texts in `path`.

    Python writes and reads its bytecode caches as it does for a user (PYTHONDONTWRITEBYTECODE,
    which the test script sets, is left out of the child's environment): an installed package's
    caches are written at install, a source tree's on its first run (`warm_up`)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([str(python), "-c", script, str(path)], check=True, env=env)  # noqa: S603 - ours
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def warm_up(runs: Sequence[tuple[Path | str, str]], path: Path) -> None:
    """One untimed run of each (python, script): bytecode caches written, files in the page
    cache, as for every run after a user's first."""
    for python, script in runs:
        whole_process(python, script, path)


def run_whole(texts: list[str]) -> dict[str, float]:
    """Emails per CPU-second, start-up included, for us and (if its venv exists) the peer."""
    import tempfile

    runs: dict[str, tuple[Path | str, str]] = {
        "conduct": (sys.executable, OURS_WHOLE.format(src=str(ROOT / "src")))
    }
    peer = PEER_VENV / "bin" / "python"
    if peer.exists():
        runs["alt-profanity-check"] = (peer, PEER_WHOLE)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts))
        warm_up(list(runs.values()), path)
        return {tool: len(texts) / whole_process(*run, path) for tool, run in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup-peer", action="store_true", help="create benchmarks/.venv-peer")
    args = parser.parse_args()
    if args.setup_peer and not PEER_VENV.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)  # noqa: S603
        pip = str(PEER_VENV / "bin" / "pip")
        subprocess.run([pip, "install", "-q", "alt-profanity-check"], check=True)  # noqa: S603

    load_average = os.getloadavg()[0]
    rng = random.Random(20261128)
    texts = {"tweet": make_tweets(rng, N_TWEETS), "email": make_emails(rng, N_EMAILS)}

    sys.path.insert(0, str(ROOT / "src"))
    rss_before = _rss_mb()
    t0 = time.perf_counter()
    from conduct.screening.engine.api import default_screener

    screener = default_screener()
    screener.screen("warm up")
    load_s = time.perf_counter() - t0
    ours = {
        name: measure(screener.screen_many, screener.screen, ts, N_LATENCY)
        for name, ts in texts.items()
    }
    ours_rss = _rss_mb()
    peer = run_peer(texts)

    print(f"conduct screener ({screener.model.name} {screener.model.version}): "
          f"load {load_s:.2f} s, peak RSS {ours_rss:.0f} MB (interpreter before load {rss_before:.0f} MB)")  # fmt: skip
    if peer:
        print(
            f"alt-profanity-check: load {peer['load_s']:.2f} s, peak RSS {peer['peak_rss_mb']:.0f} MB"
        )
    else:
        print("alt-profanity-check: not run (create benchmarks/.venv-peer with --setup-peer)")
    header = (
        f"{'texts':<7} {'tool':<20} {'avg B':>6} {'msg/s':>8} {'msg/CPU-s':>10} {'MB/s':>6} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'p50 CPU':>8} {'p99 CPU':>8}"
    )
    print(f"load average before the run: {load_average:.2f} on {os.cpu_count()} CPUs")
    print(header)
    for name in texts:
        rows = [("conduct", ours[name])] + ([("alt-profanity-check", peer[name])] if peer else [])
        for tool, m in rows:
            print(f"{name:<7} {tool:<20} {m['avg_bytes']:>6} {m['msgs_per_s']:>8} {m['msgs_per_cpu_s']:>10} {m['mb_per_s']:>6} "
                  f"{m['p50_ms']:>7} {m['p99_ms']:>7} {m.get('p50_cpu_ms', '-'):>8} {m.get('p99_cpu_ms', '-'):>8}")  # fmt: skip
    whole = run_whole(texts["email"])
    print(
        "whole process, start-up included, email texts: "
        + ", ".join(f"{tool} {rate:.0f} msg/CPU-s" for tool, rate in whole.items())
        + (
            f" (ratio {whole['conduct'] / whole['alt-profanity-check']:.2f})"
            if "alt-profanity-check" in whole
            else ""
        )
    )
    print(f"load average after the run: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
