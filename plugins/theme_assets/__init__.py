"""The theme's own files as they ship: minified, inlined or fingerprinted.

The sources in ``theme/static`` are written for people; this plugin minifies them while the site
is built, with tdewolff's minifier (the ``tdewolff-minify`` wheel: real JavaScript, CSS and SVG
parsers, so template literals, regular expressions and ES-module syntax survive).

- ``inline_asset(name)``: a stylesheet minified, for the page's ``<style>``, so that the first
  paint needs no request besides the document.
- ``asset_url(name)``: the URL of a file under ``/theme/`` with a fingerprint of its minified
  bytes (``?v=…``), so a changed file is never served from a stale cache.
- ``data_uri(name, mime)``: a small file (the favicon) minified into a ``data:`` URI.
- ``fill_owner``: ``{owner_name}``-style placeholders in page copy filled from ``OWNER``.
- ``script_data(template)``: a script's data (its texts in the page's language) rendered from
  ``templates/<template>`` with the page's context into ``data/<name>.<lang>.json``, and that
  file's fingerprinted URL. The script fetches it beside its other data, so the page's first
  round trip does not carry what only the script reads (issue 12).
- When the build finishes, the copies of ``.js``, ``.css`` and ``.svg`` files that Pelican put
  into ``output/theme/`` are replaced by their minified form. This runs on ``finalized`` before
  pelican-precompress (Pelican calls plugins in ``PLUGINS`` order), so the ``.gz`` and ``.br``
  copies of the published build are of the minified files.

Every file is minified once before any page is written (``all_generators_finalized``): a file
that cannot be minified (a syntax error) fails the build with its path and the reason, and no
page is written.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from urllib.parse import quote

import minify
from jinja2 import pass_context
from markupsafe import Markup, escape
from pelican import signals

from quote.i18n import context_lang

# Characters a data: URI keeps as they are (RFC 3986's unreserved characters, some
# sub-delimiters and ":/"); a space, "#", "<", ">", "&" and "%" are escaped.
URI_SAFE = "-._~!'()*+,;=:/"
MEDIA_TYPES = {".js": "application/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


class AssetError(Exception):
    """A theme file that the minifier refuses; raised while the site is built."""


def _static(settings, name: str) -> Path:
    return Path(settings["THEME"]) / "static" / name


@functools.lru_cache(maxsize=32)
def _minify_text(media_type: str, text: str) -> str:
    return minify.string(media_type, text)


def minified(path: Path) -> str:
    """The file's text minified for its type (.js, .css, .svg); other files as they are."""
    text = path.read_text(encoding="utf-8")
    media_type = MEDIA_TYPES.get(path.suffix)
    if media_type is None:
        return text
    try:
        return _minify_text(media_type, text)
    except minify.MinifyError as error:
        raise AssetError(f"{_shown(path)}: cannot minify: {error}") from error


def _shown(path: Path) -> str:
    """The path as the owner would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def fill_owner(html: str, owner: dict) -> str:
    """Replace {owner_name}-style placeholders in page copy with the OWNER setting."""
    for key, value in owner.items():
        html = html.replace("{owner_" + key + "}", escape(value))
    return Markup(html)


def add_helpers(pelican_or_generator):
    settings = pelican_or_generator.settings
    env = pelican_or_generator.env

    def inline_asset(name: str) -> str:
        return minified(_static(settings, name)).strip()

    def data_uri(name: str, mime: str) -> str:
        # Inlined so that no page makes a request for its icon before the first paint. Its
        # double quotes become single ones and only what a URL may not hold is escaped: a
        # quarter of the bytes of escaping everything, on every page.
        text = minified(_static(settings, name)).strip().replace('"', "'")
        return f"data:{mime},{quote(text, safe=URI_SAFE)}"

    def asset_url(name: str) -> str:
        shipped = minified(_static(settings, name)).encode("utf-8")
        digest = hashlib.sha256(shipped).hexdigest()[:10]
        return f"{settings['SITEURL']}/theme/{name}?v={digest}"

    # Compact JSON for tojson (structured data); Jinja still escapes < > & ' inside it.
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "ensure_ascii": False,
        "separators": (",", ":"),
    }

    @pass_context
    def script_data(context, template: str) -> str:
        # Written while the page is rendered: the URL needs the bytes' fingerprint, and the
        # texts need the page's language. pelican-precompress compresses it on `finalized`.
        text = env.get_template(template).render(context.get_all()).strip()
        name = f"data/{Path(template).stem.replace('_', '-')}.{context_lang(context)}.json"
        target = Path(settings["OUTPUT_PATH"]) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
        return f"{settings['SITEURL']}/{name}?v={digest}"

    env.globals["inline_asset"] = inline_asset
    env.globals["script_data"] = script_data
    env.filters["fill_owner"] = fill_owner
    env.globals["asset_url"] = asset_url
    env.globals["data_uri"] = data_uri


def _theme_files(settings) -> list[Path]:
    source = Path(settings["THEME"]) / "static"
    return [path for path in sorted(source.rglob("*")) if path.suffix in MEDIA_TYPES]


def check_assets(generators) -> None:
    """Minify every theme file before any output is written, so a broken one stops the build."""
    for path in _theme_files(generators[0].settings):
        minified(path)


def write_minified_copies(pelican) -> None:
    """Replace the theme files Pelican copied into the output by their minified form."""
    source = Path(pelican.settings["THEME"]) / "static"
    target = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    for path in _theme_files(pelican.settings):
        copied = target / path.relative_to(source)
        if copied.is_file():
            copied.write_text(minified(path), encoding="utf-8")


def register():
    signals.generator_init.connect(add_helpers)
    signals.all_generators_finalized.connect(check_assets)
    signals.finalized.connect(write_minified_copies)
