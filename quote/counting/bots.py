"""Who is never counted: robots (by their user agent) and visitors who asked not to be tracked.

Robots are told by the crawler-user-agents list (a maintained list of patterns of crawlers,
monitors, preview fetchers, HTTP libraries and headless browsers, Lighthouse among them); a
request without a user agent is no browser's either. ``Sec-GPC: 1`` (Global Privacy Control)
and ``DNT: 1`` (Do Not Track) are honoured: nothing is counted for them, and the answer is the
same as for a counted post, so the page cannot tell.
"""

from __future__ import annotations

from collections.abc import Mapping

from crawleruseragents import is_crawler

MAX_USER_AGENT = 512  # longer is no browser's, and the patterns need not read it


def is_robot(user_agent: str | None) -> bool:
    text = (user_agent or "").strip()
    return not text or len(text) > MAX_USER_AGENT or is_crawler(text)


def not_to_be_counted(headers: Mapping[str, str]) -> bool:
    """Whether a request's headers say it is a robot's or asks not to be tracked."""
    return (
        headers.get("Sec-GPC", "").strip() == "1"
        or headers.get("DNT", "").strip() == "1"
        or is_robot(headers.get("User-Agent"))
    )
