"""The archive-wide tables: documents, targets, places, citations and quantities.

One table layer for the batch (`nghiquyet batch` writes them as CSV and Parquet) and for
the library (`frames`, `load_results(...).tables()`): the same rows, the same columns.

    columns   every table's columns: name, dtype, meaning (TABLES.md documents them)
    periods   a target's period and baseline as years and amounts
    rows      one resolution's rows of every table (plain dicts)
    build     rows → typed pandas frames (`Tables`) → CSV / Parquet files
"""

from .build import Tables, build_tables, default_formats, read_table, table_formats, write_tables
from .columns import TABLE_NAMES, TABLES, Column
from .periods import Baseline, Period, read_period, split_baseline
from .rows import NamedResolution, document_label, iter_citations

__all__ = [
    "Tables", "build_tables", "default_formats", "read_table", "table_formats", "write_tables",
    "TABLE_NAMES", "TABLES", "Column",
    "Baseline", "Period", "read_period", "split_baseline",
    "NamedResolution", "document_label", "iter_citations",
]
