"""`nghiquyet batch`: convert a folder tree of resolutions, in parallel, resumably.

Modules, each importing only those above it (`tests/test_batch.py` checks the order):

    jobs        one document: `Job` → `convert_one` → `Outcome`, with its time and memory limits
    isolated    one document in a child process a Dask task can kill (`convert_isolated`)
    engines     run the jobs: supervised local processes (`run_local`) or Dask (`run_dask`)
    inputs      which files to convert, and which are already current (resumability)
    aggregates  resolutions.jsonl, the tables of `nghiquyet_parser.tables` (CSV, Parquet) and errors.jsonl
    convert     `convert_folder`, the Python API: the plan, the run, the aggregates, summary.json
    run         the command: its arguments, the progress bar or lines, the last line

This __init__ imports none of them on purpose: a Dask worker unpickling
`jobs.convert_one` then imports `jobs` and what it needs, not pandas and the aggregate
tables. (Local workers are started with multiprocessing's "forkserver", which imports
the parent's __main__ in each child: run through the `nghiquyet` command, that is
`cli`, and with it everything `run` imports.)

Two engines share one per-document function (`jobs.convert_one`) and one aggregation
(`aggregates.write_aggregates`):

- ``local``: supervised worker processes on this machine (one per core by
  default, workers recycled every `engines.RECYCLE_AFTER` documents so a leak in a
  library cannot grow without bound).
- ``dask``: the same function submitted to a `dask.distributed` cluster. Workers
  write the per-document JSON THEMSELVES, so OUT_DIR must be a filesystem every
  worker sees at the same path (NFS, a mounted volume); only the small outcome
  records travel back to the client. Shipping whole resolutions back would make
  the client the bottleneck of a thousand-file archive.

Resumability: every per-document JSON records `source.sha256` and
`source.parser_version`. An input whose JSON holds its current content hash and
this parser's version is skipped. Aggregates (resolutions.jsonl and the
tables) are always rebuilt from the per-document JSONs, so a resumed
run yields the same aggregates as an uninterrupted one. Every file is written via
a temporary file and `os.replace` (`nghiquyet_parser.output`): a kill -9 leaves
either the old file or the new one, never half of one.

Limits per document: time (`--timeout`: the library's time budget (`limits`), checked
between stages and in long loops, with a `SIGALRM` backstop in the main thread of the
local worker or of the child process a Dask task runs the document in; a worker stuck past
it in native code is killed), size (`--max-size`: the file; `--max-text-size`: the text read from it) and
memory (`--max-memory`, `RLIMIT_AS` in the local worker; the Dask nanny's `memory_limit`
on a LocalCluster, which kills and replaces the worker).
"""
