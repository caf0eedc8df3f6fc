"""Writing output files atomically: a kill leaves either the old file or the new one, never half of one.

Every temporary file has a name of its own (two runs into one folder must not write through
one name), is created with mode 0o666 so the kernel applies the user's umask as it does for
any new file (tempfile.mkstemp's 0o600 made every output private), and any OSError (a read-only
folder, a full disk) becomes an `OutputError` naming the path, not an internal error.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from .errors import OutputError

_NEW_FILE_MODE = 0o666  # less the umask, applied by the kernel in os.open
_NAME_ATTEMPTS = 100


def ensure_folder(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(path, f"cannot create folder ({exc.strerror or exc})") from None


def write_atomically(path: Path, content: str | bytes) -> None:
    """Write text (as UTF-8) or bytes via a temporary file and rename, so a kill never leaves half a file."""
    handle, temporary = _temporary_for(path)

    def write() -> None:
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            return
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)

    _replace_after(write, temporary, path)


def write_parquet_atomically(path: Path, frame) -> None:
    """A pandas frame as Parquet, via a temporary file and rename; nothing when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401 - optional 'parquet' extra: without it the tables are CSV only
    except ImportError:
        return
    handle, temporary = _temporary_for(path)
    os.close(handle)  # pyarrow opens the path itself; the file keeps the mode it was created with
    _replace_after(lambda: frame.to_parquet(temporary, index=False), temporary, path)


def _temporary_for(path: Path) -> tuple[int, str]:
    """A new temporary file beside `path` (its folder made first), or OutputError naming `path`."""
    ensure_folder(path.parent)
    try:
        return _create_temporary(path)
    except OSError as exc:
        raise OutputError(path, f"cannot write ({exc.strerror or exc})") from None


def _replace_after(write, temporary: str, path: Path) -> None:
    """Run `write` (filling `temporary`), then move it over `path`; on any failure the
    temporary goes, and an OSError becomes an OutputError naming `path`."""
    try:
        write()
        os.replace(temporary, path)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(path, f"cannot write ({exc.strerror or exc})") from None
        raise


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new, unique file beside `path`: (descriptor, name). O_EXCL makes the name this writer's alone."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_NAME_ATTEMPTS):
        temporary = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, flags, _NEW_FILE_MODE), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")
