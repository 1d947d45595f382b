"""How a save reaches the page open in `quote serve` (issue 24: within about 1 s of the save,
measured by `make bench`, docs/bench.md): the build's Pelican process is started ahead, with its
imports done, and the page is told of the build at once on its open event stream, or asks again
within 250 ms. Wall-clock times are the bench's; these tests check the mechanism."""

from __future__ import annotations

from pathlib import Path

import pytest

from quote.site.preview import Preview, PreviewBuilder, preview_app
from quote.site.preview.app import EVENTS_PATH
from tests.support import copy_fixture_project

NBSP = "\u00a0"
# tests/fixtures/site/pricing.yaml, line 86: the price of the third tier of "content".
PRICE_LINE = 86


def set_price(project: Path, euros: str) -> None:
    pricing = project / "pricing.yaml"
    lines = pricing.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[PRICE_LINE - 1].startswith("        price: "), lines[PRICE_LINE - 1]
    lines[PRICE_LINE - 1] = f"        price: {euros}\n"
    pricing.write_text("".join(lines), encoding="utf-8")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def builder(tmp_path):
    project = copy_fixture_project(tmp_path / "project")
    builder = PreviewBuilder(project, project / "preview")
    yield builder
    builder.close()


def test_each_build_runs_in_the_pelican_process_started_ahead_and_starts_the_next(builder):
    assert builder.rebuild()
    first = builder.pelican.wait_ready()  # started after the build, its imports done
    set_price(builder.project, "640")
    assert builder.rebuild()
    page = (builder.link / "index.html").read_text(encoding="utf-8")
    assert f"640{NBSP}€" in page
    assert not alive(first)  # it built, and ended
    second = builder.pelican.wait_ready()
    assert second != first and alive(second)
    builder.close()
    assert not alive(second)


def test_a_plugin_edited_while_the_process_waited_is_the_one_built_with(builder):
    """Nothing the owner edits is imported ahead: a stale plugin or setting would be built."""
    assert builder.rebuild()
    builder.pelican.wait_ready()
    plugin = builder.project.parents[2] / "plugins" / "pricing" / "__init__.py"
    marker = builder.project / "plugin-edit-seen"
    with plugin.open("a", encoding="utf-8") as source:
        source.write(f"\nopen({str(marker)!r}, 'w').close()\n")
    settings = builder.project / "pelicanconf.py"
    with settings.open("a", encoding="utf-8") as source:
        source.write('\nSITENAME = "Pēc gaidīšanas mainīts"\n')
    assert builder.rebuild()
    assert marker.exists()
    page = (builder.link / "index.html").read_text(encoding="utf-8")
    assert "Pēc gaidīšanas mainīts" in page


def test_a_failed_build_in_the_warm_process_is_reported_as_before(builder):
    set_price(builder.project, "")
    assert not builder.rebuild()
    errors = builder.preview.current().errors
    assert any("services[content].tiers[3].price" in line for line in errors), errors
    set_price(builder.project, "650")
    assert builder.rebuild() and not builder.preview.current().errors


def events(app, generator_list: list) -> object:
    environ = {"PATH_INFO": EVENTS_PATH, "REQUEST_METHOD": "GET"}
    stream = iter(app(environ, lambda status, headers: None))
    generator_list.append(stream)
    return stream


def test_an_open_page_is_told_of_a_build_at_once_and_asks_again_within_250_ms(tmp_path):
    preview = Preview(tmp_path)
    app = preview_app(preview, api_app=None, live=True)
    opened: list = []
    streams = [events(app, opened) for _ in range(4)]
    greetings = [next(stream).decode() for stream in streams]
    retry = int(greetings[0].split("\n")[0].removeprefix("retry: "))
    assert retry <= 250 and all(g == f"retry: {retry}\ndata: 0\n\n" for g in greetings)
    # A fifth page finds every stream taken: one answer, then it polls at the same pace.
    extra = events(app, opened)
    assert next(extra).decode() == f"retry: {retry}\ndata: 0\n\n"
    with pytest.raises(StopIteration):
        next(extra)
    preview.succeeded(tmp_path)  # a build: pushed on every open stream, no reconnect needed
    assert [next(stream).decode() for stream in streams] == ["data: 1\n\n"] * 4
    for stream in opened:
        stream.close()
