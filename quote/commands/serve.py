"""`quote serve`: build the site, serve it and the contact endpoint, rebuild on change.

The preview (quote.site.preview) always serves the newest good build, never cached; while the last
build failed every page carries its errors, and pages reload themselves after each build.
"""

from __future__ import annotations

from pathlib import Path

import click

from quote.commands.common import server_options


@click.command(
    "serve", short_help="serve the site and the contact endpoint on one port, rebuilding on change"
)
@server_options(port=8000)
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path.cwd,
    help="folder with pelicanconf.py",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="site folder (default: preview/, a link to the newest good build)",
)
@click.option("--no-build", is_flag=True, help="serve the output folder as it is")
@click.option("--no-watch", is_flag=True, help="do not rebuild on change")
def command(
    host: str,
    port: int,
    threads: int,
    project: Path,
    output: Path | None,
    no_build: bool,
    no_watch: bool,
) -> int:
    """Serve the built site and the contact endpoint on one port, rebuilding on change."""
    from quote.site.preview import Preview, PreviewBuilder, preview_app
    from quote.site.server import serve_endpoint
    from quote.site.watch import Watcher

    project = project.resolve()
    output = (output or project / "preview").absolute()
    watcher = None
    builder = None if no_build else PreviewBuilder(project, output)

    def wrap(api):
        if builder is None:
            output.mkdir(parents=True, exist_ok=True)
            return preview_app(Preview(output.resolve()), api, live=False)
        return preview_app(builder.preview, api, live=True)

    def ready(origin: str) -> None:
        # After the settings were checked (a mistake stops at once) and before the first request.
        nonlocal watcher
        if builder is not None:
            # The watcher's first look comes before the first build, so an edit saved while
            # that build runs is built next.
            if not no_watch:
                watcher = Watcher(project, builder.rebuild)
            builder.rebuild()
            if watcher:
                watcher.start()
        click.echo(f"Serving {output} and the contact endpoint on {origin}/")

    try:
        serve_endpoint(host, port, wrap=wrap, ready=ready, threads=threads, site=output)
    finally:
        if watcher:
            watcher.stop()
    return 0
