"""`quote serve`: build the site, serve it and the contact endpoint, rebuild on change."""

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
    "--output", type=click.Path(path_type=Path), default=None, help="site folder (default: output/)"
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
    from quote.server import serve_endpoint, site_app
    from quote.site_build import Watcher, run_build

    project = project.resolve()
    output = (output or project / "output").resolve()
    watcher = None

    def ready(origin: str) -> None:
        # After the settings were checked (a mistake stops at once) and before the first request.
        nonlocal watcher
        if not no_build and not run_build(project, output):
            click.echo(
                "quote serve: the build failed; fix the error above and save again.", err=True
            )
        output.mkdir(parents=True, exist_ok=True)
        if not no_build and not no_watch:
            watcher = Watcher(project, lambda: run_build(project, output))
            watcher.start()
        click.echo(f"Serving {output} and the contact endpoint on {origin}/")

    try:
        serve_endpoint(
            host, port, wrap=lambda api: site_app(output, api), ready=ready, threads=threads
        )
    finally:
        if watcher:
            watcher.stop()
    return 0
