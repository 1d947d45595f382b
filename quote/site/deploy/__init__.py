"""``make deploy SERVER=user@host``: set up and update the whole server over SSH.

The pipeline, top to bottom (each step in :mod:`.steps` is one function):

1. here, before anything is sent: the owner's settings (``deploy/contact.env``) checked with the
   endpoint's own rules, the published site and the endpoint's code named by their content;
2. on the server: what is there already; the packages that are missing (nginx with brotli,
   Python, rsync, certbot with a domain); the service's user;
3. uploads into new folders: the endpoint's code, its virtualenv (only when its packages
   changed), the site's release;
4. switching: the endpoint (restarted only when its code or settings changed), the retention
   timer, nginx's site (checked by ``nginx -t``), the site's release (one rename), the
   certificate with a domain;
5. the health check over HTTP through nginx and the owner's summary, in Latvian.

Why plain ``ssh`` and ``rsync`` rather than Ansible or pyinfra: docs/deploy.md.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quote.contact.mail_mode import mode_line, published_warning

from . import health, settings, steps
from .releases import CodeRelease, SiteRelease
from .remote import Remote
from .target import Layout, Target, local_test_root


def deploy(project: Path, target: Target, *, say: Callable[[str], None] = print) -> list[str]:
    """Deploy ``project`` (its published ``output/`` and ``deploy/contact.env``) to ``target``;
    return the Latvian summary lines (also said through ``say``)."""
    started = time.monotonic()
    test_root = local_test_root(target)
    layout = Layout(prefix=str(test_root) if test_root else "")

    owner = settings.read_env_file(project / settings.SETTINGS_FILE)
    email = settings.owner_email(project)
    env = settings.server_environment(owner, layout, target, mail_to=email)
    config = settings.check(env)
    warning = published_warning(project, env)
    if warning:
        say(warning)
    site = SiteRelease.of(project)

    with tempfile.TemporaryDirectory(prefix="quote-deploy-") as scratch:
        code = CodeRelease.gather(Path(scratch))
        plan = steps.Plan(
            target=target,
            layout=layout,
            site=site,
            code=code,
            env_text=settings.env_text(env),
            owner_email=config.mail.mail_to[0],
        )
        say(f"Izvietoju vietni {site.name} serverī {target.login} …")
        remote = Remote(target, layout, test_root=test_root)
        try:
            steps.run(remote, plan)
        finally:
            remote.close()

    live = health.check(
        target.http_url if not plan.found.get("cert") else target.origin, site.output
    )
    lines = summary(plan, live, mode_line(config.mail), warning, time.monotonic() - started)
    for line in lines:
        say(line)
    return lines


def summary(
    plan: steps.Plan, live: dict[str, str], mail: str, warning: str | None, seconds: float
) -> list[str]:
    target = plan.target
    lines = [f"Gatavs ({seconds:.0f} s). Vietne: {target.origin}/"]
    lines += [f"  - {done}" for done in plan.done] or [
        "  - izmaiņu nebija: serverī jau bija šī versija"
    ]
    lines += [
        f"Vietnes versija: {plan.site.name} (cenrādis {live['price_version']}); "
        "pirmā lapa atbilst publicētajai.",
        f"Saziņas forma: galapunkts atbild caur nginx (/api/health: {live['endpoint']}, "
        f"e-pasts: {live['mail']})"
        + ("; restartēts." if plan.restarted else "; nebija jārestartē."),
        mail,
    ]
    if not target.domain:
        lines.append(
            "Vietnei vēl nav HTTPS: tā atveras tikai ar http://, un pārlūki to rāda kā nedrošu. "
            "Kad domēns norāda uz šo serveri, palaidiet vēlreiz ar DOMAIN=www.jusu-domens.lv."
        )
    elif plan.found.get("cert") != "1":
        lines.append("HTTPS sertifikāta vēl nav: vietne pagaidām atveras tikai ar http://.")
    if warning:
        lines.append(warning)
    return lines
