"""Number grammar and units: Vietnamese separators, scale words, ranges, words, units as data."""

from __future__ import annotations

import pytest

from nghiquyet_parser.extract.quantities import (
    decimal_convention,
    find_quantities,
    parse_number,
    parse_number_words,
    units,
)


@pytest.mark.parametrize(
    ("written", "convention", "value"),
    [
        ("2.501,7", "vi", 2501.7),
        ("3.350", "vi", 3350),
        ("55,6", "vi", 55.6),
        ("96.477,2", "vi", 96477.2),
        ("1.234.567", "vi", 1234567),
        ("526,380", "vi", 526.38),
        ("4.5", "vi", 4.5),
        ("1.500", "en", 1.5),
        ("2,501.7", "en", 2501.7),
        ("1,500", "en", 1500),
    ],
)
def test_parse_number(written, convention, value):
    assert parse_number(written, convention) == pytest.approx(value)


def test_document_convention_decides_ambiguous_numbers():
    assert decimal_convention("đạt 12,5%; tăng 3,2%; 1.500 lao động") == "vi"
    assert decimal_convention("growth 12.5 %, 3.2 %, 1,500 workers") == "en"
    [q] = find_quantities("có 1.500 người", "en")
    assert q.value == 1.5


@pytest.mark.parametrize(
    ("words", "value"),
    [("hai", 2), ("ba mươi", 30), ("mười lăm", 15), ("hai trăm năm mươi", 250), ("một trăm", 100)],
)
def test_parse_number_words(words, value):
    assert parse_number_words(words) == value


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "unit", "base", "normalised"),
    [
        ("đạt 55,6 triệu đồng", "triệu đồng", "đồng", 55_600_000),
        ("đạt 99,1 nghìn tấn", "nghìn tấn", "tấn", 99_100),
        ("đạt 2.501,7 tỷ đồng", "tỷ đồng", "đồng", 2_501_700_000_000),
        ("khoảng 84,3 nghìn tỷ đồng", "nghìn tỷ đồng", "đồng", 84_300_000_000_000),
        ("đạt 30 triệu USD", "triệu usd", "USD", 30_000_000),
        ("tăng 9,2%", "%", "ratio", 0.092),
        ("là 0,07 ‰", "‰", "ratio", 0.00007),
        ("năng suất 62 tạ/ha", "tạ/ha", "tấn/ha", 6.2),
        ("diện tích 857,5km2", "km2", "ha", 85_750),
        ("có 3.350 lao động", "lao động", "lao động", 3350),
        ("giảm 0,5 điểm phần trăm", "điểm phần trăm", "percentage point", 0.5),
    ],
)
def test_units_and_normalised_values(text, unit, base, normalised):
    q = only(text)
    assert (q.unit, q.base_unit) == (unit, base)
    assert q.normalised_value == pytest.approx(normalised)


def test_quantity_offsets_cover_number_and_unit():
    text = "Giá trị đạt 2.501,7 tỷ đồng tăng"
    q = only(text)
    assert text[q.start : q.end] == "2.501,7 tỷ đồng"
    assert text[q.number_start : q.number_end] == "2.501,7"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("tăng 7-7,5%", 7, 7.5), ("khoảng 6,5 - 7%", 6.5, 7), ("từ 2-3 chỉ tiêu", 2, 3), ("22 - 23 triệu lượt khách", 22, 23)],
)
def test_ranges(text, low, high):
    q = only(text)
    assert (q.value, q.value_max) == (low, high)
    assert q.normalised_max is not None


def test_approximation():
    assert only("khoảng 1.000 tỷ đồng").approximate
    assert not only("đạt 1.000 tỷ đồng").approximate


def test_numbers_in_words_need_a_unit():
    q = only("thành lập thêm hai HTX kiểu mới")
    assert (q.value, q.unit) == (2, "htx")
    assert find_quantities("kỳ họp thứ hai") == []
    assert find_quantities("hai bên cùng có lợi") == []


@pytest.mark.parametrize(
    "text",
    ["Luật số 47/2019/QH14", "dịch bệnh Covid-19", "Tờ trình số 251/TTr-UBND", "giống lúa LT2", "ngày 14/7/2021"],
)
def test_codes_and_document_numbers_are_not_quantities(text):
    assert all(q.unit is None for q in find_quantities(text))
    assert not any(q.value in (47, 19, 251, 2, 14) and q.unit for q in find_quantities(text))


def test_unit_vocabulary_is_data():
    table = units()
    assert table["%"].factor == 0.01 and table["‰"].factor == 0.001
    assert table["ha"].base == "ha" and table["m2"].factor == pytest.approx(1e-4)


def test_a_number_no_float_can_hold_is_no_quantity():
    """400 digits overflow to inf, which JSON writes as null and no reader takes back."""
    assert [q.value for q in find_quantities("đạt " + "9" * 400 + " tỷ đồng và 5 tỷ đồng")] == [5.0]
    assert find_quantities("9" * 300 + " tỷ đồng") == []  # finite, but not once in đồng
