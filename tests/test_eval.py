"""The evaluator scores exactly as GOLD.md's "Scoring" says, on hand-built results."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from nghiquyet_parser import models
from nghiquyet_parser.emit import to_gold
from nghiquyet_parser.evaluate import (
    Scores,
    base_value,
    evaluate,
    headings_agree,
    place_pair,
    score_document,
    unit_factor,
    word_f1,
)

SPAN = models.Span(start=0, end=1)


def citing(*numbers_or_names: str) -> models.CitingParagraph:
    documents = [
        models.CitedDocument(number=item if "/" in item else None, name=item, span=SPAN) for item in numbers_or_names
    ]
    return models.CitingParagraph(text="Căn cứ ...", span=SPAN, documents=documents)


def article(number: int, heading: str | None) -> models.Node:
    return models.Node(kind="article", marker=f"Điều {number}.", number=str(number), heading=heading, span=SPAN)


def target(indicator: str, value: float, unit: str, article_number: int, **fields) -> models.Target:
    return models.Target(indicator=indicator, value=value, unit=unit, comparator="=", article=article_number,
                         span=SPAN, **fields)


@pytest.fixture
def resolution() -> models.Resolution:
    issuer = models.Issuer(name="Hội đồng nhân dân huyện Bình Lục", level="district", span=SPAN)
    return models.Resolution(
        text="x",
        source=models.SourceInfo(path="somewhere/012.txt"),
        header=models.Header(issuer=issuer, number="12/NQ-HĐND", term="XX", session=2,
                             title="Về nhiệm vụ phát triển kinh tế - xã hội"),
        legal_bases=[citing("77/2015/QH13", "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015")],
        considerations=[citing("251/TTr-UBND")],
        # Chapters do not hide articles from the gold view.
        body=[models.Node(kind="chapter", span=SPAN, children=[article(1, "Đánh giá tình hình"), article(2, None)])],
        closing=models.Closing(adoption=models.AdoptionClause(text="thông qua", date="2021-07-20", span=SPAN)),
        targets=[
            target("Thu nhập bình quân đầu người", 55.6, "triệu đồng", 2,
                   change=models.Change(direction="up", value=9.2, unit="%"), baseline="2020"),
            target("Tổng thu ngân sách", 120, "tỷ đồng", 2),
            target("Tỷ lệ hộ nghèo", 1.5, "%", 2),
        ],
        places=[models.Place(name="Vũ Bản", type="xã"), models.Place(name="Phường 1", type="phường")],
    )


def scored(gold: dict, predicted: dict | None) -> dict:
    scores = Scores()
    score_document(scores, gold, predicted, "012.txt")
    return scores.as_dict()


def test_gold_view_fields(resolution):
    view = to_gold(resolution)
    assert view["document"] == "012.txt"
    assert view["header"] == {"issuer": "Hội đồng nhân dân huyện Bình Lục", "issuer_level": "district",
                              "number": "12/NQ-HĐND", "date": "2021-07-20", "term": "XX", "session": 2,
                              "title": "Về nhiệm vụ phát triển kinh tế - xã hội"}
    assert view["legal_bases"] == ["77/2015/QH13", "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015"]
    assert view["considerations"] == ["251/TTr-UBND"]
    assert view["articles"] == [{"number": 1, "title": "Đánh giá tình hình"}, {"number": 2, "title": None}]
    assert view["targets"][0] == {
        "indicator": "Thu nhập bình quân đầu người", "value": 55.6, "value_max": None, "unit": "triệu đồng",
        "comparator": "=", "kind": "level", "status": "target", "change": {"direction": "up", "value": 9.2, "unit": "%"},
        "baseline": "2020", "price_basis": None, "article": 2}
    assert view["places"] == [{"name": "Vũ Bản", "type": "xã"}, {"name": "Phường 1", "type": "phường"}]


def test_header_date_wins_over_adoption_date(resolution):
    resolution.header.date = "2021-07"
    assert to_gold(resolution)["header"]["date"] == "2021-07"


def test_perfect_prediction_scores_one_everywhere(resolution):
    view = to_gold(resolution)
    result = scored(view, copy.deepcopy(view))
    assert result["articles"]["numbers"]["accuracy"] == 1.0
    assert result["articles"]["headings"] == {"accuracy": 1.0, "right": 1, "total": 1}
    for measure in ("legal_bases", "considerations", "targets", "places"):
        assert (result[measure]["precision"], result[measure]["recall"], result[measure]["f1"]) == (1.0, 1.0, 1.0)
    assert all(field["accuracy"] == 1.0 for field in result["header"].values())
    assert all(field["accuracy"] == 1.0 for field in result["targets"]["fields"].values())
    assert result["targets"]["all_fields"]["accuracy"] == 1.0
    assert result["mismatches"] == {}


def test_one_wrong_target_value(resolution):
    gold = to_gold(resolution)
    predicted = copy.deepcopy(gold)
    predicted["targets"][1]["value"] = 121  # 121 tỷ đồng: no gold target has that value
    result = scored(gold, predicted)["targets"]
    assert (result["matched"], result["predicted"], result["gold"]) == (2, 3, 3)
    assert result["precision"] == pytest.approx(2 / 3)
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["f1"] == pytest.approx(2 / 3)
    assert result["all_fields"] == {"accuracy": 1.0, "right": 2, "total": 2}


def test_values_match_in_base_units_and_fields_are_scored(resolution):
    gold = to_gold(resolution)
    predicted = copy.deepcopy(gold)
    predicted["targets"][0].update(value=55_600_000, unit="đồng", change=None)  # same amount, change missed
    predicted["targets"][2]["comparator"] = ">"
    result = scored(gold, predicted)["targets"]
    assert result["f1"] == 1.0
    assert result["fields"]["unit"] == {"accuracy": pytest.approx(2 / 3), "right": 2, "total": 3}
    assert result["fields"]["change"]["right"] == 2
    assert result["fields"]["comparator"]["right"] == 2
    assert result["all_fields"]["right"] == 1


def test_targets_in_another_article_do_not_match(resolution):
    gold = to_gold(resolution)
    predicted = copy.deepcopy(gold)
    predicted["targets"][0]["article"] = 1
    assert scored(gold, predicted)["targets"]["matched"] == 2


def test_ties_go_to_the_indicator_with_more_words_in_common():
    gold = {"targets": [
        {"indicator": "Tỷ lệ hộ nghèo", "value": 2, "unit": "%", "article": 1},
        {"indicator": "Tỷ lệ lao động qua đào tạo", "value": 2, "unit": "%", "article": 1},
    ]}
    predicted = {"targets": [
        {"indicator": "lao động qua đào tạo", "value": 2, "unit": "%", "article": 1},
        {"indicator": "hộ nghèo", "value": 2, "unit": "%", "article": 1},
    ]}
    result = scored(gold, predicted)["targets"]
    assert result["fields"]["indicator"]["right"] == 2


def test_citations_compare_numbers_in_official_spacing_and_names_loosely():
    gold = {"legal_bases": ["77/2015/QH13", "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"]}
    predicted = {"legal_bases": ["77/2015/ qh13", "luat to chuc chinh quyen dia phuong", "47/2019/QH14"]}
    result = scored(gold, predicted)["legal_bases"]
    assert (result["matched"], result["predicted"], result["gold"]) == (2, 3, 2)
    assert result["precision"] == pytest.approx(2 / 3) and result["recall"] == 1.0


def test_a_number_never_matches_a_name():
    result = scored({"considerations": ["251/TTr-UBND"]}, {"considerations": ["Tờ trình số 251 của UBND"]})
    assert result["considerations"]["matched"] == 0


def test_header_fields_folded_and_both_null_right():
    gold = {"header": {"issuer": "Hội đồng nhân dân tỉnh Hà Giang", "title": None, "session": 5, "number": "89/NQ-HĐND"}}
    predicted = {"header": {"issuer": "HỘI ĐỒNG NHÂN DÂN  tỉnh Hà  Giang", "title": None, "session": 5,
                            "number": "89/NQ-HĐND-x"}}
    header = scored(gold, predicted)["header"]
    assert header["issuer"]["right"] == header["title"]["right"] == header["session"]["right"] == 1
    assert header["number"]["right"] == 0


def test_article_numbers_and_headings():
    gold = {"articles": [{"number": 1, "title": "Đánh giá tình hình thực hiện nhiệm vụ"},
                         {"number": 2, "title": "Tổ chức thực hiện"}, {"number": 3, "title": None}]}
    predicted = {"articles": [{"number": 1, "title": "Đánh giá tình hình"},  # the start of the gold heading
                              {"number": 2, "title": "Hiệu lực thi hành"}, {"number": 3, "title": "Anything"}]}
    result = scored(gold, predicted)["articles"]
    assert result["numbers"]["accuracy"] == 1.0
    assert result["headings"] == {"accuracy": 0.5, "right": 1, "total": 2}
    assert scored(gold, {"articles": predicted["articles"][:2]})["articles"]["numbers"]["accuracy"] == 0.0


def test_places_tone_placement_and_repeated_unit_word():
    gold = {"places": [{"name": "1", "type": "phường"}, {"name": "Hòa Bình", "type": "xã"}, {"name": "Hoa Lư", "type": "huyện"}]}
    predicted = {"places": [{"name": "Phường 1", "type": "Phường"}, {"name": "HOÀ BÌNH", "type": "xã"},
                            {"name": "Hòa Lư", "type": "huyện"}]}  # a different tone is a different name
    result = scored(gold, predicted)["places"]
    assert (result["matched"], result["predicted"], result["gold"]) == (2, 3, 3)
    assert place_pair({"name": "Phường 1", "type": "phường"}) == ("1", "phường")


def test_failed_parse_is_all_wrong(resolution):
    result = scored(to_gold(resolution), None)
    assert result["articles"]["numbers"]["accuracy"] == 0.0
    assert result["articles"]["headings"]["accuracy"] == 0.0
    assert all(field["accuracy"] == 0.0 for field in result["header"].values())
    assert result["targets"]["recall"] == result["legal_bases"]["recall"] == result["places"]["recall"] == 0.0


def test_unit_factors_come_from_the_vocabulary():
    assert unit_factor("triệu đồng") == 1e6
    assert unit_factor("tỷ đồng") == 1e9
    assert unit_factor("nghìn tấn") == unit_factor("ngàn tấn") == 1e3
    assert unit_factor("%") == 0.01
    assert unit_factor("lao động") == 1.0
    assert base_value(55.6, "triệu đồng") == pytest.approx(55_600_000)


def test_word_f1_and_headings():
    assert word_f1("Tỷ lệ hộ nghèo", "tỷ lệ hộ nghèo") == 1.0
    assert word_f1("a b c d", "a b") == pytest.approx(2 / 3)
    assert word_f1("", "a") == 0.0
    assert headings_agree("Tổ chức thực hiện", "Tổ chức thực hiện và hiệu lực thi hành")
    assert not headings_agree("Tổ chức thực hiện", None)


def test_evaluate_lists_documents_that_fail(tmp_path, resolution):
    gold_dir, docs_dir = tmp_path / "gold", tmp_path / "docs"
    gold_dir.mkdir(), docs_dir.mkdir()
    view = to_gold(resolution)
    for name in ("a", "b", "c"):
        (gold_dir / f"{name}.json").write_text(json.dumps(view), encoding="utf-8")
    for name in ("a", "b"):  # c has gold but no document: not scored
        (docs_dir / f"{name}.txt").write_text("...", encoding="utf-8")

    def predictor(path: Path):
        return (copy.deepcopy(view), None) if path.stem == "a" else (None, "InputError: broken")

    scores = evaluate(gold_dir, docs_dir, predictor)
    assert scores.documents == 2 and scores.failed == ["b.txt"]
    assert scores.targets.recall == 0.5
    assert scores.article_numbers.value == 0.5


def test_eval_command_on_the_project_corpus(tmp_path):
    gold_dir = REPO / "corpus" / "gold"
    if not any(gold_dir.glob("*.json")):
        pytest.skip("no gold annotations in corpus/gold")
    command = [sys.executable, "-m", "nghiquyet_parser.cli", "eval", str(gold_dir), str(REPO / "corpus")]
    result = subprocess.run([*command, "--json"], capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == sum(1 for g in gold_dir.glob("*.json") if (REPO / "corpus" / f"{g.stem}.txt").is_file())
    assert 0.0 <= report["targets"]["f1"] <= 1.0
    markdown = subprocess.run([*command, "--markdown"], capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert markdown.returncode == 0 and markdown.stdout.startswith("| measure | score |")


def test_eval_command_on_a_missing_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "nghiquyet_parser.cli", "eval", str(tmp_path / "nope"), str(tmp_path)],
                            capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode != 0 and "nope" in result.stderr and "Traceback" not in result.stderr


def test_laws_passed_the_same_day_are_different_citations():
    gold = {"legal_bases": ["Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"]}
    other_law = {"legal_bases": ["Luật Ngân sách nhà nước ngày 19 tháng 6 năm 2015"]}
    other_day = {"legal_bases": ["Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019"]}
    undated = {"legal_bases": ["Luật tổ chức chính quyền địa phương"]}
    assert scored(gold, other_law)["legal_bases"]["matched"] == 0
    assert scored(gold, other_day)["legal_bases"]["matched"] == 0
    assert scored(gold, undated)["legal_bases"]["matched"] == 1
