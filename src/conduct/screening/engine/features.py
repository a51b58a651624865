"""Hashed word and character n-grams of normalised text, computed with NumPy.

Features of one text, all hashed into one space of `n_features` columns:

- word unigrams and bigrams (words split at whitespace after punctuation is removed,
  apostrophes kept), hashed with CRC-32;
- character n-grams of 2 to 5 characters inside word boundaries, each word padded with a
  space on both sides (scikit-learn's `char_wb` analyser), hashed with a polynomial hash.
  These survive spelling games that normalisation does not undo ("stuupid", "idoit",
  "youre", a dropped or added space) because most of a word's n-grams are unchanged.

A text's vector is its raw n-gram counts divided by the square root of its number of n-grams,
so long and short texts are on one scale. No string is built per n-gram and no sort is needed:
`scores` multiplies straight into a weight matrix, which is what keeps screening fast.
Training (`matrix`) and screening (`scores`) compute exactly the same vectors (tested).
"""

from __future__ import annotations

import itertools
import threading
import zlib
from collections.abc import Iterator, Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from scipy import sparse

N_FEATURES = 2**18
CHAR_SIZES = (2, 3, 4, 5)
_PUNCT = str.maketrans(dict.fromkeys('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\x01', " "))
# The same table for the bytes of ASCII text: `bytes.translate` is several times faster.
_PUNCT_BYTES = bytes.maketrans("".join(map(chr, _PUNCT)).encode("ascii"), b" " * len(_PUNCT))
_SEP = 1  # code point between texts in the joined array (removed from the texts themselves)
_SPACE = 32
# 32-bit arithmetic (wrapping): about three times as fast as 64-bit on these arrays.
_PRIME = np.uint32(1_000_003)
_MIX = np.uint32(0x9E3779B1)
_MIX2 = np.uint32(0x85EBCA6B)
_BIGRAM = np.uint32(0xC2B2AE35)
_S15, _S13 = np.uint32(15), np.uint32(13)

Index = npt.NDArray[np.int32]
Hashes = npt.NDArray[np.uint32]


def _mix(h: Hashes, salt: int, n_features: int) -> Index:
    """Spread a hash over the feature space (murmur3's finaliser)."""
    with np.errstate(over="ignore"):
        x = (h ^ np.uint32(salt)) * _MIX
        x ^= x >> _S15
        x *= _MIX2
        x ^= x >> _S13
    return (x & np.uint32(n_features - 1)).astype(np.int32)


def _tokens(texts: Sequence[str]) -> list[list[str]]:
    return [
        t.encode("ascii").translate(_PUNCT_BYTES).decode("ascii").split()
        if t.isascii()
        else t.translate(_PUNCT).split()
        for t in texts
    ]


def span_tokens(text: str, spans: Sequence[tuple[int, int]]) -> list[list[str]]:
    """`_tokens([text[s:e] for s, e in spans])`, with the text translated once.

    The translation maps one character to one, so a span of the translated text is the
    translation of that span of the text."""
    if not spans:
        return []
    if text.isascii():
        translated = text.encode("ascii").translate(_PUNCT_BYTES).decode("ascii")
    else:
        translated = text.translate(_PUNCT)
    return [translated[s:e].split() for s, e in spans]


def _words(token_lists: list[list[str]], n_features: int) -> tuple[Index, Index]:
    """Rows and columns of word unigrams (CRC-32 of their UTF-8) and bigrams (two mixed)."""
    n = len(token_lists)
    counts = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
    all_words = " ".join(itertools.chain.from_iterable(token_lists))
    word_hash = np.fromiter(
        map(zlib.crc32, all_words.encode("utf-8", "surrogatepass").split()),
        dtype=np.uint32,
        count=int(counts.sum()),
    )
    word_rows = np.repeat(np.arange(n, dtype=np.int32), counts)
    same = word_rows[:-1] == word_rows[1:]
    with np.errstate(over="ignore"):
        pair_hash = word_hash[:-1][same] * _BIGRAM + word_hash[1:][same]
    rows = np.concatenate([word_rows, word_rows[:-1][same]])
    cols = np.concatenate([_mix(word_hash, 11, n_features), _mix(pair_hash, 12, n_features)])
    return rows, cols


class _Chars:
    """The texts joined as " w1 w2 ... " + separator, as code points, with what the character
    windows need: where each text starts, and cumulative counts of spaces and separators (so a
    window is tested for either in O(1)). Five separators close the array, so every text has
    at least one window start of every size."""

    def __init__(self, token_lists: list[list[str]]) -> None:
        parts = [" " + " ".join(ws) + " " if ws else "" for ws in token_lists]
        joined = "\x01".join(parts) + "\x01" * max(CHAR_SIZES)
        self.codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        is_sep = self.codes == _SEP
        self.rows = np.cumsum(is_sep, dtype=np.int32)
        self.space_cum = np.concatenate(([0], np.cumsum(self.codes == _SPACE, dtype=np.int32)))
        self.sep_cum = np.concatenate(([0], np.cumsum(is_sep, dtype=np.int32)))
        lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)) + 1
        self.starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.intp)

    def windows(self) -> Iterator[tuple[int, Hashes, npt.NDArray[np.bool_]]]:
        """For each n-gram size: the hash of the window at every position, and whether it is
        a char_wb n-gram (no separator in it, no space strictly inside it)."""
        codes, length = self.codes, len(self.codes)
        h = codes.copy()
        for size in range(2, max(CHAR_SIZES) + 1):
            m = length - size + 1
            with np.errstate(over="ignore"):
                h = h[:m] * _PRIME + codes[size - 1 : size - 1 + m]
            if size in CHAR_SIZES:
                ok = (self.sep_cum[size : size + m] == self.sep_cum[:m]) & (
                    self.space_cum[size - 1 : size - 1 + m] == self.space_cum[1 : 1 + m]
                )
                yield size, h, ok


def ngrams(
    texts: Sequence[str], n_features: int = N_FEATURES
) -> tuple[Index, Index, npt.NDArray[np.intp]]:
    """(row of each n-gram, its feature column, n-grams per row) for a batch of texts."""
    token_lists = _tokens(texts)
    word_rows, word_cols = _words(token_lists, n_features)
    rows, cols = [word_rows], [word_cols]
    chars = _Chars(token_lists)
    for size, h, ok in chars.windows():
        rows.append(chars.rows[: len(ok)][ok])
        cols.append(_mix(h[ok], 100 + size, n_features))
    all_rows = np.concatenate(rows)
    per_row = np.bincount(all_rows, minlength=len(texts))
    return all_rows, np.concatenate(cols), per_row


def _scale(per_row: npt.NDArray[np.signedinteger[Any]]) -> npt.NDArray[np.float64]:
    scale: npt.NDArray[np.float64] = 1.0 / np.sqrt(np.maximum(per_row, 1).astype(np.float64))
    return scale


def matrix(texts: Sequence[str], n_features: int = N_FEATURES) -> sparse.csr_matrix:
    """The feature matrix for training (float32 CSR, duplicates summed)."""
    from scipy import sparse

    rows, cols, per_row = ngrams(texts, n_features)
    values = _scale(per_row)[rows].astype(np.float32)
    x = sparse.csr_matrix((values, (rows, cols)), shape=(len(texts), n_features))
    x.sum_duplicates()
    return x


def scores(texts: Sequence[str], weights: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """`matrix(texts) @ weights` for a (n_features, heads) weight matrix, without the matrix.

    Character windows are not filtered: a window that is not an n-gram is pointed at column 0
    and its weight taken off again, and each text's windows are summed with one `reduceat`,
    which is much cheaper than selecting the valid windows and summing them by row."""
    n = len(texts)
    n_features, heads = weights.shape
    if n == 0:
        return np.zeros((0, heads))
    token_lists = _tokens(texts)
    word_rows, word_cols = _words(token_lists, n_features)
    per_row = np.bincount(word_rows, minlength=n)
    # `take` rows: several times faster than fancy indexing `weights[cols]`, same values.
    gathered = weights.take(word_cols, axis=0)
    out = np.empty((n, heads), dtype=np.float64)
    for k in range(heads):
        out[:, k] = np.bincount(word_rows, weights=gathered[:, k], minlength=n)
    chars = _Chars(token_lists)
    zero = weights[0].astype(np.float64)
    ends = np.empty(n, dtype=np.intp)
    ends[:-1] = chars.starts[1:]
    for size, h, ok in chars.windows():
        cols = np.where(ok, _mix(h, 100 + size, n_features), 0)
        sums = np.add.reduceat(weights.take(cols, axis=0), chars.starts, axis=0, dtype=np.float64)
        valid = np.add.reduceat(ok, chars.starts, dtype=np.int64)
        ends[-1] = len(ok)
        invalid = ends - chars.starts - valid
        out += sums - invalid[:, None] * zero
        per_row += valid
    return out * _scale(per_row)[:, None]


class Scorer:
    """`scores(texts, weights)` for one weight matrix, with what each word adds kept.

    A word's character n-grams lie inside " word " (no window crosses a space), so what they
    add to a text's scores, and how many they are, depend on the word alone: they are
    computed once per distinct word (vectorised, for a whole batch's new words) and kept with
    the word's CRC-32 and unigram weight. A text then costs one dictionary lookup per word
    and one gather per bigram, instead of hashing and gathering every character window. The
    sums are the same as `scores` (in another order: equal to about 1e-15). At most
    `max_words` words are kept; when full, the store starts again.
    """

    def __init__(self, weights: npt.NDArray[np.float32], max_words: int = 200_000) -> None:
        self.weights = weights
        self.max_words = max_words
        self._lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        heads = self.weights.shape[1]
        self._index: dict[str, int] = {}
        self._crc = np.zeros(0, dtype=np.uint32)
        self._vec = np.zeros((0, heads), dtype=np.float64)
        self._count = np.zeros(0, dtype=np.int64)

    def _add(self, new: list[str]) -> None:
        """Compute and keep the unigram and character-n-gram sums of `new` words."""
        n_features = self.weights.shape[0]
        token_lists = [[w] for w in new]
        crc = np.fromiter(
            map(zlib.crc32, "\n".join(new).encode("utf-8", "surrogatepass").split(b"\n")),
            dtype=np.uint32,
            count=len(new),
        )
        vec = self.weights.take(_mix(crc, 11, n_features), axis=0).astype(np.float64)
        count = np.ones(len(new), dtype=np.int64)
        chars = _Chars(token_lists)
        zero = self.weights[0].astype(np.float64)
        ends = np.empty(len(new), dtype=np.intp)
        ends[:-1] = chars.starts[1:]
        for size, h, ok in chars.windows():
            cols = np.where(ok, _mix(h, 100 + size, n_features), 0)
            sums = np.add.reduceat(
                self.weights.take(cols, axis=0), chars.starts, axis=0, dtype=np.float64
            )
            valid = np.add.reduceat(ok, chars.starts, dtype=np.int64)
            ends[-1] = len(ok)
            vec += sums - (ends - chars.starts - valid)[:, None] * zero
            count += valid
        base = len(self._index)
        end = base + len(new)
        if end > len(self._crc):  # grow by doubling: adding words stays cheap on average
            size = max(end, 2 * len(self._crc), 1024)
            self._crc = np.resize(self._crc, size)
            self._vec = np.resize(self._vec, (size, self._vec.shape[1]))
            self._count = np.resize(self._count, size)
        self._crc[base:end] = crc
        self._vec[base:end] = vec
        self._count[base:end] = count
        self._index.update(zip(new, range(base, end), strict=True))

    def _ids(self, flat: list[str]) -> npt.NDArray[np.intp]:
        ids = np.fromiter(map(self._index.get, flat, repeat(-1)), dtype=np.intp, count=len(flat))
        if len(ids) and ids.min() < 0:  # words not kept yet
            index = self._index
            missing = [w for w in dict.fromkeys(flat) if w not in index]
            if len(index) + len(missing) > self.max_words:
                self._reset()  # full: start again with this batch's words
                missing = list(dict.fromkeys(flat))
            self._add(missing)
            ids = np.fromiter(map(self._index.__getitem__, flat), dtype=np.intp, count=len(flat))
        return ids

    def scores(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        return self.score_tokens(_tokens(texts))

    def score_tokens(self, token_lists: list[list[str]]) -> npt.NDArray[np.float64]:
        """`scores` of the texts with these tokens (`_tokens`, or `span_tokens`)."""
        n = len(token_lists)
        n_features, heads = self.weights.shape
        if n == 0:
            return np.zeros((0, heads))
        counts = np.fromiter(map(len, token_lists), dtype=np.intp, count=n)
        flat = list(itertools.chain.from_iterable(token_lists))
        with self._lock:
            ids = self._ids(flat)
            crc, vec, count = self._crc[ids], self._vec[ids], self._count[ids]
        # Tokens (and bigrams) are in text order: each text's are summed with one `reduceat`.
        out = _segment_sums(vec, counts)
        per_row = _segment_sums(count.astype(np.float64)[:, None], counts)[:, 0]
        pairs = np.maximum(counts - 1, 0)
        rows = np.repeat(np.arange(n, dtype=np.int32), counts)
        same = rows[:-1] == rows[1:]
        with np.errstate(over="ignore"):
            pair_hash = crc[:-1][same] * _BIGRAM + crc[1:][same]
        gathered = self.weights.take(_mix(pair_hash, 12, n_features), axis=0)
        out += _segment_sums(gathered, pairs)
        per_row += pairs
        return out * _scale(per_row.astype(np.int64))[:, None]


def _segment_sums(
    values: npt.NDArray[Any], counts: npt.NDArray[np.intp]
) -> npt.NDArray[np.float64]:
    """Sums (float64) of consecutive runs of `counts[i]` rows of `values`; 0 for an empty run."""
    out = np.zeros((len(counts), values.shape[1]), dtype=np.float64)
    if len(values) == 0:
        return out
    starts = np.zeros(len(counts), dtype=np.intp)
    np.cumsum(counts[:-1], out=starts[1:])
    nonempty = counts > 0
    out[nonempty] = np.add.reduceat(values, starts[nonempty], axis=0, dtype=np.float64)
    return out
