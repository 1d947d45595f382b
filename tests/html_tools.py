"""Small HTML readers for the tests, on the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser


class PageIndex(HTMLParser):
    """Collects headings (level, text), link targets, element ids and meta tags of a page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self.urls: list[str] = []
        self.ids: list[str] = []
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.html_lang = None
        self._heading: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), ""]
        for name in ("src", "href", "action"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "meta":
            key = attributes.get("name") or attributes.get("property")
            if key:
                self.meta[key] = attributes.get("content", "")
        if tag == "link" and attributes.get("rel"):
            self.links[attributes["rel"]] = attributes.get("href", "")

    def handle_endtag(self, tag):
        if self._heading and tag == f"h{self._heading[0]}":
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data


def text_of(html: str) -> str:
    """The visible text of a page with whitespace collapsed (scripts and styles dropped)."""

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self._skip = 0

        def handle_starttag(self, tag, attrs):
            if tag in {"script", "style"}:
                self._skip += 1

        def handle_endtag(self, tag):
            if tag in {"script", "style"}:
                self._skip -= 1

        def handle_data(self, data):
            if not self._skip:
                self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())
