"""Every page shared as a link shows a preview image; the site's icons (issue 27).

Built from the fixture site in both languages (the ``bilingual_site`` fixture) and from scratch
copies of it where a test changes a file or a setting.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from quote.site import share_images
from tests.support import ROOT, build, built_pages, copy_fixture_project
from tests.support.html import parse

FONT = ROOT / "theme" / "share" / "DejaVuSans-Bold.ttf"
LATVIAN_LETTERS = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"
ORIGIN = "http://127.0.0.1:8000"  # the fixture's SITE_ORIGIN (tests/fixtures/site/pelicanconf.py)


def _meta(tree, key: str, attribute: str = "property") -> str | None:
    node = tree.css_first(f'meta[{attribute}="{key}"]')
    return node.attributes.get("content") if node else None


def _file_of(output: Path, url: str) -> Path:
    assert url.startswith(ORIGIN + "/"), url
    return output / urlsplit(url).path.lstrip("/")


def _image(path: Path) -> Image.Image:
    with Image.open(path) as opened:
        opened.load()
        image = opened.copy()
        image.format = opened.format
        return image


def _shared(output: Path) -> dict[str, Path]:
    """Each page's og:image file, by the page's path in the output."""
    found = {}
    for page in built_pages(output):
        tree = parse(page.read_text(encoding="utf-8"))
        found[page.relative_to(output).as_posix()] = _file_of(output, _meta(tree, "og:image"))
    return found


def _build(project: Path, output: Path, cache: Path | None = None) -> Path:
    if cache is not None:
        settings = project / "pelicanconf.py"
        settings.write_text(
            settings.read_text(encoding="utf-8") + f"\nSHARE_IMAGES_CACHE = {str(cache)!r}\n",
            encoding="utf-8",
        )
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def pages(bilingual_site) -> list[Path]:
    found = built_pages(bilingual_site)
    assert len(found) >= 10
    return found


def test_every_page_has_a_preview_image_of_1200_by_630_with_its_tags(bilingual_site, pages):
    for page in pages:
        name = page.relative_to(bilingual_site).as_posix()
        tree = parse(page.read_text(encoding="utf-8"))
        url = _meta(tree, "og:image")
        assert url and url.startswith(ORIGIN + "/images/share/"), (name, url)
        path = _file_of(bilingual_site, url)
        assert path.is_file(), (name, url)
        image = _image(path)
        assert image.size == (1200, 630), name
        assert _meta(tree, "og:image:type") == Image.MIME[image.format], name
        assert (_meta(tree, "og:image:width"), _meta(tree, "og:image:height")) == ("1200", "630")
        title = _meta(tree, "og:title")
        assert title and _meta(tree, "og:image:alt"), name
        assert _meta(tree, "twitter:card", "name") == "summary_large_image", name


def test_each_page_and_language_has_its_own_image(bilingual_site, pages):
    shared = _shared(bilingual_site)
    landing, faq, english = shared["index.html"], shared["buj/index.html"], shared["en/index.html"]
    assert len({landing.read_bytes(), faq.read_bytes(), english.read_bytes()}) == 3
    # The image says what the page is: its alt names the page's own title.
    tree = parse((bilingual_site / "buj" / "index.html").read_text(encoding="utf-8"))
    heading = tree.css_first("h1").text(strip=True)
    assert _meta(tree, "og:image:alt").startswith(heading)


def test_the_font_draws_every_latvian_letter_and_is_never_sent_to_visitors(bilingual_site):
    cmap = TTFont(FONT).getBestCmap()
    assert [letter for letter in LATVIAN_LETTERS if ord(letter) not in cmap] == []
    assert not [p for p in bilingual_site.rglob("*") if p.suffix in (".ttf", ".woff", ".woff2")]
    for page in built_pages(bilingual_site):
        assert "DejaVu" not in page.read_text(encoding="utf-8"), page


def test_a_card_is_the_same_bytes_for_the_same_page_and_changes_with_its_title():
    style = share_images.Style(
        colours=share_images.theme_colours((ROOT / "theme/static/css/site.css").read_text()),
        font=FONT,
        mark=lambda: _png_of((64, 64), "#5a2fd8"),
        art=lambda: _png_of((420, 360), "#ffb37a"),
        sources=b"test",
    )
    card = share_images.Card("Kā plānot satura kalendāru", "Sociālo tīklu pārvaldīšana", "x.lv")
    first = share_images.draw_card(card, style)
    assert first == share_images.draw_card(card, style)
    other = share_images.Card("Cik maksā reklāma", card.site_name, card.address)
    assert share_images.draw_card(other, style) != first
    assert share_images.card_key(other, style) != share_images.card_key(card, style)
    assert _image_of(first).size == (1200, 630)


def _png_of(size: tuple[int, int], colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, colour).save(out, "PNG")
    return out.getvalue()


def _image_of(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_two_builds_give_byte_identical_images_and_a_rebuild_reads_the_cache(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    first = _shared(_build(project, tmp_path / "first", cache=tmp_path / "cache-1"))
    # A fresh cache: the second build draws every image again.
    second = _shared(_build(project, tmp_path / "second", cache=tmp_path / "cache-2"))
    assert first.keys() == second.keys()
    for page, path in first.items():
        assert path.read_bytes() == second[page].read_bytes(), page
    # The cache is what a rebuild ships: a file changed there is the file in the next build.
    cached = tmp_path / "cache-2" / first["index.html"].name
    marker = _png_of((1200, 630), "#00ff00")
    cached.write_bytes(marker)
    third = _shared(_build(project, tmp_path / "third"))
    assert third["index.html"].read_bytes() == marker


def test_a_page_with_the_owners_image_shares_that_image(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    content = project / "content"
    (content / "images").mkdir()
    Image.new("RGB", (1600, 1000), "#c81e1e").save(content / "images" / "foto.jpg", quality=95)
    page = content / "pages" / "privatuma-politika.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("\n\n", "\nImage: images/foto.jpg\nImage_alt: Sarkans laukums\n\n", 1),
        encoding="utf-8",
    )
    output = _build(project, tmp_path / "output")
    tree = parse((output / "privatuma-politika" / "index.html").read_text(encoding="utf-8"))
    url = _meta(tree, "og:image")
    image = _image(_file_of(output, url))
    assert (image.format, image.size) == ("JPEG", (1200, 630))
    red, green, blue = image.getpixel((600, 315))
    assert red > 180 and green < 60 and blue < 60
    assert _meta(tree, "og:image:type") == "image/jpeg"
    assert _meta(tree, "og:image:alt") == "Sarkans laukums"
    # The other pages keep their drawn cards.
    landing = parse((output / "index.html").read_text(encoding="utf-8"))
    assert _meta(landing, "og:image").endswith(".png")


def test_a_missing_owner_image_stops_the_build_naming_it(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    page = project / "content" / "pages" / "privatuma-politika.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n\n", "\nImage: images/nav.jpg\n\n", 1), encoding="utf-8")
    result = build(project, tmp_path / "output")
    assert result.returncode != 0
    assert "images/nav.jpg" in result.stdout + result.stderr


# -- icons -------------------------------------------------------------------------------------


def _accent() -> str:
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    return share_images.theme_colours(css)["accent"]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_the_favicon_and_theme_colour_are_the_sites_accent(bilingual_site):
    svg = (ROOT / "theme" / "static" / "favicon.svg").read_text(encoding="utf-8")
    assert re.findall(r'<rect[^>]*fill="(#[0-9a-f]+)"', svg) == [_accent()]
    tree = parse((bilingual_site / "index.html").read_text(encoding="utf-8"))
    assert _meta(tree, "theme-color", "name") == _accent()
    icon = tree.css_first('link[rel="icon"]').attributes["href"]
    assert icon.startswith("data:image/svg+xml,")  # no request for it before the first paint


def test_phones_get_a_180px_touch_icon_and_a_manifest(bilingual_site, pages):
    for page in pages:
        tree = parse(page.read_text(encoding="utf-8"))
        manifest = tree.css_first('link[rel="manifest"]').attributes["href"]
        assert (bilingual_site / manifest.lstrip("/")).is_file(), page
    # At the site's root, where iOS looks for it without a link in the page.
    touch = _image(bilingual_site / "apple-touch-icon.png")
    assert (touch.format, touch.size) == ("PNG", (180, 180))
    # Square, in the accent colour to its corners (iOS rounds them itself).
    assert touch.convert("RGB").getpixel((0, 0)) == _rgb(_accent())
    for lang, root in (("lv", ""), ("en", "en/")):
        data = json.loads((bilingual_site / root / "manifest.webmanifest").read_text("utf-8"))
        assert data["lang"] == lang and data["start_url"] == f"/{root}"
        assert data["theme_color"] == _accent() and data["name"]
        for entry in data["icons"]:
            image = _image(bilingual_site / entry["src"].lstrip("/"))
            assert f"{image.width}x{image.height}" == entry["sizes"]
            assert Image.MIME[image.format] == entry["type"]
