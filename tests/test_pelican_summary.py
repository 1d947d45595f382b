"""Pelican's closing line of a build is shown in Latvian (issue 24: every build and `make serve`
printed "Done: Processed 0 articles, …" in English)."""

from __future__ import annotations

import subprocess
import sys

from quote.site.pelican_summary import in_latvian
from tests.support import ROOT, copy_fixture_project


def test_the_line_pelican_ends_with_is_said_in_latvian_with_what_was_built():
    # As pelican/__init__.py words it, singular for 1 and plural otherwise.
    assert in_latvian(
        "Done: Processed 0 articles, 0 drafts, 0 hidden articles, 6 pages, 0 hidden pages and "
        "0 draft pages in 1.83 seconds.\n"
    ) == ("Gatavs: 6 lapas, 1,83 s.\n")
    assert in_latvian(
        "pirms\nDone: Processed 1 article, 2 drafts, 1 hidden article, 21 pages, 1 hidden page "
        "and 11 draft pages in 0.40 seconds.\npēc\n"
    ) == (
        "pirms\nGatavs: 1 raksts, 2 rakstu melnraksti, 1 slēpts raksts, 21 lapa, 1 slēpta lapa, "
        "11 lapu melnraksti, 0,40 s.\npēc\n"
    )


def test_a_line_pelican_words_otherwise_is_left_as_it_is():
    line = "Done: Processed 3 widgets and 0 pages in 0.10 seconds.\n"
    assert in_latvian(line) == line
    assert in_latvian("Done: something else\n") == "Done: something else\n"


def test_make_builds_own_output_has_no_english_summary(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quote.site.builds",
            *("--settings", "pelicanconf.py", "--link", "preview"),
        ],
        cwd=project,
        env={"PYTHONPATH": str(ROOT), "PATH": str(ROOT / ".venv" / "bin") + ":/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "Done:" not in output and "Processed" not in output
    assert "Gatavs: " in output and " lapas, " in output
