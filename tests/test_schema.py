"""The committed JSON Schema is current, and outputs validate against that FILE with an
independent validator (jsonschema, Draft 2020-12), not only through pydantic."""

from __future__ import annotations

import json

import pytest
from conftest import PROJECT_DOCS, SCHEMA_FILE, SEED, SHARED_DOCS, document_id

from nghiquyet_parser.emit import schema_json

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), (
        "schemas/resolution.schema.json is stale: run `nghiquyet schema -o schemas/resolution.schema.json`"
    )


def test_schema_declares_draft_2020_12():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_validator_rejects_a_broken_output(validator, parsed_json):
    """The validator is not vacuous: a span with a negative start, a bad date, an unknown field fail."""
    _, output = parsed_json(SEED)
    for corrupt in (
        lambda o: o["header"].__setitem__("date", "20 tháng 7"),
        lambda o: o["legal_bases"][0]["span"].__setitem__("start", -1),
        lambda o: o.__setitem__("unexpected", 1),
        lambda o: o["targets"][0].__setitem__("comparator", "≈"),
    ):
        broken = json.loads(json.dumps(output))
        corrupt(broken)
        assert not validator.is_valid(broken)


@pytest.mark.parametrize("path", [SEED, *PROJECT_DOCS, *SHARED_DOCS], ids=document_id)
def test_output_validates_against_schema_file(path, validator, parsed_json):
    _, output = parsed_json(path)
    errors = sorted(validator.iter_errors(output), key=lambda e: list(e.absolute_path))
    assert not errors, "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5])
