"""Vietnamese dates → ISO (partial where the text is), and number words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nghiquyet_parser.dates import find_dates, first_date, roman_to_int, words_to_int


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Bình Lục, ngày 20 tháng 7 năm 2021", "2021-07-20"),
        ("thông qua ngày .... tháng 7  năm 2021./.", "2021-07"),
        ("ngày … tháng … năm 2021", "2021"),
        ("ngày 07/9/2006 của Chính phủ", "2006-09-07"),
        ("từ ngày 1-8-2017", "2017-08-01"),
        ("ngày 14.7.2017", "2017-07-14"),
        ("trong tháng 11 năm 2025", "2025-11"),
        ("tháng 7/2021", "2021-07"),
        ("ngày 19 tháng 6 năm\n2015", "2015-06-19"),
    ],
)
def test_dates(text: str, iso: str) -> None:
    found = first_date(text)
    assert found is not None and found.iso == iso


def test_spans_cover_the_date_only() -> None:
    text = "Tờ trình số 251/TTr-UBND ngày 14 tháng 7 năm 2021 của UBND huyện"
    (found,) = find_dates(text)
    assert text[found.start:found.end] == "ngày 14 tháng 7 năm 2021"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("ngày 5/6/2020 và ngày 1 tháng 2 năm 2021", "2020-06-05"),  # a numeric date before a worded one
        ("ngày 1 tháng 2 năm 2021 và ngày 5/6/2020", "2021-02-01"),
        ("tháng 7/2021", "2021-07"),  # '7/2021' is no numeric date of its own
        ("ngày 45/13/2021, tháng 13 năm 2021, ngày 2/3/2022", "2022-03-02"),  # impossible dates are passed over
        ("số 34/2016/NĐ-CP", None),
    ],
)
def test_first_date_is_the_first_found(text: str, iso: str | None) -> None:
    found = first_date(text)
    assert (found.iso if found else None) == iso


_PIECES = ["ngày ", "tháng ", "năm ", "/", ".", "-", "1", "12", "2021", "13", "….", " ", "x", "\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_first_date_agrees_with_find_dates(pieces: list[str]) -> None:
    text = "".join(pieces)
    dates = find_dates(text)
    assert first_date(text) == (dates[0] if dates else None)


@pytest.mark.parametrize("text", ["giai đoạn 2021-2025", "Nghị định số 34/2016/NĐ-CP", "ngày 45/13/2021", "tăng 9,2%"])
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("words", "value"),
    [("hai", 2), ("HAI", 2), ("Mười một", 11), ("mười", 10), ("hai mươi tư", 24), ("hai mươi mốt", 21),
     ("nhất", 1), ("28", 28), ("Năm", 5), ("Sáu", 6), ("ba mươi", 30), ("mười lăm", 15)],
)
def test_words_to_int(words: str, value: int) -> None:
    assert words_to_int(words) == value


def test_words_to_int_stops_at_other_words() -> None:
    assert words_to_int("hai thông qua") == 2
    assert words_to_int("chuyên đề") is None


@pytest.mark.parametrize(("numeral", "value"), [("XX", 20), ("IX", 9), ("XVIII", 18), ("XIV", 14), ("Q", None)])
def test_roman(numeral: str, value: int | None) -> None:
    assert roman_to_int(numeral) == value
