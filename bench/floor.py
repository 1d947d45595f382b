"""The physical floor: the landing copy as one self-contained HTML file with minimal inline CSS.

It holds the same words as the landing page (every section of content/landing, every question
of content/faq, every service and price of pricing.yaml) and nothing else: no navigation, no
configurator, no form, no structured data. The FAQ's answers are on their own page (issue 12),
so the floor, like the landing page, lists the questions only. Nothing can be faster to deliver
than this page; the bench compares ours to it.
"""

from __future__ import annotations

import gzip
import html
import re
from pathlib import Path

import brotli
import markdown
import yaml

from bench.common import ROOT

CSS = (
    "body{margin:0 auto;max-width:46rem;padding:0 1rem;font:1rem/1.6 system-ui,sans-serif;"
    "color:#14213d}h1,h2,h3{line-height:1.2}a{color:#0d3b66}"
)
_META = re.compile(r"^([A-Za-z_]+):\s*(.*)$")


def _order(path: Path) -> tuple[int, str]:
    number = re.match(r"\d+", path.name)
    return (int(number.group()) if number else 10**9, path.name)


def read_markdown(path: Path) -> tuple[dict[str, str], str]:
    """Pelican's metadata header (``Key: value`` lines up to a blank line) and the body."""
    meta: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    for index, line in enumerate(lines):  # noqa: B007 - index is used after the loop
        match = _META.match(line)
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2).strip()
    body = "\n".join(lines[index:])
    return meta, markdown.markdown(body, extensions=["extra"], output_format="html")


def euros(amount) -> str:
    cents = round(float(amount) * 100)
    whole, rest = divmod(cents, 100)
    digits = f"{whole:,}".replace(",", "\u00a0")
    return (f"{digits},{rest:02d}" if rest else digits) + "\u00a0€"


def in_latvian(value):
    """``value`` with every text written per language (``{lv: …, en: …}``) as its Latvian one;
    a text without languages is Latvian already."""
    if isinstance(value, dict):
        if "lv" in value and all(isinstance(k, str) and k.isalpha() for k in value):
            return value["lv"]
        return {key: in_latvian(item) for key, item in value.items()}
    if isinstance(value, list):
        return [in_latvian(item) for item in value]
    return value


def price_list(pricing_file: Path) -> str:
    data = in_latvian(yaml.safe_load(pricing_file.read_text(encoding="utf-8")))
    out = [f"<p>{html.escape(data.get('vat_note', ''))}</p>"]
    for service in data.get("services", []):
        unit = service.get("unit") or ("mēn." if service.get("billing") == "monthly" else "")
        suffix = f"\u00a0/\u00a0{html.escape(unit)}" if unit else ""
        out.append(f"<h3>{html.escape(service['name'])}</h3>")
        if service.get("tiers"):
            items = "".join(
                f"<li>{euros(t['price'])}{suffix} – {html.escape(t.get('summary', ''))}</li>"
                for t in service["tiers"]
            )
            out.append(f"<ul>{items}</ul>")
        else:
            out.append(f"<p>{euros(service['price'])}{suffix}</p>")
        out.extend(f"<p>{html.escape(text)}</p>" for text in service.get("description", []))
        rows = [
            f"{label}: {text}"
            for key, label in (
                ("includes", "Iekļauts"),
                ("notes", "Piezīme"),
                ("limits", "Limits"),
                ("bonuses", "Bonuss"),
            )
            for text in service.get(key, [])
        ]
        rows += [f"{extra['label']}: {extra['text']}" for extra in service.get("extras", [])]
        if rows:
            out.append("<ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in rows) + "</ul>")
    if data.get("closing_note"):
        out.append(f"<p>{html.escape(data['closing_note'])}</p>")
    return "".join(out)


def _published_latvian(folder: Path) -> list[tuple[dict[str, str], str]]:
    """The default language's published files of ``folder`` in page order: translations
    (``Lang: en``) and drafts are not on the Latvian page."""
    found = []
    for path in sorted(folder.glob("*.md"), key=_order):
        meta, body = read_markdown(path)
        if meta.get("lang", "lv") == "lv" and meta.get("status") != "draft":
            found.append((meta, body))
    return found


def floor_html(root: Path = ROOT) -> str:
    """The floor page for the project at ``root``."""
    content = root / "content"
    parts: list[str] = []
    title = "Sociālo tīklu pārvaldīšana"
    for meta, body in _published_latvian(content / "landing"):
        heading = html.escape(meta.get("title", ""))
        if meta.get("layout") == "hero":
            title = meta.get("title", title)
            parts.append(f"<h1>{heading}</h1>{body}")
            continue
        parts.append(f"<h2>{heading}</h2>{body}")
        if meta.get("layout") == "prices":
            parts.append(price_list(root / "pricing.yaml"))
        elif meta.get("layout") == "faq":
            questions = _published_latvian(content / "faq")
            items = "".join(f"<li>{html.escape(q.get('title', ''))}</li>" for q, _ in questions)
            parts.append(f"<ul>{items}</ul>")
    return (
        '<!doctype html><html lang="lv"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="description" content="{html.escape(title)}: pakalpojumi, process, cenas.">'
        f'<link rel="icon" href="data:,"><style>{CSS}</style></head>'
        f"<body><main>{''.join(parts)}</main></body></html>\n"
    )


def write_floor(folder: Path, root: Path = ROOT) -> Path:
    """Write the floor as ``folder/index.html`` with .gz and .br copies, as the publish build
    ships text files; return the page's path."""
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    data = floor_html(root).encode("utf-8")
    page.write_bytes(data)
    (folder / "index.html.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    (folder / "index.html.br").write_bytes(brotli.compress(data, mode=brotli.MODE_TEXT, quality=11))
    return page
