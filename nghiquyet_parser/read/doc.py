"""Legacy Word .doc (OLE2), through an external converter when one is installed.

No maintained pure-Python library extracts text from the Word 97 binary format, so we
use the standard command-line tools, in order of fidelity for Vietnamese text:
antiword (UTF-8 output map), catdoc, then LibreOffice headless.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..limits import check_time, remaining_seconds

CONVERTER_TIMEOUT_SECONDS = 120
INSTALL_HINT = "install antiword (apt-get install antiword), catdoc or LibreOffice"


def read_doc(data: bytes, path: object) -> str:
    with tempfile.TemporaryDirectory(prefix="nghiquyet-doc-") as workdir:
        source = Path(workdir) / "input.doc"
        source.write_bytes(data)
        for tool, command in _converters(source, Path(workdir)):
            if shutil.which(tool) is None:
                continue
            return _run(tool, command, source, Path(workdir), path)
    raise InputError(path, f"reading .doc files needs a converter: {INSTALL_HINT}")


def _converters(source: Path, workdir: Path) -> list[tuple[str, list[str]]]:
    return [
        ("antiword", ["antiword", "-w", "0", "-m", "UTF-8.txt", str(source)]),
        ("catdoc", ["catdoc", "-w", "-d", "utf-8", str(source)]),
        ("soffice", ["soffice", "--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(workdir), str(source)]),
    ]


def _run(tool: str, command: list[str], source: Path, workdir: Path, path: object) -> str:
    budget = remaining_seconds()  # the converter gets no more than what is left of the document's budget
    timeout = CONVERTER_TIMEOUT_SECONDS if budget is None else min(CONVERTER_TIMEOUT_SECONDS, budget)
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        check_time()
        raise InputError(path, f"{tool} took longer than {CONVERTER_TIMEOUT_SECONDS} s on this .doc") from None
    output = (workdir / "input.txt").read_bytes() if tool == "soffice" and (workdir / "input.txt").exists() else done.stdout
    if done.returncode != 0 or not output.strip():
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(path, f"{tool} could not convert this .doc ({message[-1] if message else 'no text'})")
    return output.decode("utf-8-sig", "replace")
