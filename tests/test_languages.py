"""A second language as configuration: the fixture site with its English published.

The fixture's English copy (content/**/*.en.md, Lang: en) is published by adding "en" to
LANGUAGES in a scratch copy; the project's own LANGUAGES decides what the owner publishes.
"""

from __future__ import annotations

import html
import json
import re
import runpy
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from babel.messages.pofile import read_po, write_po
from selectolax.lexbor import LexborHTMLParser, LexborNode

from quote.i18n import catalog_path, language_name, og_locale
from tests.support import (
    BILINGUAL_PAGES,
    FIXTURE_PROJECT,
    ONE_LANGUAGE_PAGES,
    ROOT,
    build,
    built_pages,
    copy_fixture_project,
    parse,
    publish_languages,
    script_data,
    serve_folder,
    text_of,
)

ORIGIN = "http://127.0.0.1:8000"
CATALOGS = ROOT / "theme" / "translations"
PAGES = BILINGUAL_PAGES


def page(output: Path, path: str) -> LexborHTMLParser:
    return parse((output / path).read_text(encoding="utf-8"))


def file_of(output: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return output / (path + "index.html" if path == "" or path.endswith("/") else path)


@pytest.mark.parametrize(("lang", "path"), [(lang, p) for lang, ps in PAGES.items() for p in ps])
def test_every_page_in_both_languages(bilingual_site, lang, path):
    tree = page(bilingual_site, path)
    assert tree.css_first("html").attributes["lang"] == lang
    assert tree.css_first('meta[property="og:locale"]').attributes["content"] == og_locale(lang)
    assert tree.css_first("h1").text().strip()


def test_alternates_point_both_ways_to_pages_that_exist(bilingual_site):
    for lang, paths in PAGES.items():
        for path in paths:
            if path.endswith("404.html"):
                continue
            links = {
                link.attributes["hreflang"]: link.attributes["href"]
                for link in page(bilingual_site, path).css('link[rel="alternate"][hreflang]')
            }
            assert set(links) == {"lv", "en", "x-default"}, path
            assert links["x-default"] == links["lv"], path
            assert file_of(bilingual_site, links[lang]) == bilingual_site / path, path
            other = "en" if lang == "lv" else "lv"
            back = {
                link.attributes["hreflang"]: link.attributes["href"]
                for link in page(
                    bilingual_site,
                    str(file_of(bilingual_site, links[other]).relative_to(bilingual_site)),
                ).css('link[rel="alternate"][hreflang]')
            }
            assert back[lang] == links[lang], path


def test_the_switch_leads_to_the_same_page_in_the_other_language(bilingual_site):
    pairs = [
        (lv, en)
        for lv, en in zip(PAGES["lv"], PAGES["en"], strict=True)
        if not lv.endswith("404.html")  # the "not found" page has no other language's address
    ]
    for lv, en in pairs + [(en, lv) for lv, en in pairs]:
        links = page(bilingual_site, lv).css(".lang-switch a")
        assert len(links) == 1, lv
        assert file_of(bilingual_site, links[0].attributes["href"]) == bilingual_site / en, lv
        target = links[0].attributes["hreflang"]
        assert links[0].text().strip() == language_name(target)


def test_the_landing_pages_share_their_anchors(bilingual_site):
    ids = [
        [s.attributes["id"] for s in page(bilingual_site, p).css("main section")]
        for p in ("index.html", "en/index.html")
    ]
    assert ids[0] == ids[1] and "kontakti" in ids[0]


def test_every_page_is_built_in_both_languages_and_no_other(bilingual_site):
    built = {p.relative_to(bilingual_site).as_posix() for p in built_pages(bilingual_site)}
    assert built == {path for paths in PAGES.values() for path in paths} | set(ONE_LANGUAGE_PAGES)


def _local_links(output: Path, path: str) -> list[tuple[LexborNode, Path, str]]:
    """Every link of a page to the site itself (element, file it leads to, #fragment); the form's
    endpoint, other hosts, mail and data URLs left out."""
    found = []
    for node in page(output, path).css("[href], [src], [data-module]"):
        for name in ("href", "src", "data-module"):
            url = node.attributes.get(name)
            if not url:
                continue
            if url.startswith(ORIGIN + "/"):
                url = url[len(ORIGIN) :]
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # another host (the social profiles), mailto:, data:
            target = output / path if not parts.path else file_of(output, parts.path)
            found.append((node, target, parts.fragment))
    return found


@pytest.mark.parametrize("path", [p for paths in PAGES.values() for p in paths])
def test_every_link_leads_to_a_page_or_file_that_exists(bilingual_site, path):
    missing = []
    for node, target, fragment in _local_links(bilingual_site, path):
        if not target.is_file():
            missing.append(f"{node.tag} -> {target.relative_to(bilingual_site)} (no such file)")
        elif fragment and not parse(target.read_text(encoding="utf-8")).css_first(
            f'[id="{fragment}"]'
        ):
            missing.append(f"{node.tag} -> {target.relative_to(bilingual_site)}#{fragment}")
    assert not missing, missing


def _language_of(output: Path, target: Path) -> str:
    first = target.relative_to(output).parts[0]
    return first if first in PAGES and first != "lv" else "lv"


@pytest.mark.parametrize(("lang", "path"), [(lang, p) for lang, ps in PAGES.items() for p in ps])
def test_links_stay_in_the_page_language_but_the_switch(bilingual_site, lang, path):
    elsewhere = [
        f"{node.tag} {node.attributes.get('href')}"
        for node, target, _ in _local_links(bilingual_site, path)
        if target.suffix == ".html"
        and node.attributes.get("rel") != "alternate"  # hreflang links and the switch
        and _language_of(bilingual_site, target) != lang
    ]
    assert not elsewhere, elsewhere


def _catalog_pairs() -> list[tuple[str, str]]:
    """(Latvian, English) of every message, each plural form paired with its translation."""
    from babel.messages.pofile import read_po

    with catalog_path(CATALOGS, "en").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    pairs = []
    for message in catalog:
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            pairs += [(lv, en) for lv, en in zip(ids, strings, strict=True) if lv != en]
    return pairs


def _parts(message: str) -> list[str]:
    """The words of a message around its %(placeholders)s and markup, as a page shows them."""
    text = html.unescape(re.sub("<[^>]+>", "", message)).replace("%%", "%")
    parts = (part.strip() for part in re.split(r"%\([a-z_]+\)s", text))
    return [part for part in parts if re.search(r"\w\w", part)]


def _script_texts(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _script_texts(item)]
    return [value] if isinstance(value, str) else []


def _page_script_texts(html_text: str, site: Path) -> str:
    """The texts a page gives its scripts to show (its JSON blocks and the files its scripts
    fetch), placeholders taken out."""
    texts = [text for value in script_data(html_text, site) for text in _script_texts(value)]
    return re.sub(r"\{[a-z_]+\}", " | ", " | ".join(texts))


def _shown(html_text: str) -> str:
    """What a visitor meets: the text and the attributes read aloud or shown."""
    attributes = re.findall(
        r'(?:aria-label|title|placeholder|alt|data-[a-z]+)="([^"]*)"', html_text
    )
    shown = html.unescape(text_of(html_text) + " " + " ".join(attributes))
    return re.sub(r"\[[^\]]*\]", "", shown)  # the fixture owner's [placeholders] are data


def test_no_latvian_interface_string_on_english_pages_and_the_reverse(bilingual_site):
    # The scripts' own texts are checked word by word in the next test: short ones ("ar PVN")
    # also occur inside the fixture's price list, whose texts are Latvian on both pages.
    pairs = _catalog_pairs()
    for lang, paths in PAGES.items():
        for path in paths:
            page_html = (bilingual_site / path).read_text(encoding="utf-8")
            scripts = _page_script_texts(page_html, bilingual_site).split(" | ")
            shown = _shown(page_html)
            left = [
                message
                for lv, en in pairs
                if (en if lang == "en" else lv) not in scripts
                and "%(" not in (message := en if lang == "lv" else lv)
                and html.unescape(re.sub("<[^>]+>", "", message)) in shown
            ]
            assert not left, (path, left)


def test_the_scripts_texts_are_in_the_pages_language(bilingual_site):
    """The configurator's texts (and any other script's) word by word, placeholders and all."""
    pairs = _catalog_pairs()
    for lang, path in (("lv", "index.html"), ("en", "en/index.html")):
        page_html = (bilingual_site / path).read_text(encoding="utf-8")
        texts = _page_script_texts(page_html, bilingual_site)
        assert "Pirmajā mēnesī" in texts if lang == "lv" else "First month" in texts
        others = {part for lv, en in pairs for part in _parts(en if lang == "lv" else lv)}
        left = [part for part in others if re.search(rf"(?<!\w){re.escape(part)}(?!\w)", texts)]
        assert not left, (path, left)
        if lang == "en":
            assert not re.search("[āčēģīķļņšūž„]", texts, re.I), texts


# Letters only Latvian writes: none may show on an English page, but in the language switch
# (the name "Latviešu"), the owner's own facts (a name is a name) and the words listed here.
LATVIAN_LETTERS = re.compile(r"\S*[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]\S*")
ALLOWED_ON_ENGLISH: set[str] = set()
_READ_ALOUD = ("aria-label", "title", "placeholder", "alt", "content", "value")


def _shown_with_data(html_text: str) -> str:
    """What a visitor, a screen reader or a search engine gets from a page: its text, the
    attributes shown or read aloud, the data attributes the scripts show, the structured data;
    without the language switch."""
    tree = parse(html_text)
    for node in tree.css(".lang-switch"):
        node.decompose()
    parts = [
        value
        for node in tree.css("*")
        for name, value in node.attributes.items()
        if value and (name in _READ_ALOUD or name.startswith("data-"))
    ]
    parts += [
        text
        for node in tree.css('script[type="application/ld+json"]')
        for text in _strings(json.loads(node.text()))
    ]
    for node in tree.css("script, style"):
        node.decompose()
    parts.append(tree.root.text(separator=" "))
    return html.unescape(" ".join(parts))


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [text for value in values for text in _strings(value)]


def _owner_facts() -> list[str]:
    settings = runpy.run_path(str(FIXTURE_PROJECT / "pelicanconf.py"))
    return [str(value) for value in settings["OWNER"].values()]


@pytest.mark.parametrize("path", PAGES["en"])
def test_no_latvian_letters_on_english_pages(bilingual_site, path):
    shown = _shown_with_data((bilingual_site / path).read_text(encoding="utf-8"))
    for fact in _owner_facts():
        shown = shown.replace(fact, " ")
    latvian = sorted(set(LATVIAN_LETTERS.findall(shown)) - ALLOWED_ON_ENGLISH)
    assert not latvian, f"{path}: Latvian words on the English page: {latvian}"


def test_the_latvian_letter_check_finds_latvian_but_not_the_switch():
    page_html = (
        '<html lang="en"><head><meta name="description" content="Cenas ar PVN"></head><body>'
        '<ul class="lang-switch"><li><a href="/">Latviešu</a></li></ul><p>Prices</p>'
        '<button aria-label="Aizvērt">x</button><div data-unit="mēn."></div>'
        '<script type="application/ld+json">{"name": "Pārvaldīšana"}</script></body></html>'
    )
    found = set(LATVIAN_LETTERS.findall(_shown_with_data(page_html)))
    assert found == {"Aizvērt", "mēn.", "Pārvaldīšana"}


@pytest.fixture(scope="module")
def bilingual_web(bilingual_site) -> Iterator[str]:
    url, httpd = serve_folder(bilingual_site)
    yield url
    httpd.shutdown()
    httpd.server_close()


# What the scripts show once they ran: the visible text and what is read aloud.
_SHOWN_BY_SCRIPTS = """() => {
  document.querySelectorAll('.lang-switch').forEach(node => node.remove());
  const read = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')]
    .flatMap(node => ['aria-label', 'title', 'placeholder', 'alt'].map(a => node.getAttribute(a)));
  return document.body.innerText + ' ' + read.filter(Boolean).join(' ');
}"""


@pytest.mark.browser
def test_no_latvian_letters_on_the_english_page_as_its_scripts_show_it(bilingual_web, new_page):
    # An estimate with monthly and one-time parts, a package suggestion and a period: every
    # text the calculator writes, and the form's estimate summary.
    page, log = new_page(width=375)
    query = "content=2&community=1&reports=1&ads=1&positioning=1&months=3"
    page.goto(f"{bilingual_web}/en/?{query}", wait_until="networkidle")
    page.locator("#kontakti").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    shown = page.evaluate(_SHOWN_BY_SCRIPTS)
    for fact in _owner_facts():
        shown = shown.replace(fact, " ")
    latvian = sorted(set(LATVIAN_LETTERS.findall(shown)) - ALLOWED_ON_ENGLISH)
    assert not latvian, f"Latvian words on the English page: {latvian}"
    assert log.errors == []


def test_english_prices_and_settings(bilingual_site):
    tree = page(bilingual_site, "en/index.html")
    assert tree.css_first(".package-amount").text().startswith("€")
    assert tree.css_first(".brand").text() == "Social media management"
    assert "no cookies" in tree.css_first(".site-footer").text()
    data = json.loads(tree.css_first('script[type="application/ld+json"]').text())
    assert data["inLanguage"] == "en" and data["url"] == ORIGIN + "/en/"
    latvian = json.loads(
        page(bilingual_site, "index.html").css_first('script[type="application/ld+json"]').text()
    )
    assert latvian["inLanguage"] == "lv" and latvian["url"] == ORIGIN + "/"


def test_each_landing_page_shows_the_price_list_in_its_language(bilingual_site):
    for path, caption, names, package, includes in [
        (
            "index.html",
            "Cenas norādītas ar PVN. Reklāmu budžets nav iekļauts cenās un tiek saskaņots "
            "atsevišķi.",
            ["Sociālo tīklu virziens un pozicionējums", "Satura plāns un publicēšana"],
            "Pilna sociālo tīklu pārvaldīšana (pakete) 1",
            "Satura plāns un publicēšana: "
            "2\u00a0kanāli, 10\u00a0ieraksti katrā, 2\u00a0labojumu cikli",
        ),
        (
            "en/index.html",
            "Prices include VAT. The advertising budget is not included in the prices and is "
            "agreed separately.",
            ["Social media direction and positioning", "Content plan and publishing"],
            "Full social media management (package) 1",
            "Content plan and publishing: "
            "2\u00a0channels, 10\u00a0posts each, 2\u00a0revision rounds",
        ),
    ]:
        tree = page(bilingual_site, path)
        table = tree.css_first("table.prices")
        assert table.css_first("caption").text() == caption
        assert [th.text() for th in table.css("tbody th")][:2] == names
        assert tree.css_first(".package h3").text() == package
        assert tree.css_first(".package-includes li").text() == includes
    english = page(bilingual_site, "en/index.html")
    community = english.css_first("#cena-community")
    assert community.css_first(".price").text() == "€120\u00a0/\u00a0month"
    assert "Included – reply templates and tone of voice" in community.text()


def test_the_calculator_reads_its_language_s_catalog(bilingual_site):
    for path, url, name, unit in [
        ("index.html", "/data/pricing.json?v=", "Kopienas pārvaldīšana", "mēn."),
        ("en/index.html", "/data/pricing.en.json?v=", "Community management", "month"),
    ]:
        address = page(bilingual_site, path).css_first("#konfigurators").attributes["data-catalog"]
        assert address.startswith(url)
        catalog = json.loads(file_of(bilingual_site, address.split("?")[0]).read_text("utf-8"))
        community = catalog["services"][2]
        assert (community["id"], community["name"], community["unit"]) == (
            "community",
            name,
            unit,
        )
        assert community["price"] == 12000
    versions = [
        json.loads((bilingual_site / "data" / name).read_text("utf-8"))["version"]
        for name in ("pricing.json", "pricing.en.json")
    ]
    assert versions[0] == versions[1]  # the endpoint prices either with the same list


def test_structured_data_in_each_language(bilingual_site):
    for path, name, service, unit, area in [
        ("index.html", "Sociālo tīklu pārvaldīšana", "Kopienas pārvaldīšana", "mēn.", "Latvija"),
        ("en/index.html", "Social media management", "Community management", "month", "Latvia"),
    ]:
        data = json.loads(
            page(bilingual_site, path).css_first('script[type="application/ld+json"]').text()
        )
        assert data["name"] == name and data["areaServed"]["name"] == area
        offer = data["hasOfferCatalog"]["itemListElement"][2]
        assert offer["itemOffered"]["name"] == service
        spec = offer["priceSpecification"]
        assert (spec["unitText"], spec["unitCode"]) == (unit, "MON")


def test_a_published_language_without_a_price_list_text_builds_and_warns(tmp_path):
    project = copy_fixture_project(tmp_path / "site")
    pricing = project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    pricing.write_text(text.replace("      en: Community management\n", "", 1), encoding="utf-8")
    publish_languages(project, ["lv", "en"])
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    line = text.splitlines().index("      lv: Kopienas pārvaldīšana") + 1
    assert (
        f"pricing.yaml:{line}:7: services[community].name: trūkst angļu (en) teksta (pievienojiet "
        "rindu en: …); līdz tam lapās valodā 'en' redzams latviešu (lv) teksts, atrasts: teksti "
        "valodās: lv\n"
    ) in result.stderr
    english = (tmp_path / "out" / "en" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row"><span lang="lv">Kopienas pārvaldīšana</span></th>' in english


def test_sitemap_lists_every_language_with_alternates(bilingual_site):
    sitemap = (bilingual_site / "sitemap.xml").read_text(encoding="utf-8")
    for url in (ORIGIN + "/", ORIGIN + "/en/", ORIGIN + "/en/privacy-policy/"):
        assert f"<loc>{url}</loc>" in sitemap
    assert (
        f'<xhtml:link rel="alternate" hreflang="en" href="{ORIGIN}/en/privacy-policy/"/>' in sitemap
    )
    # Three pages, an article, a case study and their two lists, two languages each.
    assert sitemap.count('hreflang="x-default"') == 14
    assert "thank-you" not in sitemap
    robots = (bilingual_site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /en/thank-you/" in robots and "Disallow: /paldies/" in robots


def test_the_build_tells_the_endpoint_each_languages_pages(bilingual_site):
    data = json.loads((bilingual_site / "data" / "form-languages.json").read_text(encoding="utf-8"))
    assert data == {
        "default": "lv",
        "languages": {
            "lv": {"thanks_url": "/paldies/", "form_url": "/#kontakti"},
            "en": {"thanks_url": "/en/thank-you/", "form_url": "/en/#kontakti"},
        },
    }
    for lang, pages in data["languages"].items():
        assert file_of(bilingual_site, pages["thanks_url"]).is_file(), lang
        form = page(
            bilingual_site,
            str(file_of(bilingual_site, pages["form_url"]).relative_to(bilingual_site)),
        )
        assert form.css_first('#kontakti input[name="lang"]').attributes["value"] == lang


def test_an_unpublished_language_is_not_written(fixture_site):
    # The fixture has English content, but its LANGUAGES is Latvian only.
    assert not (fixture_site / "en").exists()
    assert 'hreflang="en"' not in (fixture_site / "index.html").read_text(encoding="utf-8")


def test_a_missing_thank_you_page_warns_and_the_form_thanks_in_the_default_language(tmp_path):
    """A page a published language lacks only warns (issue 24, tests/test_missing_translation.py):
    the English form then thanks on the Latvian page, never on a page that is not there."""
    project = copy_fixture_project(tmp_path / "site")
    (project / "content" / "pages" / "paldies.en.md").unlink()
    publish_languages(project, ["lv", "en"])
    result = build(project, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "paldies.md: brīdinājums: nav tulkojuma valodā 'en'" in result.stderr
    data = json.loads((tmp_path / "out" / "data" / "form-languages.json").read_text("utf-8"))
    assert data["languages"]["en"]["thanks_url"] == "/paldies/"
    assert data["languages"]["en"]["form_url"] == "/en/#kontakti"


def russian(project: Path) -> None:
    """Content and a catalog for a tiny Russian made from the English fixture."""
    for source in sorted((project / "content").rglob("*.en.md")):
        text = source.read_text(encoding="utf-8").replace("Lang: en", "Lang: ru")
        text = re.sub(r"^Title: (.*)$", r"Title: Русский: \1", text, count=1, flags=re.M)
        text = (
            text.replace("en/thank-you/", "ru/spasibo/")
            .replace("en/privacy-policy/", "ru/privacy/")
            .replace("en/faq/", "ru/voprosy/")
            .replace("en/articles/", "ru/articles/")
            .replace("en/case-studies/", "ru/case-studies/")
        )
        source.with_name(source.name.replace(".en.md", ".ru.md")).write_text(text, encoding="utf-8")
    catalogs = project.parents[2] / "theme" / "translations"  # the copy's theme
    po = catalog_path(catalogs, "ru")
    po.parent.mkdir(parents=True)
    shutil.copy(catalog_path(catalogs, "en"), po)
    text = po.read_text(encoding="utf-8").replace(
        'msgstr "Copy link"', 'msgstr "Копировать ссылку"'
    )
    # Russian has three plural forms (one, few, many): a catalog gives each.
    text = re.sub(
        r'msgstr\[0\] "For %\(n\)s&nbsp;month"\nmsgstr\[1\] "For %\(n\)s&nbsp;months"',
        'msgstr[0] "За %(n)s&nbsp;месяц"\nmsgstr[1] "За %(n)s&nbsp;месяца"\n'
        'msgstr[2] "За %(n)s&nbsp;месяцев"',
        text,
    )
    po.write_text(text, encoding="utf-8")
    # Every other plural message keeps its English words, its last form for the third.
    with po.open("rb") as file:
        catalog = read_po(file, locale="ru")
    for message in catalog:
        if isinstance(message.string, tuple) and message.string[1]:
            message.string = tuple(form or message.string[1] for form in (*message.string, ""))[:3]
    with po.open("wb") as file:
        write_po(file, catalog)


def add_texts(pricing: Path, lang: str, prefix: str) -> None:
    """A text in ``lang`` after every English one in the price list: ``prefix`` and the English."""
    text = pricing.read_text(encoding="utf-8")
    added = re.sub(r"^( *)en: (.*)$", rf"\g<0>\n\1{lang}: {prefix} \2", text, flags=re.M)
    pricing.write_text(added, encoding="utf-8")


def test_a_third_language_builds_with_no_code_change(tmp_path):
    # Content, a catalog and one line of settings: a tiny Russian made from the English fixture.
    project = copy_fixture_project(tmp_path / "site")
    russian(project)
    # The price list's texts are content too: a Russian text beside each English one.
    add_texts(project / "pricing.yaml", "ru", "Ру")
    publish_languages(project, ["lv", "en", "ru"])
    output = tmp_path / "out"
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    landing = (output / "ru" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in landing and "Копировать ссылку" in landing
    assert 'hreflang="ru" href="http://127.0.0.1:8000/ru/"' in landing
    [texts] = script_data(landing, output)
    assert texts["period"] == {
        "one": "За {n}\u00a0месяц",
        "few": "За {n}\u00a0месяца",
        "other": "За {n}\u00a0месяцев",
    }
    assert (output / "ru" / "spasibo" / "index.html").is_file()
    assert (output / "ru" / "voprosy" / "index.html").is_file()  # the FAQ page
    assert 'href="/ru/voprosy/#cik-atri-parasti-paradas-rezultati"' in landing
    form_languages = json.loads((output / "data" / "form-languages.json").read_text("utf-8"))
    assert form_languages["languages"]["ru"] == {
        "thanks_url": "/ru/spasibo/",
        "form_url": "/ru/#kontakti",
    }
    assert 'hreflang="ru"' in (output / "en" / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Ру Community management</th>' in landing
    catalog = json.loads((output / "data" / "pricing.ru.json").read_text(encoding="utf-8"))
    assert catalog["services"][2]["name"] == "Ру Community management"


def test_a_third_language_without_its_price_list_texts_builds_with_the_latvian_ones(tmp_path):
    project = copy_fixture_project(tmp_path / "site")
    russian(project)
    publish_languages(project, ["lv", "ru"])
    output = tmp_path / "out"
    result = build(project, output)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said
    # The fixture's vat_note: its texts (lv:, en:) on the two lines after it, at column 3.
    line = (project / "pricing.yaml").read_text("utf-8").splitlines().index("vat_note:") + 2
    [warning] = [text for text in result.stderr.splitlines() if f"pricing.yaml:{line}:" in text]
    assert warning.startswith("brīdinājums: ")
    assert warning.endswith(
        f"pricing.yaml:{line}:3: vat_note: trūkst krievu (ru) teksta (pievienojiet rindu ru: …); "
        "līdz tam lapās valodā 'ru' redzams latviešu (lv) teksts, atrasts: teksti valodās: lv, en"
    )
    landing = (output / "ru" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in landing
    assert '<th scope="row"><span lang="lv">Kopienas pārvaldīšana</span></th>' in landing
    catalog = json.loads((output / "data" / "pricing.ru.json").read_text(encoding="utf-8"))
    assert catalog["services"][2]["name"] == "Kopienas pārvaldīšana"
    assert catalog["services"][2]["langs"] == {"name": "lv"}
    latvian = (output / "index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Kopienas pārvaldīšana</th>' in latvian  # in its own language
