"""The reader's parameters are what the fitting script gives from the labelled question sets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from assistant.answering.reader import load_parameters

EVAL = Path(__file__).resolve().parents[1] / "eval"


def test_the_saved_reader_parameters_are_what_eval_fit_fits(assistant: Any, blind_assistant: Any) -> None:
    sys.path.insert(0, str(EVAL))
    import fit

    fitted = fit.fit_parameters(assistant, blind_assistant)
    assert fit.same_fit(load_parameters(), fitted) == []
    # The fit means something: the answer units of the learning questions rank above the others.
    assert fitted.sentence.weights[fitted.sentence.features.index("asked_form")] > 0
    assert fitted.answerable.weights[fitted.answerable.features.index("cosine")] > 0
