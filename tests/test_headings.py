"""What a heading or sentence says: the period it sets (not a baseline's year), its status."""

from __future__ import annotations

import pytest

from nghiquyet_parser.headings import heading_status, period_in


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Kết quả thực hiện 6 tháng đầu năm 2021", "6 tháng đầu năm 2021"),
        ("phấn đấu sáu tháng cuối năm 2022 đạt", "sáu tháng cuối năm 2022"),
        ("đến hết năm 2025, tỷ lệ hộ nghèo", "đến hết năm 2025"),
        ("trong năm 2024 hoàn thành", "trong năm 2024"),
        ("MỤC TIÊU NĂM 2025", "NĂM 2025"),  # capitals: the year word in any case
        ("6 tháng năm 2021", "năm 2021"),  # a longer form that does not hold falls back to the year
        ("tăng 5% so với năm 2020, đến năm 2025", "đến năm 2025"),  # the baseline's year is not the period
        ("tăng 5% so với năm 2020", None),
        ("giai đoạn 2021-2025", None),
        ("", None),
    ],
)
def test_period_in(text, period):
    assert period_in(text) == period


@pytest.mark.parametrize(
    ("heading", "status"),
    [("Mục tiêu, chỉ tiêu năm 2025", "target"), ("Kết quả năm 2024 và mục tiêu năm 2025", "result"),
     ("Tổ chức thực hiện", None)],
)
def test_heading_status(heading, status):
    assert heading_status(heading) == status
