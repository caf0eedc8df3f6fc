"""The models as a user meets them: a short repr, an HTML view for notebooks, docstrings,
and a JSON Schema whose every field says what it holds."""

from __future__ import annotations

import inspect
import json

import pytest
from conftest import SEED

from nghiquyet_parser import models, parse
from nghiquyet_parser.emit import schema


@pytest.fixture(scope="module")
def seed():
    return parse(SEED)


def test_repr_is_short_and_says_what_the_resolution_is(seed):
    text = repr(seed)
    assert len(text) < 300, len(text)
    assert text.startswith("<Resolution ") and "Hội đồng nhân dân huyện Bình Lục" in text and "2021-07" in text
    counts = f"{len(seed.articles())} articles, {len(seed.targets)} targets, {len(seed.places)} places"
    assert counts in text


def test_repr_of_an_empty_resolution():
    assert repr(models.Resolution(text="")) == "<Resolution (no number), (no issuer), (no date): 0 articles, 0 targets, 0 places>"


def test_repr_html_is_a_small_table_with_the_first_ten_targets(seed):
    assert len(seed.targets) > 10
    page = seed._repr_html_()
    assert len(page) < 10_000
    assert page.count("<table") == 2 and "Hội đồng nhân dân huyện Bình Lục" in page
    first, eleventh = seed.targets[0], seed.targets[10]
    assert first.indicator in page and eleventh.indicator not in page
    assert f"and {len(seed.targets) - 10} more" in page


def test_repr_html_escapes_the_text():
    resolution = models.Resolution(
        text="", header=models.Header(number="1/<b>"),
        targets=[models.Target(indicator="a < b & c", value=1.0, unit="%", span=models.Span(start=0, end=0))],
    )
    page = resolution._repr_html_()
    assert "1/&lt;b&gt;" in page and "a &lt; b &amp; c" in page and "<b>" not in page


PUBLIC_MODELS = [value for name, value in vars(models).items()
                 if inspect.isclass(value) and issubclass(value, models.BaseModel)
                 and value.__module__ == models.__name__ and not name.startswith("_")]
PUBLIC_FUNCTIONS = [value for name, value in vars(models).items()
                    if inspect.isfunction(value) and value.__module__ == models.__name__ and not name.startswith("_")]


@pytest.mark.parametrize("thing", PUBLIC_MODELS + PUBLIC_FUNCTIONS, ids=lambda thing: thing.__name__)
def test_every_public_model_and_function_has_a_docstring(thing):
    assert thing.__doc__ and thing.__doc__.strip(), f"{thing.__name__} has no docstring"


def test_every_schema_field_has_a_description():
    document = schema()
    missing = [f"{name}.{field}" for name, definition in [("Resolution", document), *document["$defs"].items()]
               for field, spec in definition.get("properties", {}).items() if not spec.get("description")]
    assert missing == []
    assert all(definition.get("description") for definition in document["$defs"].values())


def test_the_schema_has_no_invented_id():
    """`$id` must be a real address; no published URL exists, so none is given."""
    assert "$id" not in schema()
    assert "$id" not in json.loads(json.dumps(schema()))
