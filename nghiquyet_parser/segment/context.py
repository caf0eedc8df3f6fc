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
from .contracts import Structure, TableBlock

# Nodes whose heading (or opening words) may say whether the numbers under them report
# results or set targets.
_HEADED_KINDS = ("part", "chapter", "section", "article", "roman")


def place_blocks(norm: NormalisedText, structure: Structure) -> None:
    """Give every text block its headings' status and period, and every table its place.
    Attached documents and appendices count their titles as headings: the numbers of
    'KẾ HOẠCH ... GIAI ĐOẠN 2026 - 2030' are for 2026-2030."""
    trees = [structure.body, *([_titled(a.title, a.body)] for a in structure.attachments),
             *([_titled(a.title, a.body)] for a in structure.appendices)]
    nodes = [node for tree in trees for node in models.walk_nodes(tree)]  # walked once for both
    statuses, periods = _Nearest(_heading_statuses(nodes)), _Nearest(_heading_periods(nodes))
    structure.blocks = [block.placed(statuses[block.path], periods[block.path]) for block in structure.blocks]
    structure.tables = _placed_tables(norm, structure, periods)


def _titled(title: str | None, body: list[models.Node]) -> models.Node:
    """An attached document or appendix as a headed node over its body (its nodes' paths
    start with its label: 'Kế hoạch › II')."""
    root = body[0].path.split(models.PATH_SEPARATOR)[0] if body else ""
    span = body[0].span if body else models.Span(start=0, end=0)
    return models.Node(kind="part", heading=title, path=root, span=span, children=body)


def _heading_statuses(nodes: list[models.Node]) -> dict[str, str]:
    """'result' or 'target' by node path, for articles and sections whose heading says
    which ('Đánh giá kết quả thực hiện ...', 'II. MỤC TIÊU, CHỈ TIÊU NĂM 2025')."""
    headed = (node for node in nodes if node.kind in _HEADED_KINDS)
    return {node.path: status for node in headed if (status := heading_status(node.heading or node.text[:200]))}


def _heading_periods(nodes: list[models.Node]) -> dict[str, str]:
    """The period each heading states ('Nhiệm vụ ... 6 tháng cuối năm 2021'), by node path."""
    return {
        node.path: stated
        for node in nodes
        # most nodes are leaves without a heading: nothing to read, so no search
        if (said := node.heading or (node.text if node.children else "")) and (stated := period_in(said))
    }


class _Nearest(dict[str, Optional[str]]):
    """By path, the value of the nearest heading at or above it: a target whose sentence
    names no period is set for the one its article or section is about. Each path is looked
    up once (a dict that fills itself): a node's heading and text blocks share one."""

    def __init__(self, by_path: dict[str, str]):
        super().__init__()
        self.by_path = by_path

    def __missing__(self, path: str) -> Optional[str]:
        found = next((self.by_path[above] for above in models.path_and_ancestors(path) if above in self.by_path), None)
        self[path] = found
        return found


def _placed_tables(norm: NormalisedText, structure: Structure, periods: _Nearest) -> list[TableBlock]:
    """Each table with the path that names it ('Phụ lục 01 › Bảng', 'Điều 1 › 2 › Bảng 2':
    numbered where one container holds several). A table of an appendix or an attached
    document has no article (GOLD.md: it is not the resolution's own text, even where an
    article points at it)."""
    paths = _table_paths([table.path for table in structure.tables])
    return [replace(table, path=path, period=periods[table.path])
            for table, path in zip(structure.tables, paths)]


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
