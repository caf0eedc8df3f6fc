"""Rows of many documents → typed pandas frames → CSV and Parquet files.

pandas is imported where a frame is made, not when this module loads: `import
nghiquyet_parser` exports `convert_folder` and `load_results`, which reach this module,
and must stay as quick to import as the parser itself (pandas alone takes 0.6 s).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..errors import InputError
from ..output import write_atomically, write_parquet_atomically
from .columns import TABLE_NAMES, TABLES
from .rows import NamedResolution, rows_of

FORMATS = ("csv", "parquet")
NO_TABLES = "none"


def default_formats() -> tuple[str, ...]:
    """CSV always; Parquet too when pyarrow (the 'parquet' extra) is installed."""
    return FORMATS if importlib.util.find_spec("pyarrow") else ("csv",)


def table_formats(spec: Optional[Iterable[str] | str]) -> tuple[str, ...]:
    """'csv,parquet', ['csv'], 'none' or None (the default) → the formats to write, checked."""
    if spec is None:
        return default_formats()
    words = spec.split(",") if isinstance(spec, str) else list(spec)
    chosen = tuple(dict.fromkeys(word.strip().lower() for word in words if word.strip()))
    if chosen == (NO_TABLES,):
        return ()
    unknown = [word for word in chosen if word not in FORMATS]
    if unknown or not chosen:
        raise InputError("--tables", f"expects csv, parquet, both ('csv,parquet') or none, not {spec!r}")
    if "parquet" in chosen and not importlib.util.find_spec("pyarrow"):
        raise InputError("--tables", "parquet needs pyarrow: pip install 'nghiquyet-parser[parquet]'")
    return chosen


@dataclass
class Tables:
    """The five tables, one pandas DataFrame each, columns as `columns.TABLES` (and TABLES.md) say."""

    documents: object
    targets: object
    places: object
    citations: object
    quantities: object

    def __getitem__(self, name: str):
        if name not in TABLE_NAMES:
            raise KeyError(f"no table {name!r}; the tables are {', '.join(TABLE_NAMES)}")
        return getattr(self, name)

    def items(self) -> Iterator[tuple[str, object]]:
        return ((name, getattr(self, name)) for name in TABLE_NAMES)


@dataclass
class TableRows:
    """Rows gathered document by document, before they become frames."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLE_NAMES})

    def add(self, named: NamedResolution) -> None:
        for name, rows in rows_of(named).items():
            self.rows[name].extend(rows)

    def tables(self) -> Tables:
        return Tables(**{name: table_frame(name, self.rows[name]) for name in TABLE_NAMES})


def table_frame(name: str, rows: list[dict]):
    import pandas  # heavy: see the module docstring

    columns = TABLES[name]
    # Explicit columns and nullable dtypes keep the frame's shape and types with no rows,
    # and keep an integer column integer when some of its cells are empty.
    frame = pandas.DataFrame(rows, columns=[column.name for column in columns])
    return frame.astype({column.name: column.dtype for column in columns})


def build_tables(documents: Iterable[NamedResolution]) -> Tables:
    gathered = TableRows()
    for named in documents:
        gathered.add(named)
    return gathered.tables()


def write_tables(out_dir: Path, tables: Tables, formats: Iterable[str]) -> list[Path]:
    """Each table as `out_dir/<name>.<format>`, atomically; the paths written, in order."""
    written: list[Path] = []
    for name, frame in tables.items():
        for extension in formats:
            path = out_dir / f"{name}.{extension}"
            if extension == "csv":
                write_atomically(path, frame.to_csv(index=False, lineterminator="\n"))
            else:
                write_parquet_atomically(path, frame)
            written.append(path)
    return written
