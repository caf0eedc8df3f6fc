"""What the target finders return (`TargetMatch`) and what the blocks of one document
share while targets are found in them (`BlockState`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .quantities import QuantityMatch


@dataclass
class TargetMatch:
    """A target found in one Doc; offsets are relative to the Doc's text."""

    indicator: str
    indicator_start: int
    indicator_end: int
    start: int  # the value (and unit); for a qualitative target, the indicator
    end: int
    sentence_start: int
    sentence_end: int
    quantity: Optional[QuantityMatch]
    comparator: Optional[str]
    kind: str
    status: str
    change: Optional[dict] = None
    baseline: Optional[str] = None
    price_basis: Optional[str] = None
    period: Optional[str] = None
    scope: Optional[str] = None
    parent: Optional[int] = None  # index in the Doc's targets
    head: Optional[str] = None  # "Cơ cấu kinh tế" of a colon list, passed to the next items
    label: Optional[str] = None  # "Xã biên giới" in "Xã biên giới: Tổng số 1.177 hộ ..."
    local: str = ""  # the indicator's own words, for a count paired with the next ("hộ với ... khẩu")


@dataclass
class BlockState:
    """What the targets of a document share across its blocks (set by extract())."""

    # A resolution on fees, rates or support levels: its numbers are norms, and only
    # totals and explicit objectives are targets (GOLD.md's exclusions).
    policy_document: bool = False


@dataclass(frozen=True)
class Decision:
    """What became of one quantity: a target, or not a target for a reason (a code:
    'norm_per_unit', 'place_count', 'change_of_target' ...), and the rule that decided."""

    target: bool
    reason: Optional[str]
    rule: str
