"""The source watcher of `quote serve`: which saves start a rebuild (real inotify through
watchfiles, on a scratch folder shaped like the project)."""

from __future__ import annotations

import os
import threading

import pytest
import watchfiles

from quote.site.watch import SOURCE_FILTER, Watcher, is_watched_file
from tests.support import wait_until


@pytest.fixture
def project(tmp_path):
    for folder in ("content/faq", "theme/static", "plugins", ".venv/lib", ".builds/1"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "pricing.yaml").write_text("vat_rate: 21\n", encoding="utf-8")
    (tmp_path / "content" / "faq" / "10-a.md").write_text("Title: A\n", encoding="utf-8")
    return tmp_path


class Calls:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self):
        with self.lock:
            self.count += 1


@pytest.fixture
def watched(project):
    calls = Calls()
    watcher = Watcher(project, calls)
    watcher.start()
    yield calls
    watcher.stop()


def test_a_saved_page_and_a_new_folder_file_are_seen(project, watched):
    (project / "content" / "faq" / "10-a.md").write_text("Title: B\n", encoding="utf-8")
    wait_until(lambda: watched.count >= 1, timeout=10)
    seen = watched.count
    (project / "plugins" / "new.py").write_text("x = 1\n", encoding="utf-8")
    wait_until(lambda: watched.count > seen, timeout=10)


def test_a_price_list_saved_by_renaming_a_new_file_over_it_is_seen_twice(project, watched):
    # How many editors save: write a temporary file, then rename it over the old one. A watch
    # on the file itself would be lost with the first rename.
    for number in (1, 2):
        temporary = project / f".pricing.yaml.{number}.tmp"
        temporary.write_text(f"vat_rate: {20 + number}\n", encoding="utf-8")
        os.replace(temporary, project / "pricing.yaml")
        wait_until(lambda n=number: watched.count >= n, timeout=10)


@pytest.mark.parametrize(
    ("path", "counts"),
    [
        ("content/faq/10-a.md", True),
        ("theme/static/site.css", True),
        ("content/faq/.10-a.md.swp", False),  # an editor's swap file
        ("content/faq/10-a.md~", False),  # an editor's backup
        ("plugins/__pycache__/landing.cpython-311.pyc", False),  # Python's, on import
    ],
)
def test_what_in_the_folders_counts_as_a_source(project, path, counts):
    assert SOURCE_FILTER(watchfiles.Change.modified, str(project / path)) is counts


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("pricing.yaml", True),
        ("pelicanconf.py", True),
        ("publishconf.py", True),
        (".pricing.yaml.1.tmp", False),
        ("README.md", False),
    ],
)
def test_what_in_the_project_folder_counts_as_a_source(project, name, counts):
    assert is_watched_file(watchfiles.Change.added, str(project / name)) is counts
