"""The `nghiquyet` command: parse, explain, schema, eval, batch."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from .errors import InputError, NghiquyetError
from .output import write_atomically
from .limits import DEFAULT_MAX_MEGABYTES, DEFAULT_MAX_TEXT_MEGABYTES, Limits, check_size
from .version import __version__

if TYPE_CHECKING:
    from .models import Resolution

# Each command imports what it needs when it runs (tests/test_architecture.py allows it
# here): parsing needs spaCy (~1 s to import), batch needs pandas (~1 s), while
# `--version` and `schema` need neither and start at once.

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
STDIN = "-"
STDIN_NAME = "<stdin>"  # how errors name standard input

PARSE_HELP = """\
FILE is a path, or - for standard input (read as bytes: its format and encoding are
detected as for a file).

One FILE: its JSON (or page, or XML) is printed, or written to -o OUT.
Several FILEs: a JSON array of their results is printed, whole or not at all; with
-o DIR, one JSON per file is written into DIR, named after the file (a.txt -> DIR/a.txt.json;
standard input -> DIR/stdin.json); with --format html, one review page per file
(a.txt -> DIR/a.txt.html), with --format akn one Akoma Ntoso XML per file
(a.txt -> DIR/a.txt.akn.xml): pages and XML documents do not join into one, so several
FILEs need -o DIR. A file that cannot be read is reported on one line and the others are
still parsed; the exit code is then 1. For whole archives use `nghiquyet batch`.
"""


BATCH_HELP = "convert a folder tree of resolutions"


class UsageError(Exception):
    """Arguments that do not fit together: exit code 2, as argparse's own."""


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomically(Path(output), text)
    else:
        sys.stdout.write(text)


def _read_stdin(limits: Limits) -> Resolution:
    from .pipeline import parse

    data = sys.stdin.buffer.read(limits.max_bytes + 1)  # one byte more than allowed: enough to refuse
    try:
        check_size(len(data), limits, STDIN_NAME)
        return parse(data, limits=limits)
    except InputError as exc:  # read_bytes names a path-less input '<text>'
        raise exc.named(STDIN_NAME) from None


def _parse_one(name: str, args: argparse.Namespace) -> Resolution:
    from .pipeline import parse_file

    limits = Limits(max_megabytes=args.max_size, seconds=args.timeout, max_text_megabytes=args.max_text_size)
    return _read_stdin(limits) if name == STDIN else parse_file(name, limits=limits)


def _render(resolution: Resolution, name: str, args: argparse.Namespace) -> str:
    """One result as the text --format asks for (no trailing newline)."""
    if args.format == "html":
        from .review import to_html

        return to_html(resolution).rstrip("\n")
    if args.format == "akn":
        from .akn import to_akn

        return to_akn(resolution).rstrip("\n")
    from .emit import to_gold, to_json

    if args.format == "gold":
        document = None if name == STDIN else Path(name).name
        return json.dumps(to_gold(resolution, document=document), ensure_ascii=False, indent=2)
    return to_json(resolution, include_text=not args.no_text)


def _output_name(name: str, output_format: str = "json") -> str:
    suffix = {"html": ".html", "akn": ".akn.xml"}.get(output_format, ".json")
    return ("stdin" if name == STDIN else Path(name).name) + suffix


def cmd_parse(args: argparse.Namespace) -> int:
    files: list[str] = args.files
    if files.count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    if len(files) == 1:
        args.where = STDIN_NAME if files[0] == STDIN else files[0]
        _emit(_render(_parse_one(files[0], args), files[0], args) + "\n", args.output)
        return EXIT_OK
    out_dir = Path(args.output) if args.output else None
    if out_dir is None and args.format in ("html", "akn"):
        raise UsageError(f"--format {args.format} with several FILEs needs -o DIR (one document per file)")
    if out_dir is not None:
        names = [_output_name(name, args.format) for name in files]
        clashes = sorted({n for n in names if names.count(n) > 1})
        if clashes:
            raise UsageError(f"several inputs would be written to {out_dir / clashes[0]}; parse them separately")
    rendered: list[str] = []
    failed = 0
    for name in files:
        args.where = STDIN_NAME if name == STDIN else name
        try:
            text = _render(_parse_one(name, args), name, args)
        except NghiquyetError as exc:
            print(f"nghiquyet: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if out_dir is not None:
            write_atomically(out_dir / _output_name(name, args.format), text + "\n")
        else:
            rendered.append(text)
    if out_dir is None and not failed:
        sys.stdout.write("[\n" + ",\n".join(rendered) + "\n]\n")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from rich.console import Console

    from .explain import explain
    from .pipeline import parse_file

    explain(parse_file(args.file), Console(width=args.width))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .emit import schema_json

    if args.output:
        write_atomically(Path(args.output), schema_json())
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(schema_json())
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import run as run_eval

    return run_eval(args)


def cmd_batch(args: argparse.Namespace) -> int:
    from .batch.run import add_arguments, run

    # `nghiquyet batch`'s own arguments are read here, so that other commands do not
    # import batch.run (and pandas with it) only to build the parser
    parser = argparse.ArgumentParser(prog="nghiquyet batch", description=BATCH_HELP)
    add_arguments(parser)
    parser.parse_args(args.batch_arguments, namespace=args)
    return run(args)


def _positive(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nghiquyet", description="Parse Vietnamese People's Council resolutions into structured JSON."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("parse", help="parse resolutions and print their JSON", epilog=PARSE_HELP,
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="a .txt, .docx, .doc, .pdf or .html file, or - for standard input")
    p.add_argument("--format", choices=("json", "gold", "html", "akn"), default="json",
                   help="json: the full schema; gold: the GOLD.md view used for evaluation; "
                        "html: a self-contained review page (text, structure and facts highlighted); "
                        "akn: Akoma Ntoso 3.0 XML")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="write here (atomically) instead of standard output: a file for one FILE, "
                        "a folder for several")
    p.add_argument("--no-text", action="store_true", help="leave the original text out of the JSON")
    p.add_argument("--timeout", type=_positive, metavar="SECONDS",
                   help="stop a document that takes longer, with an error (default: no limit)")
    p.add_argument("--max-size", type=_positive, default=DEFAULT_MAX_MEGABYTES, dest="max_size", metavar="MB",
                   help=f"largest input file in MB (default {DEFAULT_MAX_MEGABYTES:g})")
    p.add_argument("--max-text-size", type=_positive, default=DEFAULT_MAX_TEXT_MEGABYTES, dest="max_text_size",
                   metavar="MB", help=f"most text read from a file, in MB (default {DEFAULT_MAX_TEXT_MEGABYTES:g})")
    p.set_defaults(handler=cmd_parse)

    p = commands.add_parser("explain", help="list every quantity of a document and why it is or is not a target")
    p.add_argument("file", help="a .txt, .docx, .doc, .pdf or .html file")
    p.add_argument("--width", type=int, default=None, help="table width (default: the terminal's)")
    p.set_defaults(handler=cmd_explain)

    p = commands.add_parser("schema", help="print the JSON Schema of the output")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write it here (atomically) instead of standard output, "
                        "e.g. schemas/resolution.schema.json")
    p.set_defaults(handler=cmd_schema)

    p = commands.add_parser("eval", help="score the parser against gold annotations")
    p.add_argument("gold_dir")
    p.add_argument("docs_dir")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--markdown", action="store_true", help="print the table as markdown (for the README)")
    p.add_argument("--details", action="store_true", help="list every mismatch")
    p.set_defaults(handler=cmd_eval)

    p = commands.add_parser("batch", help=BATCH_HELP, add_help=False)  # its arguments: cmd_batch
    p.set_defaults(handler=cmd_batch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, unread = parser.parse_known_args(argv)
    if args.command == "batch":
        args.batch_arguments = unread
    elif unread:
        parser.error(f"unrecognized arguments: {' '.join(unread)}")
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UsageError as exc:
        print(f"nghiquyet {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NghiquyetError as exc:
        print(f"nghiquyet: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("nghiquyet: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - one line for the user, traceback on --debug
        if args.debug:
            raise
        where = getattr(args, "where", None) or getattr(args, "in_dir", None) or ""
        print(f"nghiquyet: internal error{f' on {where}' if where else ''}: {type(exc).__name__}: {exc} "
              "(run with --debug for the traceback, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
