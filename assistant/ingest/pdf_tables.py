"""Plan tables rebuilt from where a PDF draws their text (plain extraction reads them by column).

A table starts at a line whose fragments read as plan-table headers (`columns.is_header_row`).
Column edges come from the vertical ruling lines around the header or, without rules, from where
the header texts start. Rows are cut at the horizontal rules; without rules, a row starts where a
column gets new text after a blank stretch. A row the page break cut in two is mended on the next
page. Rows are written out with `columns.render_row`, like every other table reader does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.ingest.columns import column_key, fill_continued, is_header_row, render_row
from assistant.ingest.pdf_layout import Fragment, Line, PageLayout, Segment, ends_sentence, join_fragments, join_lines
from assistant.models import TABLE_ROW, Block, Cell

# Positions closer than this (points) are the same edge.
_SNAP = 2.5
# A table cell's text starts this close to its column's left edge.
_INDENT = 4.0


@dataclass(frozen=True)
class Grid:
    """A ruled area of a page: vertical rule positions and the heights of its horizontal rules."""

    bottom: float
    top: float
    edges: tuple[float, ...]
    rules: tuple[float, ...]

    def holds(self, line: Line) -> bool:
        """Tell whether a line lies inside the ruled area."""
        return self.bottom < line.y < self.top and self.edges[0] - _SNAP <= line.x <= self.edges[-1]


@dataclass(frozen=True)
class Table:
    """A plan table found in the PDF: its rows as TABLE_ROW blocks, in order."""

    rows: tuple[Block, ...]


@dataclass
class _Band:
    """Part of a row between two rules, collected line by line: per column, its text lines."""

    page: int
    cells: list[list[str]]
    opens_page: bool = False
    first_y: float = 0.0
    last_y: dict[int, float] = field(default_factory=dict)


@dataclass
class _OpenTable:
    """A table being read: its columns, header lines so far, and its row pieces."""

    slot: int
    lefts: list[float]
    grid: Grid | None
    header_lines: list[list[str]]
    header_bottom: float
    header_bold: bool
    body_size: float
    in_header: bool = True
    collect_header: bool = True
    bands: list[_Band] = field(default_factory=list)
    previous_y: float = 0.0
    last_page: int = 0


def find_grids(segments: Sequence[Segment]) -> list[Grid]:
    """Group a page's ruling lines into ruled areas: vertical rules that overlap in height."""
    verticals = sorted((s for s in segments if not s.horizontal and s.y1 - s.y0 > 5), key=lambda s: -s.y1)
    spans: list[list[Segment]] = []
    for segment in verticals:
        if spans and segment.y1 > min(s.y0 for s in spans[-1]) - _SNAP:
            spans[-1].append(segment)
        else:
            spans.append([segment])
    grids = []
    for span in spans:
        edges = _cluster(s.x0 for s in span)
        if len(edges) < 3:
            continue
        bottom, top = min(s.y0 for s in span), max(s.y1 for s in span)
        rules = _cluster(
            s.y0
            for s in segments
            if s.horizontal and bottom - _SNAP <= s.y0 <= top + _SNAP and s.x1 > edges[0] and s.x0 < edges[-1]
        )
        grids.append(Grid(bottom - _SNAP, top + _SNAP, tuple(edges), tuple(rules)))
    return grids


def _cluster(values: Iterable[float]) -> list[float]:
    clustered: list[float] = []
    for value in sorted(values):
        if not clustered or value - clustered[-1] > _SNAP:
            clustered.append(value)
    return clustered


def is_header_line(line: Line) -> bool:
    """Tell whether a line's separate fragments read as a plan table's header row."""
    starts = _cluster(fragment.x for fragment in line.fragments)
    return len(starts) >= 3 and is_header_row([fragment.text for fragment in line.fragments])


def separate_tables(pages: Sequence[PageLayout], vocabulary: frozenset[str]) -> list[Line | Table]:
    """Split the document's lines into plain text lines and tables, keeping reading order."""
    items: list[Line | Table] = []
    table: _OpenTable | None = None
    for layout in pages:
        grids = find_grids(layout.segments)
        for line in layout.lines:
            grid = next((g for g in grids if g.holds(line)), None)
            if table is not None and _in_header(table, line):
                _add_header_line(table, line)  # a wrapped header line may itself read as a header row
            elif is_header_line(line):
                if table is not None and _repeats_header(table, line):
                    table.header_bottom = _header_bottom(grid, line)
                    table.in_header, table.collect_header = True, False
                else:
                    if table is not None:
                        items[table.slot] = _finish(table, vocabulary)
                    table = _open(len(items), line, grid)
                    items.append(Table(()))
                table.previous_y, table.last_page = line.y, line.page
            elif table is not None and _belongs(table, line, grid):
                if grid is not None:
                    table.grid = grid  # this page's rules cut this page's rows
                _add_body_line(table, line)
            elif table is not None and _above_continuation(table, line, grids):
                items.append(line)  # a running page header above the rest of the table
            else:
                if table is not None:
                    items[table.slot] = _finish(table, vocabulary)
                    table = None
                items.append(line)
    if table is not None:
        items[table.slot] = _finish(table, vocabulary)
    return items


def _empty(table: _OpenTable) -> list[list[str]]:
    return [[] for _ in table.lefts]


def _column(lefts: Sequence[float], x: float) -> int:
    index = 0
    for i, left in enumerate(lefts):
        if x >= left - _INDENT:
            index = i
    return index


def _by_column(lefts: Sequence[float], fragments: Sequence[Fragment]) -> dict[int, str]:
    groups: dict[int, list[Fragment]] = {}
    for fragment in fragments:
        groups.setdefault(_column(lefts, fragment.x), []).append(fragment)
    return {column: join_fragments(group) for column, group in groups.items()}


def _header_bottom(grid: Grid | None, line: Line) -> float:
    below = [rule for rule in grid.rules if rule < line.y] if grid else []
    return max(below) if below else line.y


def _open(slot: int, line: Line, grid: Grid | None) -> _OpenTable:
    if grid is not None:
        # Cell text starts just right of a vertical rule; the last rule closes the table.
        lefts = list(grid.edges[:-1])
    else:
        lefts = [x - _INDENT / 2 for x in _cluster(fragment.x for fragment in line.fragments)]
    table = _OpenTable(slot, lefts, grid, [], _header_bottom(grid, line), line.bold, line.size)
    table.header_lines.append(_header_texts(table, line))
    return table


def _header_texts(table: _OpenTable, line: Line) -> list[str]:
    texts = _by_column(table.lefts, line.fragments)
    return [texts.get(column, "") for column in range(len(table.lefts))]


def _repeats_header(table: _OpenTable, line: Line) -> bool:
    """Tell whether a header line is the open table's header repeated at the top of a new page."""
    return line.page != table.last_page and _header_texts(table, line) == table.header_lines[0]


def _same_columns(table: _OpenTable, grid: Grid) -> bool:
    return len(grid.edges) - 1 == len(table.lefts) and abs(grid.edges[0] - table.lefts[0]) <= 2 * _SNAP


def _belongs(table: _OpenTable, line: Line, grid: Grid | None) -> bool:
    if table.grid is not None:
        return grid is not None and _same_columns(table, grid)
    if abs(line.size - table.body_size) > 0.6:
        return False
    if line.page == table.last_page and table.previous_y - line.y > 3 * line.size:
        return False
    return all(_near_column(table, fragment.x) for fragment in line.fragments)


def _near_column(table: _OpenTable, x: float) -> bool:
    return any(abs(x - left) <= 2 * _INDENT for left in table.lefts)


def _above_continuation(table: _OpenTable, line: Line, grids: Sequence[Grid]) -> bool:
    return line.page != table.last_page and any(_same_columns(table, g) and g.top <= line.y for g in grids)


def _in_header(table: _OpenTable, line: Line) -> bool:
    if not table.in_header or line.page != table.last_page:
        return False
    if table.grid is not None:
        return line.y > table.header_bottom
    # Without rules the header ends where its bold, tightly spaced lines do.
    return table.header_bold and line.bold and table.previous_y - line.y < 1.6 * line.size


def _add_header_line(table: _OpenTable, line: Line) -> None:
    if table.collect_header:
        table.header_lines.append(_header_texts(table, line))
    table.previous_y, table.last_page = line.y, line.page


def _add_body_line(table: _OpenTable, line: Line) -> None:
    table.in_header = False
    texts = _by_column(table.lefts, line.fragments)
    band = table.bands[-1] if table.bands else None
    if band is None or band.page != line.page:
        band = _Band(line.page, _empty(table), opens_page=bool(table.bands))
        table.bands.append(band)
    elif _starts_row(table, band, line, texts):
        band = _Band(line.page, _empty(table))
        table.bands.append(band)
    if not band.last_y:
        band.first_y = line.y
    for column, text in texts.items():
        band.cells[column].append(text)
        band.last_y[column] = line.y
    table.previous_y, table.last_page = line.y, line.page


def _starts_row(table: _OpenTable, band: _Band, line: Line, texts: dict[int, str]) -> bool:
    if table.grid is not None:
        return any(line.y < rule < table.previous_y for rule in table.grid.rules)
    # Without rules, cells start at their row's top: a column that gets its first text below the
    # row's first line, or text again after a blank stretch, has begun a new row.
    for column in texts:
        if column not in band.last_y and line.y < band.first_y - 0.5 * line.size:
            return True
        if column in band.last_y and band.last_y[column] - line.y > 1.5 * line.size:
            return True
    return False


def _continues(headers: Sequence[str], previous: _Band, band: _Band) -> bool:
    """Tell whether a page's first row piece is the rest of the row the page break cut."""
    leading = [i for i, header in enumerate(headers) if column_key(header) in ("goal", "what")] or [0]
    # A new row at the top of a page that leaves its goal and activity empty is
    # indistinguishable from a cut row; Word and LibreOffice split long rows, so mend it.
    if all(not band.cells[i] for i in leading):
        return True
    for column, lines in enumerate(band.cells):
        before = previous.cells[column]
        if lines and before and lines[0][:1].islower() and not ends_sentence(before[-1]):
            return True
    return False


def _finish(table: _OpenTable, vocabulary: frozenset[str]) -> Table:
    columns = range(len(table.lefts))
    headers = [join_lines([line[column] for line in table.header_lines], vocabulary) for column in columns]
    bands: list[_Band] = []
    for band in table.bands:
        if not any(band.cells):
            continue
        if bands and band.opens_page and _continues(headers, bands[-1], band):
            for column, lines in enumerate(band.cells):
                bands[-1].cells[column].extend(lines)
        else:
            bands.append(band)
    texts = [[join_lines(lines, vocabulary) for lines in band.cells] for band in bands]
    rows = []
    for band, (cells, continued) in zip(bands, fill_continued(headers, texts)):
        row = tuple(Cell(header, text) for header, text in zip(headers, cells))
        rows.append(Block(TABLE_ROW, render_row(row), page=band.page, cells=row, continued=continued))
    return Table(tuple(rows))
