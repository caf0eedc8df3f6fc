"""Damaged text and mistaken library calls give a result with a warning, or one clear InputError."""

from __future__ import annotations

import pytest
from conftest import windows_1258_bytes

from nghiquyet_parser import parse
from nghiquyet_parser.errors import InputError
from nghiquyet_parser.read import read_bytes

# A made-up resolution: long enough that a few bad bytes are a tiny share of its non-ASCII bytes.
RESOLUTION = (
    "HỘI ĐỒNG NHÂN DÂN\nTỈNH HÀ NAM\n\nSố: 12/2021/NQ-HĐND\n\nNGHỊ QUYẾT\n"
    "Về kế hoạch phát triển kinh tế - xã hội năm 2022\n\n"
    "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ NAM\nKHÓA XIX, KỲ HỌP THỨ TƯ\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\n"
    "QUYẾT NGHỊ:\n\n"
    "Điều 1. Mục tiêu và chỉ tiêu chủ yếu năm 2022\n"
    "1. Tốc độ tăng trưởng kinh tế đạt 8,5% trở lên.\n"
    "2. Thu nhập bình quân đầu người đạt 65 triệu đồng.\n"
    "3. Tỷ lệ hộ nghèo giảm còn dưới 1,5%.\n\n"
    "Điều 2. Tổ chức thực hiện\n"
    "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.\n\n"
    "Điều 3. Hiệu lực thi hành\n"
    "Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2022.\n"
)
BAD = b"\xff\xfe\xc3"


def _damaged() -> tuple[bytes, int]:
    good = RESOLUTION.encode("utf-8")
    middle = good.index("65 triệu đồng".encode("utf-8"))  # inside a sentence, mid-way through the text
    return good[:middle] + BAD + good[middle:], middle


def test_four_bad_bytes_do_not_lose_a_utf8_document():
    data, offset = _damaged()
    resolution = parse(data)
    assert resolution.source.encoding == "utf-8"
    assert len(resolution.articles()) == 3
    assert "Thu nhập bình quân" in resolution.text and "\ufffd\ufffd\ufffd" in resolution.text
    warning = next(w for w in resolution.warnings if w.code == "invalid_utf8")
    assert f"{offset}-{offset + 2}" in warning.message
    assert resolution.text[warning.span.start:warning.span.end] == "\ufffd" * 3


def test_bad_bytes_after_a_utf8_bom():
    data, offset = _damaged()
    document = read_bytes(b"\xef\xbb\xbf" + data)
    assert document.source.encoding == "utf-8-sig"
    assert f"{offset + 3}-{offset + 5}" in document.warnings[0].message


def test_mostly_invalid_utf8_is_still_read_as_a_legacy_encoding():
    # Windows-1258 bytes are almost all invalid as UTF-8: no UTF-8 reading, no warning.
    document = read_bytes(windows_1258_bytes(RESOLUTION))
    assert document.source.encoding == "windows-1258" and not document.warnings


def test_valid_utf8_has_no_warning():
    assert not read_bytes(RESOLUTION.encode("utf-8")).warnings


# --------------------------------------------------------------------------- str given to parse()


@pytest.mark.parametrize("name", ["/no/such/file.txt", "missing.docx", "no/such/dir/file", "C:\\Nghi quyet\\12.pdf"])
def test_a_missing_path_is_an_input_error(name):
    with pytest.raises(InputError, match="no such file") as caught:
        parse(name)
    assert caught.value.path == name


def test_a_long_text_is_never_taken_for_a_path():
    resolution = parse("Điều 1. Tăng trưởng kinh tế đạt 8%. " * 1000)
    assert resolution.articles()


def test_a_short_text_without_line_break_is_text():
    assert parse("Điều 1. Tốc độ tăng trưởng kinh tế đạt 8,5%.").articles()


def test_an_existing_path_str_is_read(tmp_path):
    path = tmp_path / "nq.txt"
    path.write_text(RESOLUTION, encoding="utf-8")
    assert parse(str(path)).source.path == str(path)


def test_a_line_with_slashes_in_a_number_is_text():
    try:
        assert parse("Nghị quyết số 12/2021/NQ-HĐND của Hội đồng nhân dân tỉnh").source.path is None
    except InputError as refused:
        assert "no such file" not in refused.problem
