"""`quote serve`: build the site, serve it and the contact endpoint, rebuild on change.

The preview (quote.site.preview) always serves the newest good build, never cached; while the last
build failed every page carries its errors, and pages reload themselves after each build. At
start it says where this server's notifications go, and warns while the published site's
settings (deploy/contact.env) name no SMTP server (quote/contact/mail_mode.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from quote.commands.common import server_options
from quote.contact.mail_mode import published_warning


@click.command("serve", short_help="rādīt vietni pārlūkā un pārbūvēt to pēc katras izmaiņas")
@server_options(port=8000)
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path.cwd,
    help="mape ar pelicanconf.py (pēc noklusējuma pašreizējā mape)",
)
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="vietnes mape (pēc noklusējuma preview/, saite uz jaunāko izdevušos būvējumu)",
)
@click.option("--no-build", is_flag=True, help="nebūvēt: rādīt vietnes mapi, kāda tā ir")
@click.option("--no-watch", is_flag=True, help="nepārbūvēt pēc izmaiņām")
def command(
    host: str,
    port: int,
    threads: int,
    project: Path,
    output: Path | None,
    no_build: bool,
    no_watch: bool,
) -> int:
    """Rāda vietni un kontaktformu vienā portā (pēc noklusējuma http://127.0.0.1:8000/) un
    pārbūvē vietni pēc katras izmaiņas saturā, cenrādī vai iestatījumos."""
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
            # Watching starts before the first build, so an edit saved while that build runs is
            # built next (the builder builds one at a time).
            if not no_watch:
                watcher = Watcher(project, builder.rebuild)
                watcher.start()
            builder.rebuild()
        click.echo(f"Vietne un kontaktforma: {origin}/ (mape {output}). Apturēt: Ctrl+C.")
        warning = published_warning(project)
        if warning:
            click.echo(warning, err=True)

    try:
        serve_endpoint(host, port, wrap=wrap, ready=ready, threads=threads, site=output)
    finally:
        if watcher:
            watcher.stop()
        if builder is not None:
            builder.close()
    return 0
