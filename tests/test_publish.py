"""The published build (publishconf.py) ships .gz and .br copies of its text files.

Hosts that serve precompressed files (nginx gzip_static/brotli_static, Caddy precompressed,
WhiteNoise) then send them without compressing on every request.

Why "every text file of at least 256 bytes" and not every text file: pelican-precompress drops
a copy that is not smaller than its source, and that rule cannot be turned off (nor should it:
a host would send more bytes). gzip's framing alone costs 18 bytes, so a short file such as
robots.txt (about 95 bytes) gets a .br copy but no .gz copy. From 256 bytes up, any of our
text files shrinks under both, so both copies are required there; below, a copy is optional,
and one that exists must still be correct and smaller. A file that small travels in one
packet either way.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from tests.support import FIXTURE_PROJECT, build

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".txt", ".svg"}
MIN_SIZE = 256
COPIES = {".gz": gzip.decompress, ".br": brotli.decompress}


def text_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)


def copy_problems(output: Path, min_size: int = MIN_SIZE) -> list[str]:
    """Missing, wrong, not-smaller or orphaned compressed copies in ``output``."""
    problems = []
    for source in text_files(output):
        data = source.read_bytes()
        name = source.relative_to(output).as_posix()
        for suffix, decompress in COPIES.items():
            copy = source.with_name(source.name + suffix)
            if not copy.exists():
                if len(data) >= min_size:
                    problems.append(f"{name}: no {suffix} copy ({len(data)} bytes)")
                continue
            packed = copy.read_bytes()
            if decompress(packed) != data:
                problems.append(f"{name}{suffix}: does not decompress to {name}")
            if len(packed) >= len(data):
                problems.append(
                    f"{name}{suffix}: {len(packed)} bytes, not smaller than {len(data)}"
                )
    for copy in output.rglob("*"):
        if copy.suffix in COPIES and not copy.with_suffix("").exists():
            problems.append(f"{copy.relative_to(output)}: a copy without its source")
    return problems


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("published")
    result = build(FIXTURE_PROJECT, output, "publishconf.py")
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_publish_build_has_text_files_of_every_kind(published):
    assert {p.suffix for p in text_files(published)} == TEXT_SUFFIXES
    large = {p.suffix for p in text_files(published) if p.stat().st_size >= MIN_SIZE}
    assert {".html", ".css", ".js", ".json", ".svg"} <= large


def test_every_text_file_has_correct_gz_and_br_copies(published):
    problems = copy_problems(published)
    assert not problems, "\n".join(problems)


def test_development_build_has_no_copies(fixture_site):
    assert not [p for p in fixture_site.rglob("*") if p.suffix in COPIES]


def test_copy_check_reports_missing_wrong_and_orphaned_copies(tmp_path):
    (tmp_path / "a.css").write_text("body{color:red}" * 40)
    (tmp_path / "b.js").write_text("let x = 1;" * 40)
    (tmp_path / "b.js.gz").write_bytes(gzip.compress(b"other"))
    (tmp_path / "b.js.br").write_bytes(brotli.compress(b"let x = 1;" * 40))
    (tmp_path / "gone.html.br").write_bytes(brotli.compress(b"x"))
    problems = copy_problems(tmp_path)
    assert "a.css: no .gz copy (600 bytes)" in problems
    assert "b.js.gz: does not decompress to b.js" in problems
    assert "gone.html.br: a copy without its source" in problems
    assert len(problems) == 4, problems


def test_the_gz_copies_are_zopfli_smaller_than_gzip_9(published):
    """zopfli (PRECOMPRESS_ZOPFLI) writes the .gz copies: a gzip stream every client reads, a
    few percent smaller than zlib's best, so more of a page comes in the first round trip."""
    pages = [published / "index.html", published / "privatuma-politika" / "index.html"]
    for page in pages:
        data = page.read_bytes()
        copy = page.with_name(page.name + ".gz").read_bytes()
        assert gzip.decompress(copy) == data
        # 1.5 %: the privacy page (5.6 kB of gzip, mostly prose) gains about 2.0 %.
        assert len(copy) < len(gzip.compress(data, 9, mtime=0)) * 0.985, page
