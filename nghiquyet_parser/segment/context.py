"""Where each block stands, once the tree is built: the status ('result' / 'target') and
the period its headings give its numbers ('I. KẾT QUẢ THỰC HIỆN NĂM 2024' over '1. ...'),
and for a table its article and the path that names it. Extract reads these from the
blocks and never walks the tree itself."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Optional

from .. import models
from ..headings import heading_status, period_in
from ..normalise import NormalisedText
from .appendix_refs import (
    appendix_label,
    appendix_mentions,
    appendix_number,
    pointing_article,
)
from .contracts import Structure, TableBlock

# Nodes whose heading (or opening words) may say whether the numbers under them report
# results or set targets.
_HEADED_KINDS = ("part", "chapter", "section", "article", "roman")


def place_blocks(norm: NormalisedText, structure: Structure) -> None:
    """Give every text block its headings' status and period, and every table its place."""
    statuses = _heading_statuses(structure.body)
    periods = _heading_periods(structure.body)
    structure.blocks = [replace(block, status=_nearest(block.path, statuses), period=_nearest(block.path, periods))
                        for block in structure.blocks]
    structure.tables = _placed_tables(norm, structure, periods)


def _heading_statuses(body: list[models.Node]) -> dict[str, str]:
    """'result' or 'target' by node path, for articles and sections whose heading says
    which ('Đánh giá kết quả thực hiện ...', 'II. MỤC TIÊU, CHỈ TIÊU NĂM 2025')."""
    headed = (node for node in models.walk_nodes(body) if node.kind in _HEADED_KINDS)
    return {node.path: status for node in headed if (status := heading_status(node.heading or node.text[:200]))}


def _heading_periods(body: list[models.Node]) -> dict[str, str]:
    """The period each heading states ('Nhiệm vụ ... 6 tháng cuối năm 2021'), by node path."""
    return {
        node.path: stated
        for node in models.walk_nodes(body)
        if (stated := period_in(node.heading or (node.text if node.children else "")))
    }


def _nearest(path: str, by_path: dict[str, str]) -> Optional[str]:
    """The value of the nearest heading at or above `path`: a target whose sentence names
    no period is set for the one its article or section is about."""
    return next((by_path[above] for above in models.path_and_ancestors(path) if above in by_path), None)


def _placed_tables(norm: NormalisedText, structure: Structure, periods: dict[str, str]) -> list[TableBlock]:
    """Each table with its article and the path that names it ('Phụ lục › Bảng',
    'Điều 1 › 2 › Bảng 2': numbered where one container holds several). An appendix
    table belongs to the article that points at the appendix."""
    mentions = _appendix_mentions(norm, structure)
    placed = []
    for table in structure.tables:
        article, container = table.article, table.path
        appendix = _appendix_of(norm, structure.appendices, table) if table.region == "appendix" else None
        if appendix is not None:
            article = pointing_article(appendix_number(appendix.title or ""), mentions)
            container = models.PATH_SEPARATOR.join(part for part in (appendix_label(appendix.title or ""), table.path) if part)
        placed.append((table, article, container))
    paths = _table_paths([container for _, _, container in placed])
    return [replace(table, article=article, path=path, period=_nearest(table.path, periods))
            for (table, article, _), path in zip(placed, paths)]


def _table_paths(containers: list[str]) -> list[str]:
    """'Bảng' under each container, numbered in order where the container holds several tables."""
    totals = Counter(containers)
    seen: Counter[str] = Counter()
    paths = []
    for container in containers:
        seen[container] += 1
        label = "Bảng" if totals[container] == 1 else f"Bảng {seen[container]}"
        paths.append(models.PATH_SEPARATOR.join(part for part in (container, label) if part))
    return paths


def _appendix_mentions(norm: NormalisedText, structure: Structure) -> list[tuple[int, Optional[str]]]:
    """(article, appendix number or None) for every 'Phụ lục ...' in the resolution's articles."""
    return [
        (block.article, number)
        for block in structure.blocks
        if block.region == "body" and block.article is not None
        for number in appendix_mentions(norm.text[block.start : block.end])
    ]


def _appendix_of(norm: NormalisedText, appendices: list[models.Appendix], table: TableBlock) -> Optional[models.Appendix]:
    start = norm.original_span(table.start, table.end).start
    return next((appendix for appendix in appendices if appendix.span.start <= start < appendix.span.end), None)
