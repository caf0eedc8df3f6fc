"""Rows of many documents → typed pandas frames → CSV and Parquet files.

pandas is imported where a frame is made, not when this module loads: `import
nghiquyet_parser` exports `convert_folder` and `load_results`, which reach this module,
and must stay as quick to import as the parser itself (pandas alone takes 0.6 s).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from ..catalog import Conflict
from ..errors import InputError
from ..output import write_atomically, write_parquet_atomically
from .columns import TABLE_NAMES, TABLES
from .rows import NamedResolution, catalog_conflicts, rows_of

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
    """Rows gathered document by document, before they become frames, and where a catalogue disagreed."""

    rows: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in TABLE_NAMES})
    conflicts: list[Conflict] = field(default_factory=list)

    def add(self, named: NamedResolution) -> None:
        for name, rows in rows_of(named).items():
            self.rows[name].extend(rows)
        self.conflicts.extend(catalog_conflicts(named))

    def tables(self) -> Tables:
        return Tables(**{name: table_frame(name, self.rows[name]) for name in TABLE_NAMES})


def table_frame(name: str, rows: list[dict]):
    import pandas  # heavy: see the module docstring

    # Explicit columns and types keep the frame's shape and types with no rows, keep an
    # integer column integer when some of its cells are empty, and give a text column
    # that is empty in every row the string type in Parquet, not the null type.
    frame = pandas.DataFrame(rows, columns=[column.name for column in TABLES[name]])
    frame = frame.astype(_types(pandas, name))
    # An empty text is a missing one, as an empty CSV cell reads back: CSV and Parquet agree.
    text = [column.name for column in TABLES[name] if column.dtype == "text"]
    frame[text] = frame[text].mask(frame[text] == "")
    return frame


def _types(pandas, table: str) -> dict:
    text = _text_dtype(pandas)
    return {column.name: text if column.dtype == "text" else column.dtype for column in TABLES[table]}


def _text_dtype(pandas):
    """pandas' string type with NaN for missing values (pandas >= 2.3; the default from 3.0), else object.

    Not the pd.NA 'string' type: with it `frame.unit == "%"` is NA on empty cells and a
    filter combining two such conditions raises."""
    try:
        return pandas.StringDtype(na_value=float("nan"))
    except TypeError:  # pandas < 2.3
        return object


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


def read_table(path: Union[str, Path]):
    """A table file a batch wrote (targets.csv, places.parquet ...) as a frame with its documented types.

    Reading the CSV with pandas' defaults would turn GSO codes into numbers ('01' → 1) and
    integer columns with empty cells into floats; the file's name says which table it is."""
    import pandas  # heavy: see the module docstring

    path = Path(path)
    if path.stem not in TABLES or path.suffix not in (".csv", ".parquet"):
        raise InputError(path, f"is not a table file: expected <table>.csv or .parquet, tables {', '.join(TABLE_NAMES)}")
    types = _types(pandas, path.stem)
    try:
        if path.suffix == ".parquet":
            frame = pandas.read_parquet(path)
        else:
            # Text columns as text from the start ('01' stays '01'); read_csv reads True/False itself.
            text = {column.name: types[column.name] for column in TABLES[path.stem] if column.dtype == "text"}
            frame = pandas.read_csv(path, dtype=text)
    except (OSError, ValueError) as problem:
        raise InputError(path, f"cannot be read as the {path.stem} table ({problem})") from None
    missing = [name for name in types if name not in frame.columns]
    if missing:  # a table an older version wrote: its columns were fewer
        raise InputError(path, f"lacks the {path.stem} table's columns {', '.join(missing)} "
                               "(written by an older version? run the batch again)")
    try:
        return frame.astype(types)
    except ValueError as problem:
        raise InputError(path, f"cannot be read as the {path.stem} table ({problem})") from None
