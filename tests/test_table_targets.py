"""Targets read from indicator tables: column roles, values and units, spans, article and path."""

from __future__ import annotations

import pytest

from nghiquyet_parser import parse_text
from nghiquyet_parser.extract import check_repeated_indicators
from nghiquyet_parser.extract.table_targets import column_role, find_table_targets
from nghiquyet_parser.segment.appendix_refs import appendix_label

HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện năm 2024", "Kế hoạch năm 2025"]


def table(*rows: list[str], header: list[str] = HEADER) -> list[list[str]]:
    return [header, *rows]


def values(rows: list[list[str]], convention: str = "vi") -> list[tuple]:
    return [(t.indicator, t.quantity.value, t.quantity.unit, t.status) for t in find_table_targets(rows, convention)]


# --------------------------------------------------------------------------- column roles


@pytest.mark.parametrize(
    ("heading", "status"),
    [
        ("Ước thực hiện năm 2024", "result"),
        ("Ước TH 2024", "result"),
        ("Ước năm 2024", "result"),
        ("Thực hiện năm 2024", "result"),
        ("Kết quả năm 2024", "result"),
        ("Kế hoạch năm 2025", "target"),
        ("KH 2025", "target"),
        ("Mục tiêu đến năm 2030", "target"),
        ("Chỉ tiêu năm 2025", "target"),
        ("Phấn đấu năm 2025", "target"),
        ("KẾ HOẠCH NĂM 2025", "target"),
    ],
)
def test_status_comes_from_the_column_heading(heading, status):
    rows = table(["1", "Số trạm y tế có bác sĩ", "Trạm", "14"], header=["TT", "Chỉ tiêu", "ĐVT", heading])
    [target] = find_table_targets(rows)
    assert target.status == status


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("TT", "marker"),
        ("STT", "marker"),
        ("Chỉ tiêu", "indicator"),
        ("CHỈ TIÊU", "indicator"),
        ("Tên chỉ tiêu", "indicator"),
        ("Đơn vị tính", "unit"),
        ("ĐVT", "unit"),
        ("Ghi chú", "skip"),
        ("So sánh KH 2025/TH 2024 (%)", "skip"),
        ("Kế hoạch 2025 so với thực hiện 2024 (%)", "skip"),
        ("Tăng, giảm (%)", "skip"),
        ("Dân số (người)", None),
        ("Năm 2025", "period"),
        ("GIAI ĐOẠN 2026 - 2030", "period"),
        ("ƯTH Năm 2025", "result"),
        ("Định mức", "skip"),
        ("Lượng (Tấn)", "measure"),
        ("Sản phẩm", "indicator"),
        ("Sản phẩm đầu ra", None),
    ],
)
def test_column_roles(heading, role):
    assert column_role(heading) == role


def test_comparison_and_note_columns_give_no_targets():
    rows = table(
        ["1", "Số hộ dùng nước sạch", "Hộ", "1.200", "1.350", "112,5", "8,3"],
        header=[*HEADER, "So sánh (%)", "Tăng, giảm (%)"],
    )
    assert [v[1] for v in values(rows)] == [1200, 1350]


def test_period_comes_from_the_column_heading():
    rows = table(["1", "Tỷ lệ hộ nghèo", "%", "2,1", "1,8"], header=["TT", "Chỉ tiêu", "ĐVT", "Ước TH 2024", "Kế hoạch năm 2025"])
    # a bare year names the period too ("Ước TH 2024")
    assert [t.period for t in find_table_targets(rows)] == ["năm 2024", "năm 2025"]


# --------------------------------------------------------------------------- values


def test_decimal_convention_of_the_document():
    rows = table(["1", "Tổng vốn đầu tư", "Tỷ đồng", "2.405,75", "3.100"], ["2", "Tỷ lệ đô thị hóa", "%", "41,5", "43"])
    assert [v[1] for v in values(rows, "vi")] == [2405.75, 3100, 41.5, 43]
    rows = table(["1", "Tổng vốn đầu tư", "Tỷ đồng", "2,405.75", "3,100"], ["2", "Tỷ lệ đô thị hóa", "%", "41.5", "43"])
    assert [v[1] for v in values(rows, "en")] == [2405.75, 3100, 41.5, 43]


@pytest.mark.parametrize("cell", ["", "-", "–", "x", "Đạt", "Hoàn thành", "2/3", "12 - 15 - 20"])
def test_empty_dash_and_word_cells_give_no_target(cell):
    rows = table(["1", "Số xã đạt chuẩn văn hóa", "Xã", cell, "7"])
    assert values(rows) == [("Số xã đạt chuẩn văn hóa", 7, "xã", "target")]


def test_short_rows_and_heading_rows_are_skipped():
    rows = table(["I", "CHỈ TIÊU XÃ HỘI"], ["1", "Số bác sĩ trên một vạn dân", "Bác sĩ", "9,5"], ["(1)", "(2)", "(3)", "(4)", "(5)"])
    assert values(rows) == [("Số bác sĩ trên một vạn dân", 9.5, "bác sĩ", "result")]


@pytest.mark.parametrize(
    ("unit", "spelled", "normalised"),
    [
        ("Tỷ đồng", "tỷ đồng", 12_500_000_000),
        ("Triệu đồng", "triệu đồng", 12_500_000),
        ("%", "%", 0.125),
        ("Lao động", "lao động", 12.5),
        ("Xã", "xã", 12.5),
        ("HA", "ha", 12.5),
        ("", None, 12.5),
        ("Cơ sở", "cơ sở", None),  # not in the unit vocabulary: kept as written, no factor
    ],
)
def test_units_are_spelled_as_the_vocabulary_spells_them(unit, spelled, normalised):
    [target] = find_table_targets(table(["1", "Chỉ số thử", unit, "12,5"]))
    assert target.quantity.unit == spelled
    assert target.quantity.normalised_value == normalised


def test_a_value_cell_may_carry_its_own_unit_and_comparator():
    rows = table(["1", "Tỷ lệ tiêm chủng đầy đủ", "", "96%", "Trên 97%"], ["2", "Số lượt khách du lịch", "Lượt khách", "khoảng 20.000", "≥ 25.000"])
    found = [(t.quantity.value, t.quantity.unit, t.comparator) for t in find_table_targets(rows)]
    assert found == [(96, "%", "="), (97, "%", ">"), (20000, "lượt khách", "~"), (25000, "lượt khách", ">=")]


def test_a_range_cell_gives_value_and_maximum():
    [target] = find_table_targets(table(["1", "Tốc độ tăng trưởng kinh tế", "%", "", "7-7,5"]))
    assert (target.quantity.value, target.quantity.value_max) == (7, 7.5)


def test_price_basis_leaves_the_indicator_other_notes_stay():
    rows = table(
        ["1", "Giá trị sản xuất công nghiệp (giá so sánh 2010)", "Tỷ đồng", "810", "905"],
        ["2", "Số trường đạt chuẩn quốc gia (lũy kế)", "Trường", "21", "24"],
        ["3", "Tổng sản phẩm bình quân đầu người", "Triệu đồng (giá hiện hành)", "66", "72"],
    )
    found = [(t.indicator, t.price_basis) for t in find_table_targets(rows)][::2]
    assert found == [
        ("Giá trị sản xuất công nghiệp", "giá so sánh 2010"),
        ("Số trường đạt chuẩn quốc gia (lũy kế)", None),
        ("Tổng sản phẩm bình quân đầu người", "giá hiện hành"),
    ]


# --------------------------------------------------------------------------- not target tables


def test_a_list_of_communes_with_population_gives_no_targets():
    rows = [["STT", "Tên xã", "Dân số (người)", "Diện tích (km2)"], ["1", "Xã Hòa Bình", "8.412", "21,4"], ["2", "Xã Tân Tiến", "6.930", "18,2"]]
    assert find_table_targets(rows) == []


def test_value_columns_without_an_indicator_column_give_no_targets():
    rows = [["STT", "Đơn vị", "Kế hoạch năm 2025"], ["1", "Xã Hòa Bình", "120"]]
    assert find_table_targets(rows) == []


def test_an_indicator_column_without_value_columns_gives_no_targets():
    rows = [["STT", "Nội dung", "Trung ương (%)", "Tỉnh (%)"], ["1", "Thuế tài nguyên", "40", "60"]]
    assert find_table_targets(rows) == []


def test_the_header_may_stand_below_a_title_row_that_gives_the_unit():
    rows = [["Đơn vị tính: tỷ đồng"], ["TT", "Chỉ tiêu", "Dự toán năm 2025"], ["1", "Tổng chi ngân sách huyện", "640,2"]]
    assert values(rows) == [("Tổng chi ngân sách huyện", 640.2, "tỷ đồng", "target")]


# --------------------------------------------------------------------------- multi-row headers, groups, measures


def cells(rows: list[list[str]]) -> list[tuple]:
    return [(t.row, t.column, t.indicator, t.quantity.value, t.quantity.unit, t.status, t.period) for t in find_table_targets(rows)]


def test_a_period_heading_spans_the_plan_years_of_the_second_header_row():
    rows = [
        ["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2024", "GIAI ĐOẠN 2025 - 2027"],
        ["Năm 2025", "Năm 2026", "Năm 2027"],
        ["1", "Số hợp tác xã kiểu mới", "HTX", "40", "44", "47", "52"],
    ]
    assert cells(rows) == [
        (2, 3, "Số hợp tác xã kiểu mới năm 2024", 40, "htx", "result", "năm 2024"),
        (2, 4, "Số hợp tác xã kiểu mới năm 2025", 44, "htx", "target", "năm 2025"),
        (2, 5, "Số hợp tác xã kiểu mới năm 2026", 47, "htx", "target", "năm 2026"),
        (2, 6, "Số hợp tác xã kiểu mới năm 2027", 52, "htx", "target", "năm 2027"),
    ]


def test_a_second_header_row_padded_with_blanks_and_a_plan_heading_that_spans():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Ước thực hiện năm 2024", "Kế hoạch giai đoạn 2025-2026"],
        ["", "", "", "", "Năm 2025", "Năm 2026"],
        ["1", "Tỷ lệ hộ dùng nước sạch", "%", "91", "93", "95"],
    ]
    assert [(c[3], c[5]) for c in cells(rows)] == [(91, "result"), (93, "target"), (95, "target")]


def test_a_year_heading_in_the_middle_spans_a_budget_and_an_estimate():
    rows = [
        ["STT", "Nội dung", "Năm 2024", "Dự toán 2025", "Dự kiến năm 2026"],
        ["Dự toán", "Ước thực hiện"],
        ["A", "B", "1", "2", "3", "4"],
        ["1", "Tổng chi đầu tư phát triển", "500", "520", "560", "600"],
    ]
    found = [(c[1], c[3], c[5], c[6]) for c in cells(rows)]
    assert found == [(2, 500, "target", "năm 2024"), (3, 520, "result", "năm 2024"), (4, 560, "target", "năm 2025"), (5, 600, "target", "năm 2026")]


def test_plan_headings_each_span_a_quantity_and_a_value_named_by_their_units():
    rows = [
        ["TT", "Sản phẩm", "Kế hoạch 2026", "Kế hoạch 2027"],
        ["Lượng (Tấn)", "Giá trị xuất khẩu (Nghìn USD)", "Lượng (Tấn)", "Giá trị xuất khẩu (Nghìn USD)"],
        ["", "1", "2", "3", "4", "5"],
        ["1", "Bơ", "1.200", "950", "1.300", "1.010"],
        ["2", "Mật ong", "", "300", "", "320"],
    ]
    assert [(c[2], c[3], c[4], c[5]) for c in cells(rows)] == [
        ("Lượng Bơ năm 2026", 1200, "tấn", "target"),
        ("Giá trị Bơ xuất khẩu năm 2026", 950, "nghìn usd", "target"),
        ("Lượng Bơ năm 2027", 1300, "tấn", "target"),
        ("Giá trị Bơ xuất khẩu năm 2027", 1010, "nghìn usd", "target"),
        ("Giá trị Mật ong xuất khẩu năm 2026", 300, "nghìn usd", "target"),
        ("Giá trị Mật ong xuất khẩu năm 2027", 320, "nghìn usd", "target"),
    ]


def test_rows_naming_a_measure_measure_the_group_above_them():
    rows = table(
        ["I", "CÂY ĂN QUẢ"],
        ["1", "Bưởi"],
        ["-", "Diện tích", "Ha", "1.100", "1.150"],
        ["-", "Sản lượng bưởi da xanh", "Tấn", "9.800", "10.200"],
        ["II", "CHĂN NUÔI"],
        ["-", "Tổng đàn", "Con", "5.400", "5.600"],
        ["2", "Tổng thu ngân sách", "Tỷ đồng", "120", "130"],
        ["-", "Trong đó: thu nội địa", "Tỷ đồng", "100", "108"],
    )
    assert [v[0] for v in values(rows)][::2] == [
        "Diện tích Bưởi",
        "Sản lượng bưởi da xanh",
        "Tổng đàn CHĂN NUÔI",
        "Tổng thu ngân sách",
        "Trong đó: thu nội địa",
    ]
    assert [t.marker for t in find_table_targets(rows)][::2] == [None, None, None, "2", None]


def test_units_from_the_row_label_the_column_and_the_table():
    rows = [
        ["Đơn vị tính: triệu đồng"],
        ["TT", "Nội dung", "Dự toán năm 2025"],
        ["1", "Chi thường xuyên", "12.000"],
        ["2", "Tỷ lệ chi thường xuyên (%)", "61,5"],
    ]
    assert [(v[1], v[2]) for v in values(rows)] == [(12000, "triệu đồng"), (61.5, "%")]
    rows = [["TT", "Chỉ tiêu", "Kế hoạch năm 2025 (ha)"], ["1", "Diện tích trồng rừng mới", "350"]]
    assert [(v[1], v[2]) for v in values(rows)] == [(350, "ha")]
    rows = [["TT", "Chỉ tiêu", "Kế hoạch năm 2025"], ["1", "Tổng chi", "64"]]
    assert [(t.quantity.value, t.quantity.unit) for t in find_table_targets(rows, table_unit="Tỷ đồng")] == [(64, "tỷ đồng")]


@pytest.mark.parametrize(
    "rows",
    [
        [["TT", "Nội dung", "Đơn vị tính", "Định mức"], ["Khu vực đô thị", "Khu vực còn lại"], ["1", "Sự nghiệp văn hóa", "Đồng/người/năm", "2.100", "10.500"]],
        [["TT", "Nội dung", "Định mức năm 2025"], ["1", "Cơ quan hành chính", "89.000.000"]],
        [["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"], ["1", "Xây dựng kho dữ liệu", "Sở Tài chính", "Các sở", "2026"]],
    ],
    ids=["norms over areas", "a norm column with a year", "tasks"],
)
def test_norm_and_task_tables_give_nothing(rows):
    assert find_table_targets(rows) == []


def test_a_group_row_is_not_a_second_header_row():
    rows = [["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025"], ["I", "KINH TẾ"], ["1", "Tốc độ tăng trưởng", "%", "8", "(tỉnh giao)"]]
    assert values(rows) == [("Tốc độ tăng trưởng", 8, "%", "target")]


# --------------------------------------------------------------------------- appendices


def test_appendix_labels_name_the_appendix_in_paths():
    assert appendix_label("PHỤ LỤC II CHỈ TIÊU") == "Phụ lục II"
    assert appendix_label("PHỤ LỤC CÁC CHỈ TIÊU") == "Phụ lục"
    assert appendix_label("Phụ lục số 03") == "Phụ lục 03"


# --------------------------------------------------------------------------- through parse()


RESOLUTION = """HỘI ĐỒNG NHÂN DÂN XÃ THANH LÂM
Số: 21/NQ-HĐND
NGHỊ QUYẾT
Về kế hoạch phát triển kinh tế - xã hội năm 2025
QUYẾT NGHỊ:
Điều 1. Thông qua các chỉ tiêu chủ yếu năm 2025 (chi tiết tại Phụ lục kèm theo Nghị quyết này).
Điều 2. Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này.
Nghị quyết này đã được Hội đồng nhân dân xã Thanh Lâm thông qua ngày 10 tháng 12 năm 2024.

PHỤ LỤC
CHỈ TIÊU CHỦ YẾU NĂM 2025
{rows}
"""

TAB_ROWS = """TT\tChỉ tiêu\tĐơn vị tính\tƯớc thực hiện năm 2024\tKế hoạch năm 2025\tGhi chú
1\tTổng thu ngân sách trên địa bàn xã\tTriệu đồng\t5.310,5\t5.800\t
\tTỷ lệ cơ giới hoá trong sản xuất lúa\t%\t-\t92\tmới
3\tSố hộ nghèo (theo chuẩn mới)\tHộ\t38\t30\t"""

PIPE_ROWS = """| TT | Chỉ tiêu | Đơn vị tính | Ước thực hiện năm 2024 | Kế hoạch năm 2025 | Ghi chú |
|----|----|----|----|----|----|
| 1 | Tổng thu ngân sách trên địa bàn xã | Triệu đồng | 5.310,5 | 5.800 | |
|  | Tỷ lệ cơ giới hoá trong sản xuất lúa | % | - | 92 | mới |
| 3 | Số hộ nghèo (theo chuẩn mới) | Hộ | 38 | 30 | |"""

EXPECTED = [
    ("Tổng thu ngân sách trên địa bàn xã", 5310.5, "triệu đồng", "result", "năm 2024", "5.310,5", "Phụ lục › Bảng › 1"),
    ("Tổng thu ngân sách trên địa bàn xã", 5800, "triệu đồng", "target", "năm 2025", "5.800", "Phụ lục › Bảng › 1"),
    # the original spelling 'hoá' (the normalised text has 'hóa'); the blank TT cell keeps the columns aligned
    ("Tỷ lệ cơ giới hoá trong sản xuất lúa", 92, "%", "target", "năm 2025", "92", "Phụ lục › Bảng"),
    ("Số hộ nghèo (theo chuẩn mới)", 38, "hộ", "result", "năm 2024", "38", "Phụ lục › Bảng › 3"),
    ("Số hộ nghèo (theo chuẩn mới)", 30, "hộ", "target", "năm 2025", "30", "Phụ lục › Bảng › 3"),
]


@pytest.mark.parametrize("rows", [TAB_ROWS, PIPE_ROWS], ids=["tabs", "markdown pipes"])
def test_appendix_table_targets_through_parse(rows):
    resolution = parse_text(RESOLUTION.format(rows=rows))
    text = resolution.text
    found = [
        (t.indicator, t.value, t.unit, t.status, t.period, text[t.span.start : t.span.end], t.path)
        for t in resolution.targets
    ]
    assert found == EXPECTED
    assert all(t.article is None and t.comparator == "=" and t.kind == "level" for t in resolution.targets)
    first = resolution.targets[0]
    assert text[first.indicator_span.start : first.indicator_span.end] == "Tổng thu ngân sách trên địa bàn xã"
    row = text[first.sentence_span.start : first.sentence_span.end]
    assert row.startswith("1") and "5.800" in row
    # a result and a plan of one indicator are two facts, not a conflict
    assert not any(w.code == "indicator_values_differ" for w in resolution.warnings)


def test_a_table_in_an_article_belongs_to_it_and_sits_in_document_order():
    text = """HỘI ĐỒNG NHÂN DÂN HUYỆN MINH SƠN
QUYẾT NGHỊ:
Điều 1. Mục tiêu năm 2025
1. Tổng vốn đầu tư toàn xã hội đạt 1.500 tỷ đồng.
2. Các chỉ tiêu khác:
STT\tChỉ tiêu\tĐVT\tKế hoạch năm 2025
1\tSố thôn đạt chuẩn văn hóa\tThôn\t41
Điều 2. Nhiệm vụ năm 2025
1. Phấn đấu thu hút thêm 3 doanh nghiệp.
"""
    resolution = parse_text(text)
    found = [(t.value, t.article, t.path) for t in resolution.targets]
    assert found == [(1500, 1, "Điều 1 › 1"), (41, 1, "Điều 1 › 2 › Bảng › 1"), (3, 2, "Điều 2 › 1")]
    table_target = resolution.targets[1]
    assert resolution.text[table_target.span.start : table_target.span.end] == "41"
    assert (table_target.unit, table_target.status, table_target.period) == ("thôn", "target", "năm 2025")


def test_appendix_tables_have_no_article_and_are_named_by_their_appendix():
    text = """HỘI ĐỒNG NHÂN DÂN TỈNH BẮC SƠN
QUYẾT NGHỊ:
Điều 1. Thông qua kết quả năm 2024 tại Phụ lục I kèm theo.
Điều 2. Thông qua kế hoạch năm 2025 tại Phụ lục II kèm theo.

PHỤ LỤC II
KẾ HOẠCH NĂM 2025
TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2025
1\tTỷ lệ che phủ rừng\t%\t58

PHỤ LỤC I
KẾT QUẢ NĂM 2024
TT\tChỉ tiêu\tĐVT\tThực hiện năm 2024
1\tTỷ lệ che phủ rừng\t%\t57,2
"""
    resolution = parse_text(text)
    found = [(t.value, t.status, t.article, t.path) for t in resolution.targets]
    # GOLD.md: a table attached after the articles is not an article's text, even where one points at it
    assert found == [(58, "target", None, "Phụ lục II › Bảng › 1"), (57.2, "result", None, "Phụ lục I › Bảng › 1")]


def test_two_values_of_one_status_and_period_are_still_reported():
    rows = """TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2025\tMục tiêu năm 2025
1\tTỷ lệ hộ nghèo\t%\t1,5\t1,2"""
    resolution = parse_text(RESOLUTION.format(rows=rows))
    assert [w.code for w in check_repeated_indicators(resolution.targets)] == ["indicator_values_differ"]


def test_the_table_node_keeps_a_blank_first_cell():
    resolution = parse_text(RESOLUTION.format(rows=TAB_ROWS))
    [appendix] = resolution.appendices
    [node] = appendix.body
    assert node.rows[2][:3] == ["", "Tỷ lệ cơ giới hóa trong sản xuất lúa", "%"]


def test_a_table_in_an_article_takes_the_period_of_the_article_heading():
    resolution = parse_text(
        "HỘI ĐỒNG NHÂN DÂN\nXÃ AN BÌNH\nNGHỊ QUYẾT\nQUYẾT NGHỊ:\nĐiều 1. Chỉ tiêu chủ yếu năm 2026\n"
        "Chỉ tiêu\tĐơn vị\tKế hoạch\nThu ngân sách\ttỷ đồng\t12,5\nĐiều 2. Tổ chức thực hiện\n"
    )
    [target] = resolution.targets
    assert (target.indicator, target.value, target.status, target.period) == ("Thu ngân sách", 12.5, "target", "năm 2026")
