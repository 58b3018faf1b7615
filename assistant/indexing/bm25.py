"""The lexical index: Okapi BM25 over the chunks' stemmed terms, as compact posting arrays."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np


class BM25:
    """Okapi BM25 over a fixed list of documents, stored as compact posting arrays."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        indptr: np.ndarray,
        postings: np.ndarray,
        frequencies: np.ndarray,
        lengths: np.ndarray,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        self.vocabulary = vocabulary
        self.indptr = indptr
        self.postings = postings
        self.frequencies = frequencies
        self.lengths = lengths.astype(np.float32)
        self.k1 = k1
        self.b = b
        count = len(lengths)
        document_frequency = np.diff(indptr).astype(np.float32)
        self.idf = np.log1p((count - document_frequency + 0.5) / (document_frequency + 0.5))
        self.average_length = float(self.lengths.mean()) if count else 1.0

    @classmethod
    def build(cls, documents: Iterable[Sequence[str]]) -> BM25:
        """Index documents given as lists of terms."""
        columns: dict[str, list[tuple[int, int]]] = {}
        lengths: list[int] = []
        for row, document in enumerate(documents):
            lengths.append(len(document))
            for term, count in Counter(document).items():
                columns.setdefault(term, []).append((row, count))
        vocabulary = {term: i for i, term in enumerate(sorted(columns))}
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        postings: list[int] = []
        frequencies: list[int] = []
        for term, i in vocabulary.items():
            for row, count in columns[term]:
                postings.append(row)
                frequencies.append(count)
            indptr[i + 1] = len(postings)
        return cls(
            vocabulary,
            indptr,
            np.asarray(postings, dtype=np.int32),
            np.asarray(frequencies, dtype=np.float32),
            np.asarray(lengths, dtype=np.float32),
        )

    def __len__(self) -> int:
        return len(self.lengths)

    def scores(
        self, query: Sequence[str] | Mapping[str, float], groups: Sequence[Mapping[str, float]] = ()
    ) -> np.ndarray:
        """Return the BM25 score of every document for query terms, or for {term: weight}.

        Each of `groups` ({term: weight} too) adds only its best-scoring term to a document: words
        that name one thing count once, however many of them a document uses."""
        weights = query if isinstance(query, Mapping) else dict.fromkeys(query, 1.0)
        scores = np.zeros(len(self.lengths), dtype=np.float32)
        norm = self.k1 * (1 - self.b + self.b * self.lengths / max(self.average_length, 1e-9))
        for term, weight in weights.items():
            if (found := self._term_scores(term, weight, norm)) is not None:
                rows, score = found
                scores[rows] += score
        for group in groups:
            best = np.zeros_like(scores)
            for term, weight in group.items():
                if (found := self._term_scores(term, weight, norm)) is not None:
                    rows, score = found
                    best[rows] = np.maximum(best[rows], score)
            scores += best
        return scores

    def full_match(self, query: Mapping[str, float]) -> float:
        """What a document of average length holding each known query term once would score."""
        return float(sum(weight * self.idf[self.vocabulary[term]] for term, weight in query.items()
                         if term in self.vocabulary))

    def _term_scores(self, term: str, weight: float, norm: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """Return the documents holding a term and their weighted BM25 part for it (None for an unknown term)."""
        column = self.vocabulary.get(term)
        if column is None:
            return None
        lo, hi = self.indptr[column], self.indptr[column + 1]
        rows = self.postings[lo:hi]
        tf = self.frequencies[lo:hi]
        return rows, weight * self.idf[column] * tf * (self.k1 + 1) / (tf + norm[rows])

    def save(self, path: Path) -> None:
        """Write the index to one .npz file."""
        terms_array = np.array(sorted(self.vocabulary, key=self.vocabulary.__getitem__), dtype=object)
        with open(path, "wb") as handle:
            np.savez(
                handle,
                terms=np.array(terms_array.tolist(), dtype=str),
                indptr=self.indptr,
                postings=self.postings,
                frequencies=self.frequencies,
                lengths=self.lengths,
            )

    @classmethod
    def load(cls, path: Path) -> BM25:
        """Read an index written by `save`."""
        with np.load(path, allow_pickle=False) as data:
            vocabulary = {str(term): i for i, term in enumerate(data["terms"])}
            return cls(vocabulary, data["indptr"], data["postings"], data["frequencies"], data["lengths"])
