"""Targets: what counts (GOLD.md), their fields, and the document-level checks."""

from __future__ import annotations

from collections import Counter

import pytest
import regex
from conftest import SEED

from nghiquyet_parser import parse
from nghiquyet_parser.extract import check_repeated_indicators, check_shares
from nghiquyet_parser.extract.fields import is_policy_document
from nghiquyet_parser.extract.quantities import find_quantities
from nghiquyet_parser.extract.targets import find_targets


def targets_of(text: str, **options):
    return find_targets(text, find_quantities(text), **options).targets


@pytest.fixture(scope="module")
def seed():
    return parse(SEED)


def by_value(resolution, value, unit=None):
    found = [t for t in resolution.targets if t.value == value and (unit is None or t.unit == unit)]
    assert found, f"no target {value} {unit or ''}"
    return found


# --------------------------------------------------------------------------- the seed


def test_seed_list_targets(seed):
    listed = [t for t in seed.targets if t.path.startswith("Điều 2 › I ›")]
    assert len(listed) == 23  # 18 items; items 2, 3, 13 and 16 give two or three
    assert all(t.article == 2 and t.status == "target" for t in listed)
    assert Counter(t.path for t in listed)["Điều 2 › I › 2"] == 3


def test_seed_first_item_fields(seed):
    [income] = by_value(seed, 55.6)
    assert income.indicator == "Thu nhập bình quân đầu người"
    assert (income.unit, income.normalised_value, income.base_unit) == ("triệu đồng", 55_600_000, "đồng")
    assert income.comparator == "=" and income.kind == "level"
    assert income.change.model_dump() == {"direction": "up", "value": 9.2, "unit": "%"}
    assert income.baseline == "2020"
    assert seed.text[income.span.start : income.span.end] == "55,6 triệu đồng"


def test_seed_shares_keep_their_head(seed):
    indicators = [t.indicator for t in seed.targets if t.path == "Điều 2 › I › 2"]
    assert indicators == ["Cơ cấu kinh tế: Nông, lâm nghiệp, thuỷ sản", "Cơ cấu kinh tế: Công nghiệp - xây dựng",
                          "Cơ cấu kinh tế: Dịch vụ - TM"]


def test_seed_inherited_subject_and_change(seed):
    [stunting] = by_value(seed, 21)
    assert stunting.indicator == "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi"
    assert stunting.change.direction == "down" and stunting.kind == "level"


def test_seed_price_basis_baseline_and_change_kind(seed):
    assert by_value(seed, 2501.7)[0].price_basis == "giá SS 2010"
    assert by_value(seed, 150.26)[0].baseline == "dự toán tỉnh giao"
    [births] = by_value(seed, 0.07)
    assert (births.kind, births.indicator, births.change.direction) == ("change", "tỷ lệ sinh", "down")
    assert by_value(seed, 0.8)[0].comparator == "<"


def test_seed_sub_target_points_to_its_parent(seed):
    [collected] = by_value(seed, 95.5)
    [delivered] = by_value(seed, 94.5)
    assert delivered.parent == seed.targets.index(collected)


def test_seed_prose_targets(seed):
    assert by_value(seed, 6000, "con")[0].comparator == ">="
    assert by_value(seed, 1.5, "triệu con")[0].normalised_value == 1_500_000
    assert by_value(seed, 2, "htx")[0].comparator == ">="
    assert [t.comparator for t in by_value(seed, 150.26)] == ["=", ">"]
    assert len(by_value(seed, 90.5)) == 2
    assert by_value(seed, 2, "%")[0].path.startswith("Điều 2 › II")


def test_seed_qualitative_objectives(seed):
    qualitative = [t for t in seed.targets if t.kind == "qualitative"]
    assert [t.indicator for t in qualitative][0] == "Xã Vũ Bản đạt chuẩn nông thôn mới kiểu mẫu năm 2021"
    assert len(qualitative) == 2  # the prose restatement for Vũ Bản is not a second objective
    assert all(t.value is None and t.comparator is None for t in qualitative)


@pytest.mark.parametrize(
    "phrase", ["trẻ em dưới 5 tuổi", "4 tại chỗ", "giai đoạn 2021-2025", "tại 11 xã", "tại 5 xã", "3 xã"]
)
def test_seed_non_targets(seed, phrase):
    at = seed.text.index(phrase)
    number = regex.search(r"\d+", phrase)
    start = at + number.start()
    assert not any(t.span.start <= start < t.span.end for t in seed.targets)


def test_seed_warns_about_two_values_for_one_indicator(seed):
    assert any(w.code == "indicator_values_differ" and "hộ nghèo" in w.message for w in seed.warnings)
    assert not any(w.code == "shares_do_not_sum" for w in seed.warnings)


def test_every_quantity_is_kept(seed):
    assert len(seed.quantities) > len(seed.targets)
    for q in seed.quantities:
        assert " ".join(seed.text[q.span.start : q.span.end].split()) == q.text


# --------------------------------------------------------------------------- phrasing


@pytest.mark.parametrize(
    ("sentence", "comparator"),
    [
        ("Tỷ lệ che phủ rừng đạt trên 45%.", ">"),
        ("Tỷ lệ che phủ rừng ít nhất 45%.", ">="),
        ("Tỷ lệ che phủ rừng đạt 45% trở lên.", ">="),
        ("Tỷ lệ thất nghiệp dưới 3%.", "<"),
        ("Bội chi ngân sách không quá 3,5%.", "<="),
        ("Tốc độ tăng giá tiêu dùng khoảng 4%.", "~"),
        ("Tỷ lệ trường đạt chuẩn quốc gia là 60%.", "="),
    ],
)
def test_comparators(sentence, comparator):
    [target] = targets_of(sentence)
    assert target.comparator == comparator


def test_decrease_to_a_level_and_decrease_by():
    [to_level] = targets_of("Tỷ lệ hộ cận nghèo giảm còn 4,1%.")
    assert (to_level.kind, to_level.change["direction"]) == ("level", "down")
    [by] = targets_of("Giảm tỷ lệ sinh con thứ ba là 0,2%.")
    assert (by.kind, by.indicator) == ("change", "tỷ lệ sinh con thứ ba")


def test_result_in_an_evaluation():
    [target] = targets_of("Tổng thu ngân sách ước đạt 820 tỷ đồng, tăng 12% so với cùng kỳ.")
    assert target.status == "result" and target.baseline == "cùng kỳ"
    [reported] = targets_of("Tổng vốn đầu tư đạt 1.200 tỷ đồng.", article_status="result")
    assert reported.status == "result"


def test_rates_conditions_and_policy_norms_are_not_targets():
    assert targets_of("Mức hỗ trợ 30% mệnh giá thẻ bảo hiểm y tế.") == []
    assert targets_of("Đối với hộ có từ 20 con trâu trở lên được hỗ trợ.") == []
    assert targets_of("Hỗ trợ 5 triệu đồng/ha giống lúa.") == []
    policy = "Ngân sách tỉnh chi 40% kinh phí cho công trình."
    assert targets_of(policy, policy_document=True) == []
    assert len(targets_of("Tổng kinh phí hỗ trợ không quá 200 tỷ đồng.", policy_document=True)) == 1
    assert is_policy_document("Quy định mức thu phí thẩm định")
    assert not is_policy_document("Về nhiệm vụ phát triển kinh tế - xã hội năm 2022")


def test_counts_are_named_after_the_counted_noun():
    found = targets_of("Sau khi sắp xếp, tỉnh có 64 đơn vị hành chính cấp xã, gồm 50 xã và 14 phường.")
    assert [t.indicator for t in found] == ["Số đơn vị hành chính cấp xã", "Số xã", "Số phường"]


# --------------------------------------------------------------------------- checks


def test_shares_that_do_not_sum_to_100_are_reported():
    from nghiquyet_parser import parse_text

    text = ("HỘI ĐỒNG NHÂN DÂN HUYỆN A\nQUYẾT NGHỊ:\nĐiều 1. Chỉ tiêu năm 2022:\n"
            "1. Cơ cấu kinh tế: Nông nghiệp: 30%; Công nghiệp: 30%; Dịch vụ: 30%.\n")
    resolution = parse_text(text)
    assert [t.value for t in resolution.targets] == [30, 30, 30]
    assert [w.code for w in check_shares(resolution.targets)] == ["shares_do_not_sum"]
    assert check_repeated_indicators(resolution.targets) == []


# --------------------------------------------------------------------------- counts, rates, standards


def _indicators(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(t.indicator, t.quantity.value if t.quantity else None, t.quantity.unit if t.quantity else None) for t in targets_of(text)]


def test_people_served_by_a_task_are_a_count_target_not_a_place_count():
    assert _indicators("3. Tạo việc làm mới cho 1.250 lao động, trong đó 300 người đi làm việc ở nước ngoài.")[0] == (
        "Số lao động được tạo việc làm mới", 1250.0, "lao động",
    )
    assert _indicators("a) Tổ chức tập huấn tại 7 xã vùng ven sông.") == []


def test_counts_per_population_and_yields_are_targets_but_prices_per_unit_are_not():
    assert _indicators("5. Đạt 32 giường bệnh/vạn dân và 10,2 bác sĩ/vạn dân.") == [
        ("Số giường bệnh/vạn dân", 32.0, "giường bệnh/vạn dân"),
        ("Số bác sĩ/vạn dân", 10.2, "bác sĩ/vạn dân"),
    ]
    assert _indicators("Năng suất ngô vụ đông đạt 52,5 tạ/ha.") == [("Năng suất ngô vụ đông", 52.5, "tạ/ha")]
    assert _indicators("Giá thuê đất tại khu công nghiệp là 45.000 đồng/m2.") == []


def test_approving_a_number_of_indicators_is_no_target():
    assert _indicators("Thông qua 12 chỉ tiêu chủ yếu về kinh tế, xã hội (chi tiết tại Phụ lục).") == []


def test_standards_without_a_year_and_lists_of_villages():
    found = [(t.indicator, t.period) for t in targets_of(
        "Năm qua, thôn Đông Hạ đạt chuẩn khu dân cư nông thôn mới kiểu mẫu. "
        "Phấn đấu thôn Bắc Sơn, thôn Nam Sơn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu năm 2026."
    )]
    assert found == [
        ("thôn Đông Hạ đạt chuẩn khu dân cư nông thôn mới kiểu mẫu", None),
        ("thôn Bắc Sơn, thôn Nam Sơn đạt chuẩn khu dân cư nông thôn mới kiểu mẫu năm 2026", "năm 2026"),
    ]
    # an undated, long rest of the clause is prose about the standard, not an objective
    assert targets_of("Xã Hòa Lạc đạt chuẩn theo bộ tiêu chí mới được ban hành và áp dụng trên địa bàn toàn tỉnh từ nay.") == []


def test_a_baseline_wrapped_onto_the_next_line():
    [target] = targets_of("Thu ngân sách đạt 96,4 tỷ đồng, tăng 12,5% so với năm\n2024.")
    assert target.baseline == "2024" and target.change["value"] == 12.5


def test_period_is_not_the_baseline_year_and_comes_from_the_heading_when_unsaid(seed):
    income = by_value(seed, 55.6, "triệu đồng")[0]
    assert income.baseline == "2020"
    assert income.period == "6 tháng cuối năm 2021"  # Điều 2's heading, not 'so với năm 2020'
    assert targets_of("Tỷ lệ hộ nghèo giảm còn 1,5% vào cuối năm 2025, so với năm 2020 giảm 2%.")[0].period == "năm 2025"


def test_an_addition_becomes_the_change_of_the_total_it_raises():
    [target] = targets_of("Phấn đấu có thêm 4 xã đạt chuẩn nông thôn mới nâng cao, nâng tổng số lên 15 xã.")
    assert (target.quantity.value, target.kind) == (15.0, "level")
    assert target.change == {"direction": "up", "value": 4.0, "unit": "xã"}
    assert target.indicator == "Số xã đạt chuẩn nông thôn mới nâng cao"
    assert len(targets_of("Xây dựng thêm 2 xã văn hóa, đạt 10 xã.")) == 2  # no total raised by "lên"


def test_comparison_signs_are_comparators():
    found = [(t.indicator, t.quantity.value, t.comparator) for t in targets_of("Tỷ lệ trường đạt chuẩn ≥ 80%; tỷ lệ hộ nghèo < 2%.")]
    assert found == [("Tỷ lệ trường đạt chuẩn", 80.0, ">="), ("tỷ lệ hộ nghèo", 2.0, "<")]


def test_sections_of_an_article_say_whether_their_numbers_are_results_or_targets():
    resolution = parse(
        "HỘI ĐỒNG NHÂN DÂN\nHUYỆN KIM SƠN\nNGHỊ QUYẾT\nQUYẾT NGHỊ:\n"
        "Điều 1. Kết quả thực hiện nhiệm vụ năm 2025 và mục tiêu, chỉ tiêu năm 2026\n"
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025\n1. Thu ngân sách trên địa bàn đạt 210,5 tỷ đồng.\n"
        "II. MỤC TIÊU, CHỈ TIÊU NĂM 2026\n1. Thu ngân sách trên địa bàn đạt 230 tỷ đồng.\n"
        "Điều 2. Đánh giá kết quả thực hiện và phương hướng nhiệm vụ\nTỷ lệ hộ nghèo còn 1,8%.\n"
    )
    assert [(t.value, t.status, t.path) for t in resolution.targets] == [
        (210.5, "result", "Điều 1 › I › 1"),
        (230.0, "target", "Điều 1 › II › 1"),
        (1.8, "result", "Điều 2"),  # the heading names results first
    ]


def test_per_one_unit_levels_price_basis_after_the_value_and_house_counts():
    [per_hectare] = targets_of("Giá trị thu được trên 1 ha đất trồng trọt đạt 190 triệu đồng.")
    assert (per_hectare.quantity.value, per_hectare.indicator) == (190.0, "Giá trị thu được trên 1 ha đất trồng trọt")
    assert [t.quantity.value for t in targets_of("Thu hút trên 1 triệu lượt khách du lịch.")] == [1.0]  # 'triệu' makes it a count
    [forest] = targets_of("Tỷ lệ che phủ rừng giữ ở mức 51,2%.")
    assert (forest.quantity.value, forest.comparator) == (51.2, "=")
    [growth] = targets_of("Tốc độ tăng trưởng GRDP đạt 6,5-7% (giá so sánh 2010).")
    assert growth.price_basis == "giá so sánh 2010"
    assert [t.quantity.value for t in targets_of("Xóa 120 nhà tạm cho hộ nghèo, mức hỗ trợ 40 triệu đồng/nhà.")] == [120.0]


def test_a_resolution_naming_streets_sets_no_targets_by_their_lengths():
    assert is_policy_document("Về việc đặt tên, đổi tên một số tuyến đường trên địa bàn thị xã")
    assert is_policy_document("Ban hành bảng giá đất giai đoạn 2025 - 2029")
    resolution = parse(
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH HẢI DƯƠNG\nNGHỊ QUYẾT\nVề việc đặt tên một số tuyến đường trên địa bàn thị xã Kinh Môn\n"
        "QUYẾT NGHỊ:\nĐiều 1. Đặt tên đường Nguyễn Trãi: chiều dài 1.250 m, mặt cắt ngang 21 m.\n"
    )
    assert resolution.targets == []


# --------------------------------------------------------------------------- shares of a population


def test_a_share_names_its_population_after_the_value():
    found = _indicators("- Tại địa bàn miền núi: 100% học sinh tiểu học được học 2 buổi/ngày.")
    assert found[0] == ("học sinh tiểu học được học 2 buổi/ngày", 100, "%")
    found = _indicators("Phấn đấu trên 60% diện tích lúa (lúa thuần, lúa lai) áp dụng cơ giới hóa đồng bộ.")
    assert found[0] == ("diện tích lúa áp dụng cơ giới hóa đồng bộ", 60, "%")


def test_listed_shares_each_keep_their_own_population():
    found = _indicators("Phấn đấu 90% trạm y tế xã có bác sĩ và 100% thôn có nhân viên y tế hoạt động.")
    assert [indicator for indicator, _, _ in found] == ["trạm y tế xã có bác sĩ", "thôn có nhân viên y tế hoạt động"]


def test_a_share_with_a_named_measure_on_the_left_keeps_it():
    found = _indicators("Tỷ lệ hộ dân được sử dụng nước sạch đạt 98% số hộ có nhu cầu.")
    assert found[0][0] == "Tỷ lệ hộ dân được sử dụng nước sạch"


def test_the_quotas_of_an_award_rule_are_not_targets():
    assert _indicators("Chủ tịch Ủy ban nhân dân tặng Bằng khen cho tập thể, cá nhân xuất sắc "
                       "(tỷ lệ không quá 10% tập thể, 5% cá nhân tham gia phong trào).") == []


def test_a_counted_item_with_its_value_is_one_target_named_by_the_item():
    found = _indicators("- Điều chỉnh kế hoạch vốn 02 dự án, với giá trị 12,5 tỷ đồng (chi tiết tại biểu số 2).")
    assert found == [("Điều chỉnh kế hoạch vốn 02 dự án", 12.5, "tỷ đồng")]
