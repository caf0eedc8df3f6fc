"""The `nghiquyet` command: parse, explain, schema, eval, batch."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, Sequence

from rich.console import Console

from .batch.run import add_arguments as add_batch_arguments
from .batch.run import run as run_batch
from .emit import schema_json, to_gold, to_json
from .errors import NghiquyetError
from .evaluate import run as run_eval
from .explain import explain
from .output import write_atomically
from .pipeline import parse_file
from .version import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
DEFAULT_SCHEMA_PATH = Path("schemas") / "resolution.schema.json"


def _emit(text: str, output: str | None) -> None:
    if output:
        write_atomically(Path(output), text)
    else:
        sys.stdout.write(text)


def cmd_parse(args: argparse.Namespace) -> int:
    resolution = parse_file(args.file)
    if args.format == "gold":
        text = json.dumps(to_gold(resolution, document=Path(args.file).name), ensure_ascii=False, indent=2) + "\n"
    else:
        text = to_json(resolution, include_text=not args.no_text) + "\n"
    _emit(text, args.output)
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    explain(parse_file(args.file), Console(width=args.width))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    path = Path(args.output)
    write_atomically(path, schema_json())
    print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    return run_eval(args)


def cmd_batch(args: argparse.Namespace) -> int:
    return run_batch(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nghiquyet", description="Parse Vietnamese People's Council resolutions into structured JSON."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("parse", help="parse one resolution and print its JSON")
    p.add_argument("file", help="a .txt, .docx, .doc, .pdf or .html file")
    p.add_argument("--format", choices=("json", "gold"), default="json",
                   help="json: the full schema; gold: the GOLD.md view used for evaluation")
    p.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    p.add_argument("--no-text", action="store_true", help="leave the original text out of the JSON")
    p.set_defaults(handler=cmd_parse)

    p = commands.add_parser("explain", help="list every quantity of a document and why it is or is not a target")
    p.add_argument("file", help="a .txt, .docx, .doc, .pdf or .html file")
    p.add_argument("--width", type=int, default=None, help="table width (default: the terminal's)")
    p.set_defaults(handler=cmd_explain)

    p = commands.add_parser("schema", help="write the JSON Schema of the output")
    p.add_argument("-o", "--output", default=str(DEFAULT_SCHEMA_PATH))
    p.set_defaults(handler=cmd_schema)

    p = commands.add_parser("eval", help="score the parser against gold annotations")
    p.add_argument("gold_dir")
    p.add_argument("docs_dir")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--markdown", action="store_true", help="print the table as markdown (for the README)")
    p.add_argument("--details", action="store_true", help="list every mismatch")
    p.set_defaults(handler=cmd_eval)

    p = commands.add_parser("batch", help="convert a folder tree of resolutions")
    add_batch_arguments(p)
    p.set_defaults(handler=cmd_batch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
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
        where = getattr(args, "file", None) or getattr(args, "in_dir", None) or ""
        print(f"nghiquyet: internal error{f' on {where}' if where else ''}: {type(exc).__name__}: {exc} "
              "(run with --debug for the traceback, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
