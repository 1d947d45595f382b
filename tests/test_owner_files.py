"""The owner's own pricing.yaml and content/: they build and `quote check` accepts them.

These files are the owner's data and change: nothing here checks their values or wording (the
code's tests run on tests/fixtures/site). The second test makes the edits an owner makes, on a
scratch copy (a changed price, a new service, a new tier, a new FAQ question, a new landing
section), and runs the owner's checks on it: the build and `quote check` stay green.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from quote.pricing.model import load_price_list
from tests.support import BIN, ROOT, build, copy_project, in_each_language, write_copy


def quote_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "quote"), "check"], cwd=project, capture_output=True, text=True, timeout=60
    )


def test_the_owner_files_build_and_pass_quote_check(site):
    assert (site / "index.html").is_file()
    assert (site / "data" / "pricing.json").is_file()
    result = quote_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert "pricing.yaml: kļūdu nav" in result.stdout


def edit_price_list(project: Path) -> dict[str, str]:
    """Make an owner's edits through the data (whatever the file's layout), each new text in
    every published language; returns what to look for afterwards in Latvian: the new
    service's name and the new tier's summary."""
    pricing = project / "pricing.yaml"
    data = yaml.safe_load(pricing.read_text(encoding="utf-8"))
    services = data["services"]
    priced = next(s for s in services if "price" in s)
    priced["price"] += 20
    tiered = next(s for s in services if s.get("tiers") and not s.get("package"))
    tier_ids = {str(t["id"]) for t in tiered["tiers"]}
    new_tier_id = next(str(n) for n in range(2, 100) if str(n) not in tier_ids)
    tiered["tiers"].append(
        {
            "id": new_tier_id,
            "price": tiered["tiers"][-1]["price"] + 100,
            "summary": in_each_language(
                project,
                "jauns līmenis: 5 kanāli, 12 ieraksti katrā",
                "new tier: 5 channels, 12 posts each",
            ),
        }
    )
    service_ids = {s["id"] for s in services}
    new_id = next(f"jauns-{n}" for n in range(1, 100) if f"jauns-{n}" not in service_ids)
    services.append(
        {
            "id": new_id,
            "name": in_each_language(
                project, "Jauns pakalpojums: video montāža", "New service: video editing"
            ),
            "billing": "once",
            "price": 175,
            "description": [
                in_each_language(
                    project,
                    "Īsu video montāža sociālajiem tīkliem.",
                    "Editing short videos for social media.",
                )
            ],
        }
    )
    pricing.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )
    return {"service": "Jauns pakalpojums: video montāža", "tier": "jauns līmenis: 5 kanāli"}


def test_an_owner_s_edits_keep_the_build_and_quote_check_green(tmp_path):
    project = copy_project(tmp_path / "project")
    before = load_price_list(project / "pricing.yaml")
    expect = edit_price_list(project)
    write_copy(
        project,
        "content/faq/95-jauns-jautajums.md",
        "Title: Vai var sākt ar vienu mēnesi?\nSlug: vai-var-sakt-ar-vienu-menesi\n\n"
        "Jā, pirmais mēnesis ir izmēģinājuma periods.\n",
        "Title: Can we start with one month?\nSlug: vai-var-sakt-ar-vienu-menesi\n\n"
        "Yes, the first month is a trial period.\n",
    )
    write_copy(
        project,
        "content/landing/95-jauna-sadala.md",
        "Title: Jauna sadaļa par sadarbību\nLayout: text\nAnchor: jauna-sadala\n\n"
        "Šo sadaļu īpašnieks pievienoja pats.\n",
        "Title: A new section about working together\nLayout: text\nAnchor: jauna-sadala\n\n"
        "The owner added this section herself.\n",
    )

    checked = quote_check(project)
    assert checked.returncode == 0, checked.stderr
    assert expect["service"] in checked.stdout
    assert expect["tier"] in checked.stdout
    after = load_price_list(project / "pricing.yaml")
    assert len(after.services) == len(before.services) + 1

    output = tmp_path / "output"
    result = build(project, output)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (output / "index.html").read_text(encoding="utf-8")
    for text in (
        expect["service"],
        expect["tier"],
        "Vai var sākt ar vienu mēnesi?",
        "Jauna sadaļa par sadarbību",
    ):
        assert text in html, text
    assert after.version in html  # the configurator loads the new catalog
