"""HTML in the tests, queried with CSS selectors (selectolax's lexbor parser)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

__all__ = ["LexborNode", "PageIndex", "parse", "script_data", "text_of"]


def parse(html: str) -> LexborHTMLParser:
    """The document tree of ``html``, to query with ``.css(selector)`` and ``.css_first(...)``."""
    return LexborHTMLParser(html)


def script_data(html: str, output: Path, catalog: bool = False) -> list:
    """What a page of the built site ``output`` gives its scripts: the values of its JSON blocks,
    and of the JSON files its elements name in ``data-texts`` (the configurator's texts, which
    its script fetches: theme_assets' script_data); with ``catalog``, also the texts the
    configurator shows as they are from the price list its form names in ``data-catalog``:
    service names and tier summaries (a unit it formats itself, ids it does not show)."""
    tree = parse(html)
    values = [json.loads(node.text()) for node in tree.css('script[type="application/json"]')]
    for node in tree.css("[data-texts]"):
        values.append(_fetched(node.attributes["data-texts"], output))
    for node in tree.css("[data-catalog]") if catalog else ():
        services = _fetched(node.attributes["data-catalog"], output)["services"]
        values.append([service["name"] for service in services])
        values.append([tier["summary"] for service in services for tier in service["tiers"]])
    return values


def _fetched(url: str, output: Path):
    """The JSON file of the built site ``output`` at ``url``."""
    path = urlsplit(url).path
    return json.loads((output / path.lstrip("/")).read_text(encoding="utf-8"))


def text_of(html: str) -> str:
    """The text of a page with whitespace collapsed (scripts and styles dropped)."""
    tree = parse(html)
    for node in tree.css("script, style"):
        node.decompose()
    return " ".join(tree.root.text(separator=" ").split())


class PageIndex:
    """Headings (level, text), link targets, element ids and meta tags of a page, in page order."""

    def __init__(self, html: str) -> None:
        tree = parse(html)
        self.html_lang = tree.css_first("html").attributes.get("lang")
        self.headings = [
            (int(node.tag[1]), " ".join(node.text().split()))
            for node in tree.css("h1, h2, h3, h4, h5, h6")
        ]
        self.urls = [
            node.attributes[name]
            for node in tree.css("[src], [href], [action]")
            for name in ("src", "href", "action")
            if node.attributes.get(name)
        ]
        self.ids = [node.attributes["id"] for node in tree.css("[id]") if node.attributes["id"]]
        self.meta = {
            node.attributes.get("name") or node.attributes["property"]: node.attributes.get(
                "content"
            )
            or ""
            for node in tree.css("meta[name], meta[property]")
        }
        self.links = {
            node.attributes["rel"]: node.attributes.get("href") or ""
            for node in tree.css("link[rel]")
        }
