"""Pelican's closing line of a build, said in Latvian for the owner.

Pelican ends every build with ``Done: Processed 0 articles, 0 drafts, 0 hidden articles,
6 pages, 0 hidden pages and 0 draft pages in 1.83 seconds.`` (pelican/__init__.py). The owner
reads Latvian (issue 24), so ``make build``, ``make publish``, ``make serve`` and ``quote undo``
show ``Gatavs: 6 lapas, 1,83 s.`` instead: the kinds Pelican built none of are left out.
"""

from __future__ import annotations

import re

from quote.contact.wording import plural

DONE = re.compile(r"^Done: Processed (?P<counts>.+) in (?P<seconds>\d+(?:\.\d+)?) seconds\.$", re.M)
COUNT = re.compile(r"(\d+) ([a-z ]+?)s?(?:,| and |$)")
# Pelican's kind (singular) -> the Latvian words for one and for more.
KINDS = {
    "article": ("raksts", "raksti"),
    "draft": ("raksta melnraksts", "rakstu melnraksti"),
    "hidden article": ("slēpts raksts", "slēpti raksti"),
    "page": ("lapa", "lapas"),
    "hidden page": ("slēpta lapa", "slēptas lapas"),
    "draft page": ("lapas melnraksts", "lapu melnraksti"),
}


def in_latvian(output: str) -> str:
    """``output`` with Pelican's closing line in Latvian; anything else as it was."""
    return DONE.sub(_latvian_line, output)


def _latvian_line(done: re.Match) -> str:
    parts = []
    for count, kind in COUNT.findall(done["counts"]):
        words = KINDS.get(kind)
        if words is None:  # a Pelican that words it otherwise: keep its line
            return done.group()
        if int(count):
            parts.append(plural(int(count), *words))
    seconds = f"{float(done['seconds']):.2f}".replace(".", ",")
    return f"Gatavs: {', '.join(parts) or 'nekas nav uzbūvēts'}, {seconds} s."
