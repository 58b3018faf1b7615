"""What a PDF page shows, with positions: text fragments, ruling lines, and rebuilt text lines.

pypdf reports each text-showing operator with its matrices; multiplying the text matrix by the
current transformation matrix gives where the fragment starts on the page and how large it is.
Drawing operators give the ruling lines that tables are drawn with. Coordinates are PDF points
with y growing upwards, so reading order is descending y.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject, mult

# Paint operators that make a constructed path visible; `n` discards it (clipping paths).
_PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
# A ruling line is drawn as a stroke or as a filled rectangle at most this thick.
_RULE_THICKNESS = 3.0
# Swedish words of one letter; other single letters at a line start are word tails.
_ONE_LETTER_WORDS = frozenset({"i", "å", "ö"})
# A word after a line-final hyphen that shows the hyphen ended a word ("hälso- och sjukvård").
_AFTER_HYPHEN = frozenset({"och", "eller", "samt", "som", "till", "respektive"})
# The longest unknown word tail treated as the rest of a word cut at the line end.
_LONGEST_TAIL = 4
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Fragment:
    """A run of text drawn by one operator: where it starts, its size, and whether it is bold."""

    text: str
    x: float
    y: float
    size: float
    bold: bool


@dataclass(frozen=True)
class Segment:
    """An axis-aligned ruling line, with x0 <= x1 and y0 <= y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        """Tell whether the segment runs left to right rather than up and down."""
        return self.y1 - self.y0 <= self.x1 - self.x0


@dataclass(frozen=True)
class Line:
    """Fragments sharing a baseline, left to right, on a 1-based page."""

    fragments: tuple[Fragment, ...]
    page: int

    @property
    def text(self) -> str:
        """The line's text, fragments joined (trailing space kept: it tells how the line wrapped)."""
        return join_fragments(self.fragments)

    @property
    def x(self) -> float:
        """Where the line starts."""
        return self.fragments[0].x

    @property
    def y(self) -> float:
        """The line's baseline."""
        return self.fragments[0].y

    @property
    def size(self) -> float:
        """The largest font size on the line."""
        return max(fragment.size for fragment in self.fragments)

    @property
    def bold(self) -> bool:
        """Tell whether every fragment on the line is bold."""
        return all(fragment.bold for fragment in self.fragments)


@dataclass(frozen=True)
class PageLayout:
    """One page's text lines (top to bottom) and ruling lines."""

    number: int
    lines: tuple[Line, ...]
    segments: tuple[Segment, ...]


def _is_bold(font: Any) -> bool:
    if not font:
        return False
    name = str(font.get("/BaseFont", "")).lower()
    if any(mark in name for mark in ("bold", "black", "heavy", "semibold", ",b")):
        return True
    descriptor = font.get("/FontDescriptor")
    weight = descriptor.get_object().get("/FontWeight", 400) if descriptor else 400
    return float(weight) >= 600


def read_page(page: PageObject, number: int) -> PageLayout:
    """Read one page's text fragments and ruling lines in a single pass over its content stream."""
    fragments: list[Fragment] = []
    segments: list[Segment] = []
    path: list[Segment] = []
    current: tuple[float, float] = (0.0, 0.0)

    def on_text(text: str, cm: Any, tm: Any, font: Any, font_size: Any) -> None:
        text = text.replace("\n", " ")
        if not text.strip():
            return
        matrix = mult(tm, cm)
        size = float(font_size) * math.hypot(matrix[2], matrix[3])
        fragments.append(Fragment(text, float(matrix[4]), float(matrix[5]), round(size, 1), _is_bold(font)))

    def on_operator(operator: bytes, operands: Any, cm: Any, tm: Any) -> None:
        nonlocal current
        if operator == b"m" and len(operands) == 2:
            current = _apply(cm, operands[0], operands[1])
        elif operator == b"l" and len(operands) == 2:
            end = _apply(cm, operands[0], operands[1])
            path.append(_segment(current, end))
            current = end
        elif operator == b"re" and len(operands) == 4:
            x, y, width, height = (float(value) for value in operands)
            if min(abs(width), abs(height)) <= _RULE_THICKNESS:
                path.append(_segment(_apply(cm, x, y), _apply(cm, x + width, y + height)))
        elif operator in _PAINT:
            segments.extend(segment for segment in path if _is_rule(segment))
            path.clear()
        elif operator == b"n":
            path.clear()

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return PageLayout(number, tuple(group_lines(fragments, number)), tuple(segments))


def _apply(cm: Any, x: Any, y: Any) -> tuple[float, float]:
    x, y = float(x), float(y)
    return (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5])


def _segment(start: tuple[float, float], end: tuple[float, float]) -> Segment:
    return Segment(min(start[0], end[0]), min(start[1], end[1]), max(start[0], end[0]), max(start[1], end[1]))


def _is_rule(segment: Segment) -> bool:
    width, height = segment.x1 - segment.x0, segment.y1 - segment.y0
    return (width <= _RULE_THICKNESS) != (height <= _RULE_THICKNESS)


def group_lines(fragments: Iterable[Fragment], page: int) -> list[Line]:
    """Group fragments into lines by baseline, top to bottom, each line left to right."""
    ordered = sorted(fragments, key=lambda fragment: (-fragment.y, fragment.x))
    rows: list[list[Fragment]] = []
    for fragment in ordered:
        if rows and abs(rows[-1][0].y - fragment.y) <= 0.35 * max(fragment.size, rows[-1][0].size):
            rows[-1].append(fragment)
        else:
            rows.append([fragment])
    return [Line(tuple(sorted(row, key=lambda fragment: fragment.x)), page) for row in rows]


def join_fragments(fragments: Sequence[Fragment]) -> str:
    """Join fragments of one line, adding a space only where the gap between them shows one."""
    text = ""
    previous: Fragment | None = None
    for fragment in fragments:
        if previous is not None and not text[-1:].isspace() and not fragment.text[:1].isspace():
            # pypdf gives no glyph widths, so estimate the end narrowly: a real space gap is wider.
            estimated_end = previous.x + 0.4 * previous.size * len(previous.text)
            if fragment.x - estimated_end > 0.25 * fragment.size:
                text += " "
        text += fragment.text
        previous = fragment
    return text


def build_vocabulary(lines: Iterable[Line]) -> frozenset[str]:
    """Collect the document's whole words: those inside a fragment, away from where a layout cuts words."""
    words: set[str] = set()
    for line in lines:
        for fragment in line.fragments:
            tokens = _WORD.findall(fragment.text.lower())
            # A fragment's first word may be a cut word's tail, its last (before no space) a cut word's head.
            whole = tokens[1:] if fragment.text[-1:].isspace() else tokens[1:-1]
            words.update(token for token in whole if len(token) > 1 or token in _ONE_LETTER_WORDS)
    return frozenset(words)


def ends_sentence(text: str) -> bool:
    """Tell whether a line ends a sentence (or introduces what follows, with a colon)."""
    return text.rstrip().endswith((".", "!", "?", ":"))


def join_lines(lines: Sequence[str], vocabulary: frozenset[str]) -> str:
    """Join hard-wrapped lines into one text, mending words the layout broke at the line end."""
    text = ""
    previous = ""
    for line in lines:
        if not line.strip():
            continue
        if not text:
            text = line.strip()
        else:
            glue = "" if _broken_word(previous, line.lstrip(), vocabulary) else " "
            text = text + glue + line.strip()
        previous = line
    return text


def _broken_word(previous: str, following: str, vocabulary: frozenset[str]) -> bool:
    # A line that ends in a space wrapped between words; so does one before a capital or digit.
    if not previous or previous[-1].isspace() or not following[:1].islower():
        return False
    head_match = _WORD.match(following)
    head = head_match.group(0).lower() if head_match else ""
    if previous.endswith("-"):
        return head not in _AFTER_HYPHEN
    tokens = previous.split()
    # A layout only breaks inside a word too long for the whole line, so the line is that word.
    if len(tokens) != 1:
        return False
    tail_words = _WORD.findall(tokens[0].lower())
    tail = tail_words[-1] if tail_words else ""
    if tail + head in vocabulary:
        return True
    if head in vocabulary or tail in vocabulary:
        return False
    # Unknown on both sides: a word too long for the line is usually cut a few letters before its end.
    return 0 < len(head) <= _LONGEST_TAIL
