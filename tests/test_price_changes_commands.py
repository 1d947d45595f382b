"""`quote check` warnings and `quote diff` against the last `make publish`, on a scratch copy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support import BIN, copy_fixture_project, fill_in_owner

NB = "\u00a0"
EUR = f"{NB}€"
PCT = "\u00a0%"
PUBLISH = ("--settings", "publishconf.py", "--link", "output")  # what `make publish` runs
CONSULTATION = """  - id: consultation
    name:
      lv: Digitālā mārketinga konsultācija (1:1)
      en: Digital marketing consultation (1:1)
    billing: once
    quantity: true
    unit:
      lv: st.
      en: hour
    price: 80
"""


def quote(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "quote"), *args], cwd=project, capture_output=True, text=True, timeout=60
    )


def edit(project: Path, old: str, new: str) -> None:
    pricing = project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    pricing.write_text(text.replace(old, new), encoding="utf-8")


def remove_consultation(project: Path) -> None:
    pricing = project / "pricing.yaml"
    text = pricing.read_text(encoding="utf-8")
    start = text.index(CONSULTATION)
    end = text.index("  - id: full-package")
    pricing.write_text(text[:start] + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    project = copy_fixture_project(tmp_path_factory.mktemp("published") / "p")
    fill_in_owner(project)
    result = subprocess.run(
        [str(BIN / "python"), "-m", "quote.site.builds", *PUBLISH],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(published, tmp_path) -> Path:
    """A copy of the published project whose pricing.yaml a test may edit."""
    root = published.parents[2]  # the fixture's settings read the project's around it
    subprocess.run(["cp", "-a", str(root), str(tmp_path / "root")], check=True)
    return tmp_path / "root" / published.relative_to(root)


def test_no_warning_and_no_difference_right_after_a_publish(project):
    check = quote(project, "check")
    assert check.returncode == 0 and "brīdinājums" not in check.stderr
    diff = quote(project, "diff")
    assert diff.returncode == 0
    assert diff.stdout == "Cenas nav mainījušās kopš pēdējās publicēšanas.\n"


def test_check_warns_about_a_dear_package_a_removed_id_and_a_new_vat_rate(project):
    edit(project, "        price: 950\n", "        price: 1230\n")  # = 600 + 450 + 120 + 60
    remove_consultation(project)
    edit(project, "vat_rate: 0.21\n", "vat_rate: 0.22\n")
    check = quote(project, "check")
    assert check.returncode == 0, check.stderr  # warnings never fail
    warnings = [line for line in check.stderr.splitlines() if line.startswith("brīdinājums: ")]
    assert warnings == [
        f"brīdinājums: services[full-package].tiers[3]: paketes cena 1{NB}230{EUR} nav mazāka "
        f"par tās daļu summu 1{NB}230{EUR} (content 3 600{EUR}, ads 3 450{EUR}, community "
        f"120{EUR}, reports 60{EUR}); konfigurators to nekad neieteiks",
        "brīdinājums: services[consultation]: pakalpojums 'consultation' („Digitālā mārketinga "
        "konsultācija (1:1)”) ir publicētajā vietnē, bet šajā cenrādī tā nav; vecās saites ar "
        "consultation=… to zaudēs, piemēram https://www.berzina.lv/?consultation=1&months=3",
        # 250 € / 1.21 = 206.61; / 1.22 = 204.92
        f"brīdinājums: vat_rate: PVN likme mainīta no 21{PCT} uz 22{PCT}; mainās visas cenas bez "
        f"PVN, piemēram, Sociālo tīklu virziens un pozicionējums: 206,61{EUR} → 204,92{EUR} bez "
        f"PVN (250{EUR} → 250{EUR} ar PVN)",
    ]


def test_diff_lists_every_changed_price_with_and_without_vat(project):
    edit(project, "        price: 600\n", "        price: 640\n")
    edit(project, "        price: 950\n", "        price: 1230\n")
    remove_consultation(project)
    diff = quote(project, "diff")
    assert diff.returncode == 0, diff.stderr
    # 600/1.21 = 495.87, 640/1.21 = 528.93, 950/1.21 = 785.12, 1230/1.21 = 1016.53
    assert diff.stdout.splitlines() == [
        f"~ Satura plāns un publicēšana, 3 [content/3]: 600{EUR} → 640{EUR} ar PVN; "
        f"495,87{EUR} → 528,93{EUR} bez PVN",
        f"~ Pilna sociālo tīklu pārvaldīšana (pakete), 3 [full-package/3]: 950{EUR} → "
        f"1{NB}230{EUR} ar PVN; 785,12{EUR} → 1{NB}016,53{EUR} bez PVN",
        f"- Digitālā mārketinga konsultācija (1:1) [consultation]: 80{EUR} ar PVN — vairs nav "
        "cenrādī",
    ]


def test_diff_without_a_published_build_says_so_and_succeeds(tmp_path):
    # Before the first publish there is nothing to compare with: not a mistake (issue 24).
    project = copy_fixture_project(tmp_path / "p")
    diff = quote(project, "diff")
    assert diff.returncode == 0, diff.stderr
    assert "Nav publicētas versijas" in diff.stdout and "make publish" in diff.stdout
    assert diff.stderr == ""


def test_a_build_shows_the_warnings_and_still_succeeds(project, tmp_path):
    edit(project, "        price: 950\n", "        price: 1230\n")
    result = subprocess.run(
        [str(BIN / "pelican"), "content", "-s", "pelicanconf.py", "-o", str(tmp_path / "out")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "brīdinājums: services[full-package].tiers[3]: paketes cena" in result.stderr
