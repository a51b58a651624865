"""Training data: which datasets, how their labels map to the policy's heads, and the splits.

Every dataset in `../shared/data` has a spec. Its rows give up to four labels, one per model
head (`classifier.HEADS`): abuse, threat, identity-based, sexual; each 1, 0, or -1 when the
dataset says nothing about that head (the head is then not trained on the row). `own` is the
dataset's own binary label, which the cross-dataset evaluation scores against.

Every row goes to one split by a hash of its cleaned, lower-cased text, so a text that occurs
in two datasets (or twice in one) is always in the same split, and the split is the same on
every machine: 90% train, 10% calibration (Platt scaling).
"""

from __future__ import annotations

import csv
import hashlib
import html
import os
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

SEED = 20261128
CALIBRATION_BUCKETS = frozenset({0})  # of 10

Row = dict[str, str]
Labels = tuple[int, int, int, int]  # abuse, threat, identity, sexual; -1 = unknown
U = -1


@dataclass(frozen=True)
class DatasetSpec:
    name: str
    files: tuple[str, ...]
    # Maps a CSV row to its head labels, or None (row left out of training).
    labels: Callable[[Row], Labels | None]
    weight: float
    why: str
    licence: str
    train: bool = True  # False: evaluated only (it duplicates another dataset)
    same_texts_as: str | None = None  # left out of training whenever that one is held out


def _f(row: Row, key: str) -> float:
    try:
        return float(row.get(key) or 0)
    except ValueError:
        return 0.0


def _negative_or(row: Row, positive: Labels) -> Labels:
    return positive if row["label"] == "1" else (0, 0, 0, 0)


def _hate(row: Row) -> Labels | None:
    """Identity-based hate: threat and sexual unknown for positives."""
    return _negative_or(row, (1, U, 1, U))


def _olid(row: Row) -> Labels | None:
    if row["subtask_a"] == "NOT":
        return (0, 0, 0, 0)
    if row["subtask_b"] != "TIN":
        return None  # untargeted profanity: the policy does not treat it as abuse
    # A group target counts as identity-based; an individual one is not.
    return (1, U, {"GRP": 1, "IND": 0}.get(row["subtask_c"], U), U)


def _jigsaw(row: Row) -> Labels | None:
    if row["label"] != "1":
        return (0, 0, 0, 0)
    return (1, int(row["threat"] == "1"), int(row["identity_hate"] == "1"), 0)


def _hatexplain(row: Row) -> Labels | None:
    if row["label"] != "1":
        return (0, 0, 0, 0)
    return (1, U, 0 if row["target"] in ("None", "") else 1, U)


def _edos(row: Row) -> Labels | None:
    if row["label"] != "1":
        return (0, 0, 0, 0)
    vector = row.get("label_vector", "")
    threat = 1 if vector.startswith(("1.1", "1.2")) else U
    sexual = 1 if vector.startswith("2.3") else U
    return (1, threat, 1, sexual)


def _davidson(row: Row) -> Labels | None:
    # hate speech = 1, neither = 0; "offensive" (mostly casual slurs and lyrics) left out.
    return {"0": (1, U, 1, U), "2": (0, 0, 0, 0)}.get(row["class"])


def _convabuse(row: Row) -> Labels | None:
    if row["label"] != "1":
        return (0, 0, 0, 0)
    votes = max(_f(row, "abusive_votes"), 1.0)
    identity = sum(
        _f(row, f"votes_type_{t}")
        for t in ("ableist", "homophobic", "racist", "sexist", "transphobic")
    )
    return (
        1,
        U,
        int(identity * 2 >= votes),
        int(_f(row, "votes_type_sex_harassment") * 2 >= votes),
    )


def _gab(row: Row) -> Labels | None:
    # hd: assault on human dignity (identity-based); cv: call for violence. Vulgarity alone = 0.
    return (
        int(row["label"] == "1"),
        int(row["cv"] == "1"),
        int(row["hd"] == "1"),
        0,
    )


def _enron(row: Row) -> Labels | None:
    # Legitimate business email; the 150 rows a coarse lexicon flagged are left out of training.
    return None if row.get("lexicon_flag") == "1" else (0, 0, 0, 0)


def _tweeteval_offensive(row: Row) -> Labels | None:
    return _negative_or(row, (1, U, U, U))


DATASETS: tuple[DatasetSpec, ...] = (
    DatasetSpec("olid", ("olid_train/olid_train.csv",), _olid, 1.0,
                "targeted insults and threats (TIN) vs not offensive; untargeted swearing (UNT) "
                "left out of training; group targets (GRP) count as identity-based",
                "CC BY 4.0 (repo); tweets under Twitter terms"),
    DatasetSpec("tweeteval_offensive", ("tweeteval_offensive/train.csv", "tweeteval_offensive/validation.csv"),
                _tweeteval_offensive, 1.0,
                "the same 13,240 OLID tweets: evaluated only, never trained on beside olid",
                "TweetEval: none stated; Twitter terms", train=False, same_texts_as="olid"),
    DatasetSpec("jigsaw", ("jigsaw_toxic_train_sample/train.csv",), _jigsaw, 1.0,
                "forum comments (Wikipedia talk): any toxic label; `threat` and `identity_hate` "
                "for the threat and identity heads", "CC0 labels; text CC BY-SA 3.0"),
    DatasetSpec("dynahate", ("dynahate_train/train.csv",), _hate, 1.0,
                "adversarial hate with contrastive non-hateful perturbations (legitimate "
                "negatives that mention identities)", "original: none stated; copy in an MIT repo"),
    DatasetSpec("hatexplain", ("hatexplain_train_val/train.csv", "hatexplain_train_val/validation.csv"),
                _hatexplain, 1.0, "hate or offensive vs normal (Twitter, Gab); a target "
                "community makes it identity-based", "MIT (repo), CC BY 4.0 (HF card)"),
    DatasetSpec("edos", ("edos_sexism_train_dev/train.csv", "edos_sexism_train_dev/dev.csv"),
                _edos, 0.7, "sexism (Reddit, Gab): identity-based; threats and incitement of harm "
                "(1.1, 1.2) for the threat head; sexual objectification (2.3) for the sexual head",
                "CC0 1.0"),
    DatasetSpec("tweeteval_hate", ("tweeteval_hate/train.csv", "tweeteval_hate/validation.csv"),
                _hate, 0.5, "hate against immigrants and women; noisy, so weighted down",
                "TweetEval: none stated; Twitter terms"),
    DatasetSpec("davidson", ("davidson_hate_offensive/davidson.csv",), _davidson, 0.5,
                "hate speech vs neither; the 'offensive' class (casual slurs and lyrics, 77% of "
                "rows) left out of training", "MIT (repo); tweets under Twitter terms"),
    DatasetSpec("convabuse", ("convabuse/convabuse.csv",), _convabuse, 1.5,
                "abuse typed at the reader (a chatbot): the closest analogue to abuse aimed at "
                "staff; type votes give identity-based and sexual harassment", "CC BY 4.0"),
    DatasetSpec("gab", ("gab_hate_corpus/gab_hate_corpus.csv",), _gab, 1.0,
                "hate-based rhetoric: `hd` identity-based, `cv` calls for violence (threat head); "
                "vulgarity alone is a negative", "none stated in the mirror (original on OSF)"),
    DatasetSpec("enron", ("aeslc_enron_emails/aeslc_enron_emails.csv",), _enron, 1.0,
                "real business email, all legitimate: negatives for long, formal or irritated "
                "correspondence", "CC BY-NC-SA 4.0 (non-commercial, share-alike)"),
)  # fmt: skip

_MENTION = re.compile(r"(?:@\w+|<user>|\[user\]|@user)", re.IGNORECASE)
_URL = re.compile(r"(?:https?://\S+|www\.\S+|\burl\b|\[url\]|<url>)", re.IGNORECASE)
_RT = re.compile(r"^\s*rt\b\s*:?", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\v]+")
_ALL_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Remove what only social-media data has: handles, links, RT, HTML entities.

    Line breaks are kept: email structure (quoted history, signatures) depends on them."""
    text = html.unescape(html.unescape(text))
    text = _RT.sub(" ", _URL.sub(" ", _MENTION.sub(" ", text)))
    return _SPACES.sub(" ", text).strip().strip('"').strip()


def bucket(text: str) -> int:
    key = _ALL_SPACES.sub(" ", text.lower()).strip()
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % 10


def split_of(text: str) -> str:
    return "calibration" if bucket(text) in CALIBRATION_BUCKETS else "train"


def data_dir() -> Path:
    """$CONDUCT_TRAINING_DATA, else <repo root>/../shared/data."""
    env = os.environ.get("CONDUCT_TRAINING_DATA")
    if env:
        return Path(env)
    repo_root = Path(__file__).resolve().parents[4]
    return repo_root.parent / "shared" / "data"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Example:
    dataset: str
    text: str
    own: int  # the dataset's own binary label
    labels: Labels | None  # None: not used for training
    split: str


def load_examples(
    root: Path, specs: tuple[DatasetSpec, ...] = DATASETS, *, cap: int | None = None
) -> Iterator[Example]:
    """Rows of each dataset; with `cap`, a seeded random sample of at most `cap` per dataset."""
    for spec in specs:
        rows: list[Example] = []
        for rel in spec.files:
            with (root / rel).open(encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    text = clean(row.get("text") or "")
                    if not text:
                        continue
                    own = 1 if row.get("label") == "1" else 0
                    rows.append(Example(spec.name, text, own, spec.labels(row), split_of(text)))
        if cap is not None and len(rows) > cap:
            rows = random.Random(f"{SEED}:{spec.name}").sample(rows, cap)  # noqa: S311
        yield from rows


def file_hashes(root: Path, specs: tuple[DatasetSpec, ...] = DATASETS) -> dict[str, str]:
    return {rel: sha256_of(root / rel) for spec in specs for rel in spec.files}
