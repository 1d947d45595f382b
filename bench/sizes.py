"""Bytes per built page as shipped (the build's minified files): what the first paint needs
(HTML + CSS + any script started before it), raw / gzip / brotli; the section scripts imported
after the first paint; what the first 14,000 compressed bytes of the HTML hold."""

from __future__ import annotations

import gzip
import posixpath
import re
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import brotli

from bench.page_assets import page_assets

FIRST_FLIGHT = 14_000  # about ten TCP segments: what the first round trip can carry
# `import "./x.js"`, `... from "./x.js"`, `import("./x.js")`: relative module specifiers.
_IMPORT = re.compile(r"""\b(?:from|import)\s*\(?\s*["']([^"']+)["']""")


def gz(data: bytes) -> bytes:
    return gzip.compress(data, 9, mtime=0)


def br(data: bytes) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=11)


def local_file(output: Path, page_url: str, ref: str) -> Path | None:
    """The output file a same-site URL refers to; None for another host."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path if parts.path.startswith("/") else posixpath.join(page_url, parts.path)
    path = posixpath.normpath(path).lstrip("/")
    return output / path


def page_url(output: Path, page: Path) -> str:
    rel = page.relative_to(output).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def script_closure(output: Path, first: list[Path]) -> list[Path]:
    """The scripts and every module they import, statically or dynamically, once each."""
    seen: list[Path] = []
    queue = list(first)
    while queue:
        path = queue.pop(0)
        if path in seen or not path.is_file():
            continue
        seen.append(path)
        url = "/" + path.relative_to(output).as_posix()
        for ref in _IMPORT.findall(path.read_text(encoding="utf-8", errors="replace")):
            if ref.startswith((".", "/")):
                target = local_file(output, posixpath.dirname(url) + "/", ref)
                if target is not None:
                    queue.append(target)
    return seen


COUNTING_SCRIPT = "count.js"


def shipped_assets(output: Path, page: Path) -> dict:
    """The page's own files as shipped: styles, scripts started before the first paint and
    section scripts imported after it (each with its imports), missing references."""
    assets = page_assets(page.read_text(encoding="utf-8"))
    url = page_url(output, page)
    styles = [local_file(output, url, ref) for ref in assets.styles]
    scripts = [local_file(output, url, ref) for ref in assets.scripts]
    after = [local_file(output, url, ref) for ref in assets.after_paint_scripts]
    all_refs = assets.styles + assets.scripts + assets.after_paint_scripts
    refs = zip(all_refs, styles + scripts + after, strict=True)
    external = [ref for ref, path in refs if path is None]
    styles = [p for p in styles if p is not None]
    scripts = script_closure(output, [p for p in scripts if p is not None])
    after = [
        p for p in script_closure(output, [p for p in after if p is not None]) if p not in scripts
    ]
    missing = [p for p in styles + scripts + after if not p.is_file()]
    return {
        "styles": [p for p in styles if p.is_file()],
        "scripts": scripts,
        "after_paint_scripts": after,
        "inline_script": assets.inline_script_bytes,
        "external": external,
        "missing": missing,
    }


def first_flight(html: bytes) -> dict:
    """What the first 14,000 bytes of the gzip and brotli streams decompress to, and whether
    that holds <head> and the hero (the section holding the h1, or the h1 alone)."""
    text = html.decode("utf-8", errors="replace")
    marks = _landmarks(text)
    result = {}
    for name, stream in (("gzip", gz(html)), ("brotli", br(html))):
        if name == "gzip":
            prefix = zlib.decompressobj(wbits=31).decompress(stream[:FIRST_FLIGHT])
        else:
            prefix = _unbrotli_prefix(stream[:FIRST_FLIGHT])
        held = len(prefix)
        result[name] = {
            "compressed": len(stream),
            "raw_held": held,
            "whole": held >= len(html),
            "head_and_hero": all(marks.get(k, 10**12) <= held for k in ("head", "hero")),
            "holds": _describe(marks, held, len(html)),
        }
    return result


def _unbrotli_prefix(data: bytes) -> bytes:
    """All the output a brotli decoder gives for a truncated stream (it yields in pieces)."""
    decoder = brotli.Decompressor()
    out = [decoder.process(data)]
    while more := decoder.process(b""):
        out.append(more)
    return b"".join(out)


def _landmarks(text: str) -> dict[str, int]:
    """Byte offsets where the head, the hero and each section (by id) end."""

    def at(index: int) -> int:
        return len(text[:index].encode("utf-8"))

    marks: dict[str, int] = {}
    head = text.find("</head>")
    if head >= 0:
        marks["head"] = at(head + len("</head>"))
    h1, h1_end = text.find("<h1"), text.find("</h1>")
    if 0 <= h1 < h1_end:
        opened = text.rfind("<section", 0, h1)
        hero_end = text.find("</section>", h1_end)
        if opened >= 0 and text.find("</section>", opened, h1) < 0 and hero_end >= 0:
            marks["hero"] = at(hero_end + len("</section>"))
        else:
            marks["hero"] = at(h1_end + len("</h1>"))
    for match in re.finditer(r'<section\b[^>]*\bid="([^"]+)"', text):
        end = text.find("</section>", match.end())
        if end >= 0:
            marks["#" + match.group(1)] = at(end + len("</section>"))
    return marks


def _describe(marks: dict[str, int], held: int, total: int) -> str:
    if held >= total:
        return "whole page"
    if marks.get("head", total) > held:
        return "part of <head>"
    if marks.get("hero", total) > held:
        return "<head>, not the hero"
    sections = [name for name in marks if name.startswith("#")]
    done = [name for name in sections if marks[name] <= held]
    if not sections:
        return "<head> + h1"
    return f"to {done[-1]} ({len(done)}/{len(sections)} sections)" if done else "<head> + h1"


def measure_page(output: Path, page: Path) -> dict:
    html = page.read_bytes()
    assets = shipped_assets(output, page)
    files = [page, *assets["styles"], *assets["scripts"]]
    blobs = [f.read_bytes() for f in files]
    # The counting script (js/count.js, issue 26) has a budget of its own (1 kB gzip), apart
    # from the sections' scripts.
    counting = [f for f in assets["after_paint_scripts"] if f.name == COUNTING_SCRIPT]
    sections = [f for f in assets["after_paint_scripts"] if f.name != COUNTING_SCRIPT]
    after = [f.read_bytes() for f in sections]
    count = [f.read_bytes() for f in counting]
    scripts = [f.read_bytes() for f in assets["scripts"]] + after + count
    return {
        "page": page_url(output, page),
        "files": [f.relative_to(output).as_posix() for f in files],
        "raw": sum(len(b) for b in blobs),
        "gzip": sum(len(gz(b)) for b in blobs),
        "brotli": sum(len(br(b)) for b in blobs),
        "html_raw": len(html),
        "after_paint_files": [f.relative_to(output).as_posix() for f in sections],
        "after_paint_raw": sum(len(b) for b in after),
        "after_paint_gzip": sum(len(gz(b)) for b in after),
        "after_paint_brotli": sum(len(br(b)) for b in after),
        "counting_raw": sum(len(b) for b in count) if count else None,
        "counting_gzip": sum(len(gz(b)) for b in count) if count else None,
        "counting_brotli": sum(len(br(b)) for b in count) if count else None,
        "script_raw": sum(len(b) for b in scripts) + assets["inline_script"],
        "script_gzip": sum(len(gz(b)) for b in scripts),
        "script_inline": assets["inline_script"],
        "external": assets["external"],
        "missing": [p.relative_to(output).as_posix() for p in assets["missing"]],
        "first_flight": first_flight(html),
        "html_shipped": shipped_copies(page),
    }


def shipped_copies(page: Path) -> dict[str, int | None]:
    """The sizes of the page's precompressed copies as the published build ships them
    (``.gz``, ``.br``; None where there is none): what a visitor's first round trip carries."""
    return {
        name: (
            copy.stat().st_size if (copy := page.with_name(page.name + suffix)).is_file() else None
        )
        for name, suffix in (("gzip", ".gz"), ("brotli", ".br"))
    }


def measure(output: Path, pages: dict[str, str]) -> dict:
    """Sizes of each page named in ``pages`` (name -> URL path) in the built ``output``."""
    result = {}
    for name, url in pages.items():
        path = output / url.lstrip("/")
        if url.endswith("/"):
            path = path / "index.html"
        if path.is_file():
            result[name] = measure_page(output, path)
    return result
