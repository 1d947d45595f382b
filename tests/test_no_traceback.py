"""No Python traceback reaches the owner (issue 24): a settings file that does not parse, a port
already in use, an inquiry database that cannot be read, a program that is missing, and a bug.
Each is one or two Latvian lines, with the file and line where there is one and what to do;
the traceback is in var/log/last-error.log (or on stderr with ``quote --debug``)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from quote.cli import main
from tests.support import (
    copy_fixture_project,
    fill_in_owner,
    free_port,
    run_make,
    run_quote,
    wait_for_http,
    wait_until,
)
from tests.support.commands import owner_environment


def assert_no_traceback(text: str) -> None:
    for sign in ("Traceback", 'File "', "^^^"):
        assert sign not in text, text


def settings_line(project: Path, start: str) -> int:
    """The number of the line of the fixture's pelicanconf.py that starts with ``start``."""
    lines = (project / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def break_settings(project: Path, start: str, replacement: str) -> int:
    """Replace the line of pelicanconf.py starting with ``start``; returns its number."""
    settings = project / "pelicanconf.py"
    number = settings_line(project, start)
    lines = settings.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[number - 1] = replacement + "\n"
    settings.write_text("".join(lines), encoding="utf-8")
    return number


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_fixture_project(tmp_path / "project")
    fill_in_owner(project)
    return project


def test_settings_that_do_not_parse_are_one_line_at_the_line_to_change(project):
    # A missing quote, the example.
    line = break_settings(project, "SITENAME = ", 'SITENAME = Sociālo tīklu pārvaldīšana"')
    expected = (
        f"pelicanconf.py:{line}: Python sintakses kļūda: teksts nav noslēgts: trūkst pēdiņas."
    )
    for result in (run_make("build", project), run_make("publish", project)):
        assert result.returncode != 0
        assert_no_traceback(result.stdout + result.stderr)
        assert expected in result.stderr
    check = run_quote("check", cwd=project)
    assert check.returncode == 1
    assert_no_traceback(check.stdout + check.stderr)
    assert expected in check.stderr
    assert not (project / "preview").exists() and not (project / "output").exists()


def test_a_text_without_quotes_names_the_word_and_the_line(project):
    line = break_settings(project, "SITENAME = ", "SITENAME = Pārvaldīšana")
    result = run_make("build", project)
    assert result.returncode != 0
    assert_no_traceback(result.stderr)
    assert (
        f"pelicanconf.py:{line}: nezināms nosaukums Pārvaldīšana; ja tas ir teksts, "
        "ielieciet to pēdiņās."
    ) in result.stderr


def test_pelican_s_own_traceback_goes_to_the_log(project):
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nJINJA_FILTERS = "daudz"\n', encoding="utf-8"
    )
    result = run_make("build", project)
    assert result.returncode != 0
    assert_no_traceback(result.stdout + result.stderr)
    assert "Pilns kļūdas apraksts: var/log/last-error.log" in result.stderr
    assert "Traceback (most recent call last)" in (project / "var/log/last-error.log").read_text(
        encoding="utf-8"
    )


def test_the_preview_banner_shows_the_latvian_line_not_the_traceback(project, tmp_path):
    port = free_port()
    env = {"QUOTE_DB": str(tmp_path / "db.sqlite3"), "QUOTE_MAIL_DIR": str(tmp_path / "mail")}
    process = subprocess.Popen(
        [sys.executable, "-m", "quote.cli", "serve", "--port", str(port)],
        cwd=project,
        env=owner_environment(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for_http(url, timeout=120, process=process)
        wait_until(lambda: "<h1" in fetch(url), timeout=120, step=0.2, what="the first build")
        line = break_settings(project, "SITENAME = ", 'SITENAME = "Sociālo tīklu pārvaldīšana')
        banner = wait_until(
            lambda: "quote-preview-errors" in (page := fetch(url)) and page,
            timeout=120,
            step=0.2,
            what="the banner",
        )
    finally:
        process.terminate()
        process.wait(timeout=20)
    start = banner.index('id="quote-preview-errors"')
    text = banner[start : banner.index("</div>", start)]
    assert f"pelicanconf.py:{line}: Python sintakses kļūda: teksts nav noslēgts" in text
    assert_no_traceback(text)
    assert text.count("<li>") == 1


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_a_port_in_use_is_two_latvian_lines_for_quote_serve_and_make_serve(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        serve = run_quote("serve", "--port", str(port), "--no-build", cwd=project)
        make = run_make("serve", project, f"PORT={port}")
    expected = f"Ports {port} adresē 127.0.0.1 jau ir aizņemts: varbūt make serve jau darbojas"
    for result in (serve, make):
        assert result.returncode != 0
        assert_no_traceback(result.stdout + result.stderr)
        assert expected in result.stderr
        assert f"make serve PORT={port + 1}." in result.stderr
    assert serve.returncode == 1
    assert make.stderr.splitlines()[-2].startswith("make serve: priekšskatījums apstājās")


@pytest.mark.parametrize("how", ["corrupt", "a folder", "half a header"])
@pytest.mark.parametrize("subcommand", [["list"], ["export"], ["export", "--format", "json"]])
def test_an_unreadable_database_is_two_latvian_lines(tmp_path, how, subcommand):
    db = tmp_path / "inquiries.sqlite3"
    if how == "corrupt":
        db.write_bytes(os.urandom(8192))
    elif how == "a folder":
        db.mkdir()
    else:
        db.write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + os.urandom(64))
    db.chmod(0o700 if db.is_dir() else 0o600)  # owner-only already: nothing to tighten
    tmp_path.chmod(0o700)
    before = sorted(p.name for p in tmp_path.iterdir())
    content = db.read_bytes() if db.is_file() else None
    result = run_quote("inquiries", *subcommand, "--db", str(db), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert_no_traceback(result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    if how == "a folder":
        assert lines[0] == f"Datubāzes vietā ir mape: {db}."
    else:
        assert lines[0] == (
            f"Datubāzi {db} nevar nolasīt: tā ir bojāta vai nav pieprasījumu datubāze."
        )
    assert lines[1].startswith("Pārbaudiet datubāzes ceļu (QUOTE_DB vai --db)")
    # Nothing changed: no file beside it, the file itself as it was.
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if content is not None:
        assert db.read_bytes() == content


def test_a_missing_program_says_which_and_how_to_install_it(project, tmp_path):
    # An environment like the project's, but without Pelican's command.
    venv = Path(sys.prefix)
    bare = tmp_path / "venv"
    (bare / "bin").mkdir(parents=True)
    shutil.copy(venv / "pyvenv.cfg", bare / "pyvenv.cfg")
    (bare / "lib").symlink_to(venv / "lib", target_is_directory=True)
    (bare / "bin" / "python").symlink_to(Path(sys.executable))
    result = subprocess.run(
        [str(bare / "bin" / "python"), "-m", "quote.site.builds", "--link", "preview"],
        cwd=project,
        env=owner_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert_no_traceback(result.stdout + result.stderr)
    assert result.stderr.splitlines()[0] == (
        "Programma pelican nav atrasta. Uzstādiet vidi ar make install un mēģiniet vēlreiz."
    )


def test_a_build_that_cannot_write_its_folder_is_two_latvian_lines(project):
    (project / ".builds").write_text("ne mape\n", encoding="utf-8")  # where builds go
    result = run_make("build", project)
    assert result.returncode != 0
    assert_no_traceback(result.stdout + result.stderr)
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "Būvēšana apstājās ar negaidītu kļūdu (.builds/preview: ceļā ir fails tur, kur "
        "vajadzīga mape)."
    )
    assert lines[1] == (
        "Pilns kļūdas apraksts ierakstīts failā var/log/last-error.log; nosūtiet to izstrādātājam."
    )
    assert "Traceback" in (project / "var" / "log" / "last-error.log").read_text("utf-8")


def test_a_bug_is_two_lines_and_its_traceback_in_the_log(tmp_path, monkeypatch, capsys):
    import quote.commands.diff

    def broken(path, *args, **kwargs):
        raise RuntimeError("kaut kas salūza")

    monkeypatch.setattr(quote.commands.diff, "load_price_list", broken)
    monkeypatch.chdir(tmp_path)
    assert main(["diff"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "quote: negaidīta kļūda (RuntimeError: kaut kas salūza).",
        "Pilns kļūdas apraksts ierakstīts failā var/log/last-error.log (quote --debug …); "
        "nosūtiet to izstrādātājam.",
    ]
    log = (tmp_path / "var" / "log" / "last-error.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log and "kaut kas salūza" in log
    with pytest.raises(RuntimeError, match="kaut kas salūza"):
        main(["--debug", "diff"])
    # --debug holds for that run only.
    assert main(["diff"]) == 1
