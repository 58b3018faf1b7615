"""A logistic regression small enough to keep in the repository: a few weights over named features.

Fitted by Newton's method on standardised features with an L2 penalty (the same estimate as
scikit-learn's LogisticRegression with its default solver), in numpy alone, so the assistant
needs no learning library to run and the script that fits it needs none either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LogisticModel:
    """P(y = 1 | x) = sigmoid(w · (x - mean) / scale + b), with the features named."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float

    def logits(self, rows: np.ndarray) -> np.ndarray:
        """The log-odds of each row."""
        if len(rows) == 0:
            return np.zeros(0)
        standard = (np.asarray(rows, dtype=np.float64) - np.asarray(self.mean)) / np.asarray(self.scale)
        return standard @ np.asarray(self.weights) + self.bias

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability of each row."""
        return 1.0 / (1.0 + np.exp(-self.logits(rows)))

    def as_dict(self) -> dict[str, Any]:
        """The parameters as plain data, rounded for a readable file."""
        return {"features": list(self.features), "mean": [round(v, 6) for v in self.mean],
                "scale": [round(v, 6) for v in self.scale], "weights": [round(v, 6) for v in self.weights],
                "bias": round(self.bias, 6)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogisticModel:
        """Read parameters written by `as_dict`."""
        return cls(tuple(data["features"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["weights"]),
                   float(data["bias"]))


def fit_logistic(rows: np.ndarray, labels: Sequence[float], features: Sequence[str], penalty: float = 1.0,
                 sample_weights: Sequence[float] | None = None, iterations: int = 50) -> LogisticModel:
    """Fit weights by Newton's method, minimising the weighted log-loss plus penalty/2 · |w|² (bias free)."""
    x = np.asarray(rows, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    s = np.ones(len(y)) if sample_weights is None else np.asarray(sample_weights, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    design = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    theta = np.zeros(design.shape[1])
    ridge = np.full(design.shape[1], penalty)
    ridge[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(design @ theta)))
        gradient = design.T @ (s * (p - y)) + ridge * theta
        hessian = (design * (s * p * (1 - p))[:, None]).T @ design + np.diag(ridge) + 1e-9 * np.eye(len(theta))
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    return LogisticModel(tuple(features), tuple(mean.tolist()), tuple(scale.tolist()),
                         tuple(theta[:-1].tolist()), float(theta[-1]))


def fit_ranking(groups: Sequence[tuple[np.ndarray, np.ndarray]], features: Sequence[str], penalty: float = 1.0,
                group_weights: Sequence[float] | None = None, iterations: int = 50) -> LogisticModel:
    """Fit weights that rank each group's positive rows above its others (a conditional logit).

    Within a group (one question's units) P(row i) = softmax(w · x)_i; the fit maximises the mean
    log-probability of the group's positive rows, minus penalty/2 · |w|², by Newton's method (the
    objective is concave). Only differences within a group count, so the model has no bias."""
    rows = np.vstack([x for x, _y in groups])
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    standard = [((np.asarray(x, dtype=np.float64) - mean) / scale, np.asarray(y, dtype=bool)) for x, y in groups]
    weights = np.ones(len(groups)) if group_weights is None else np.asarray(group_weights, dtype=np.float64)
    w = np.zeros(rows.shape[1])

    def objective(w: np.ndarray) -> float:
        total = -0.5 * penalty * float(w @ w)
        for (x, y), weight in zip(standard, weights):
            s = x @ w
            top = s.max()
            total += weight * float(s[y].mean() - top - np.log(np.exp(s - top).sum()))
        return total

    current = objective(w)
    for _ in range(iterations):
        gradient = -penalty * w
        hessian = -penalty * np.eye(len(w))
        for (x, y), weight in zip(standard, weights):
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            expected = p @ x
            gradient += weight * (x[y].mean(axis=0) - expected)
            hessian -= weight * ((x * p[:, None]).T @ x - np.outer(expected, expected))
        step = np.linalg.solve(hessian, gradient)
        # A full Newton step can overshoot far from the optimum: halve it until the objective rises.
        size = 1.0
        while size > 1e-6 and objective(w - size * step) < current:
            size /= 2
        w = w - size * step
        gained = objective(w) - current
        current += gained
        if np.max(np.abs(size * step)) < 1e-8 or gained < 1e-10:
            break
    return LogisticModel(tuple(features), tuple(mean.tolist()), tuple(scale.tolist()), tuple(w.tolist()), 0.0)
