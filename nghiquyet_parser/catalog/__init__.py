"""Archive catalogues: the number, date, issuer and level an archive records beside its files.

Archived copies often lose their header (the table holding 'Số: 12/NQ-HĐND' and the date);
the archive's catalogue still knows them. The tables take a value from the catalogue only
where the text has none, say so in their `*_source` columns, and list every disagreement.
The per-document JSON stays what the parser read from the text.

    read    the catalogue file, checked whole (`read_catalog` → `Catalog`)
    match   which row is which document; the matched rows a batch keeps in OUT_DIR
    merge   text first, catalogue second: values, their sources, conflicts
"""

from .match import APPLIED_FILE, Matched, applied_catalog, match_catalog
from .merge import CATALOG, TEXT, Conflict, MergedKey, merge_key
from .read import Catalog, CatalogRecord, read_catalog

__all__ = [
    "APPLIED_FILE", "Matched", "applied_catalog", "match_catalog",
    "CATALOG", "TEXT", "Conflict", "MergedKey", "merge_key",
    "Catalog", "CatalogRecord", "read_catalog",
]
