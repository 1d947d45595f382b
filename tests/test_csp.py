"""The site's Content Security Policy (issue 25, item 6): every inline script and style of the
build allowed by its hash, no 'unsafe-inline', nothing from another origin, no framing.

What nginx serves, and Chromium running every page under it, is in tests/test_production.py.
"""

from __future__ import annotations

from quote.site.csp import WITHOUT_HASHES, inline_code, policy, site_policy
from tests.support import ROOT
from tests.support.site import built_pages

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><style>body{color:red}</style>'
    '<script type="importmap">{"imports":{}}</script>'
    '<script type="application/ld+json">{"@type": "Person"}</script>'
    '<script src="/theme/js/x.js"></script></head><body>'
    '<svg style="position:absolute"></svg><script>console.log(1)</script></body></html>'
)
OTHER_PAGE = "<!doctype html><html><head><script>console.log(1)</script></head></html>"
# By hand: base64 of SHA-256 of each text (printf '%s' 'console.log(1)' | openssl dgst -sha256
# -binary | base64).
SCRIPT_HASH = "'sha256-CihokcEcBW4atb/CW/XWsvWwbTjqwQlE9nj9ii5ww5M='"
IMPORT_MAP_HASH = "'sha256-URrTy+Il/Nz0lHojVUx275hWqAWhkSF0VsHbUM4/6Hw='"
STYLE_HASH = "'sha256-FcQqt3aNlV7AZnGV4zkQRVeCeJOxbMPnQSx258L803E='"
ATTRIBUTE_HASH = "'sha256-/3kWSXHts8LrwfemLzY9W0tOv5I4eLIhrf0pT8cU0WI='"


def directives(text: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in text.split("; ")}


def test_the_policy_lists_each_inline_script_and_style_by_hash_once():
    found = directives(policy([PAGE, OTHER_PAGE]))
    assert found["script-src"] == ["'self'", SCRIPT_HASH, IMPORT_MAP_HASH]  # not the JSON-LD
    assert found["style-src"] == ["'self'", STYLE_HASH, "'unsafe-hashes'", ATTRIBUTE_HASH]
    assert found["default-src"] == ["'self'"] and found["object-src"] == ["'none'"]
    assert found["frame-ancestors"] == ["'none'"]
    assert (found["base-uri"], found["form-action"]) == (["'self'"], ["'self'"])
    assert "'unsafe-inline'" not in policy([PAGE])


def test_without_style_attributes_no_unsafe_hashes_is_allowed():
    assert "'unsafe-hashes'" not in policy([OTHER_PAGE])


def test_the_built_sites_policy_covers_every_inline_script_of_every_page(fixture_site):
    found = directives(site_policy(fixture_site))
    pages = [page.read_text(encoding="utf-8") for page in built_pages(fixture_site)]
    scripts = {script for html in pages for script in inline_code(html)[0]}
    assert scripts, "the fixture's pages inline their loader"
    assert len(found["script-src"]) == 1 + len(scripts)
    assert "'unsafe-inline'" not in found["script-src"] + found["style-src"]


def test_the_nginx_site_as_shipped_has_the_policy_a_deploy_completes():
    site = (ROOT / "deploy" / "nginx" / "quote-site.conf").read_text(encoding="utf-8")
    assert site.count(f'add_header Content-Security-Policy "{WITHOUT_HASHES}" always;') == 1
    assert all(part in policy([]) for part in WITHOUT_HASHES.split("; "))
