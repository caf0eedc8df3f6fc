"""The command line imports what its command needs: `--version` and `schema` start
without spaCy, underthesea and pandas; `parse` too (underthesea only for a number in words); `import nghiquyet_parser`
alone loads no model library (the parse functions are exported on first use)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO, SEED

HEAVY = ("spacy", "underthesea", "pandas")

# Runs the command in-process, then prints which heavy libraries it imported.
_PROBE = """
import contextlib, io, json, sys
from nghiquyet_parser.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:  # --version exits through argparse
        pass
print(json.dumps([name for name in {heavy!r} if name in sys.modules]))
"""


def imported_by(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=REPO, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("args", [("--version",), ("schema",)], ids=["version", "schema"])
def test_version_and_schema_import_no_heavy_library(args):
    assert imported_by(*args) == []


def test_parse_imports_no_heavy_library():
    # underthesea only for a number written in words, which the seed has not; spaCy only
    # for a user's own pipeline (extract() runs the finders on plain text)
    assert imported_by("parse", str(SEED)) == []


def test_the_package_exports_parse_lazily():
    code = ("import sys, nghiquyet_parser as n; before = 'spacy' in sys.modules; "
            "from nghiquyet_parser import parse, nlp; print(before, callable(parse), callable(nlp), 'parse' in dir(n))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.split() == ["False", "True", "True", "True"]
    with pytest.raises(AttributeError):
        import nghiquyet_parser

        nghiquyet_parser.no_such_name  # noqa: B018
