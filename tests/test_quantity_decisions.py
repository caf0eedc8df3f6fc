"""Quantity accounting: every quantity of a document ends with exactly one decision — a
target's value, or not a target with a reason code and the rule that decided — so a
reader can check why any number was or was not read as a target."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import PROJECT_DOCS, SHARED_DOCS, document_id

from nghiquyet_parser import parse, parse_text
from nghiquyet_parser.cli import main
from nghiquyet_parser.explain import quantity_rows


def check_accounting(resolution) -> None:
    for q in resolution.quantities:
        assert q.rule, f"{q.text!r} has no deciding rule"
        assert (q.decision == "target") == (q.reason is None), f"{q.text!r}: {q.decision} with reason {q.reason!r}"
    # every numeric target is the value of exactly one quantity decided 'target'
    decided = Counter((q.span.start, q.span.end) for q in resolution.quantities if q.decision == "target")
    numeric = Counter((t.span.start, t.span.end) for t in resolution.targets if t.value is not None)
    assert decided == numeric


@pytest.mark.parametrize("path", PROJECT_DOCS + SHARED_DOCS, ids=document_id)
def test_every_quantity_has_one_decision(path):
    check_accounting(parse(path))


def test_the_reasons_say_why_numbers_are_not_targets():
    resolution = parse_text(
        "QUYẾT NGHỊ:\nĐiều 1. Mục tiêu năm 2025\n"
        "1. Thu nhập bình quân đầu người đạt 60 triệu đồng, tăng 8% so với năm 2024.\n"
        "2. Hỗ trợ 2 triệu đồng/người cho học viên; xây dựng nhà văn hóa tại 3 xã (An Bình, An Lạc, An Phú).\n"
        "3. Trẻ em dưới 6 tuổi được khám sức khỏe theo Điều 5 của Quy định.\n")
    decided = {q.text: (q.decision, q.reason) for q in resolution.quantities}
    assert decided["60 triệu đồng"] == ("target", None)
    assert decided["8%"] == ("not_target", "change_of_target")
    assert decided["2 triệu đồng/người"] == ("not_target", "norm_per_unit")
    assert decided["3 xã"] == ("not_target", "place_count")
    assert decided["6 tuổi"] == ("not_target", "age_or_rank")
    assert decided["2025"][1] == decided["2024"][1] == "date_or_period"


def test_explain_prints_every_quantity_of_the_seed(capsys):
    seed = PROJECT_DOCS[0]
    assert main(["explain", str(seed), "--width", "200"]) == 0
    printed = capsys.readouterr().out
    rows = quantity_rows(parse(seed))
    assert rows and all(f"│ {number} " in printed for number, *_ in rows)
    assert "not targets, by reason:" in printed
