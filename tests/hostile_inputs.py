"""Large or dense inputs that stress a parser's cost, as plain functions of their size.

Each returns text of about the size asked for (in UTF-8 bytes), built from made-up
sentences or from the project's own corpus (corpus/*.txt, written for the project), so
no third-party text is copied. Tests import these; `python tests/hostile_inputs.py DIR [SCALE]`
writes each to DIR for measuring by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

_HEADER = "NGHỊ QUYẾT\nVề kế hoạch phát triển kinh tế - xã hội năm 2025\n\nQUYẾT NGHỊ:\n\n"


def _repeat(unit: str, n_bytes: int, prefix: str = "") -> str:
    """`prefix`, then `unit` repeated, cut to at most `n_bytes` bytes (a whole character at the end)."""
    room = max(0, n_bytes - len(prefix.encode("utf-8")))
    repeated = unit * (room // len(unit.encode("utf-8")) + 1)
    return prefix + repeated.encode("utf-8")[:room].decode("utf-8", errors="ignore")


def dense_percent(n_bytes: int) -> str:
    """One article whose text is '12,5%' over and over: a quantity every six bytes."""
    return _repeat("12,5% ", n_bytes, _HEADER + "Điều 1. Các chỉ tiêu chủ yếu\n")


def dense_money(n_bytes: int) -> str:
    """'tăng 5 triệu đồng' over and over: change cues and money values, densely."""
    return _repeat("tăng 5 triệu đồng ", n_bytes, _HEADER + "Điều 1. Thu nhập bình quân đầu người\n")


def _article(number: int) -> str:
    return f"Điều {number}. Chỉ tiêu {number}\nTỷ lệ hộ nghèo giảm còn {number % 9 + 1},5%.\n"


def many_articles(n: int) -> str:
    """`n` short articles, each with one target sentence."""
    return _HEADER + "".join(_article(number) for number in range(1, n + 1))


def many_articles_of(n_bytes: int) -> str:
    """As many articles as fit in about `n_bytes` bytes."""
    articles, size = [], len(_HEADER.encode("utf-8"))
    while size <= n_bytes:
        articles.append(_article(len(articles) + 1))
        size += len(articles[-1].encode("utf-8"))
    return _HEADER + "".join(articles[:-1])


def long_line(n_bytes: int) -> str:
    """One line of `n_bytes` bytes: target sentences with no line break between them."""
    sentence = "Thu nhập bình quân đầu người đạt 55,6 triệu đồng, tỷ lệ hộ nghèo giảm còn 2,5%; "
    return _repeat(sentence, n_bytes, _HEADER + "Điều 1. ")


def joined_corpus(n_bytes: int) -> str:
    """The project's corpus texts one after another, again and again, to about `n_bytes`."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    if not texts:
        raise FileNotFoundError(f"{CORPUS}: no *.txt to join")
    return _repeat("\n\n".join(texts) + "\n\n", n_bytes)


# Each shape at about a size in bytes (scripts/benchmark.py measures them at the text limit).
SHAPES = {"joined_corpus": joined_corpus, "long_line": long_line, "dense_percent": dense_percent,
          "dense_money": dense_money, "many_articles": many_articles_of}


def write_all(folder: Path, scale: float = 1.0) -> list[Path]:
    """The five inputs of issue 11 at their sizes there (times `scale`), written to `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    shapes = {
        "dense_percent.txt": dense_percent(int(180_000 * scale)),
        "dense_money.txt": dense_money(int(720_000 * scale)),
        "many_articles.txt": many_articles(int(20_000 * scale)),
        "long_line.txt": long_line(int(1_000_000 * scale)),
        "joined_corpus.txt": joined_corpus(int(50_000_000 * scale)),
    }
    written = []
    for name, text in shapes.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all(Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 1.0):
        print(written_path, written_path.stat().st_size)
