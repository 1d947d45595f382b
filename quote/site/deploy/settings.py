"""The endpoint's settings on the server: the owner's ``deploy/contact.env`` and what the deploy
adds to it.

The owner fills in only what is theirs (the SMTP server, the sender, their address, maybe the
limits), in ``KEY=value`` lines as systemd's ``EnvironmentFile=`` reads them. The paths, the
trusted proxy and the origin follow from the server's layout and are written by the deploy; an
owner's line setting one of them is refused, so the two can never disagree. Without
``QUOTE_MAIL_TO`` notifications go to ``OWNER["email"]`` of the published settings, written out
here because the server has no Pelican settings.

The whole file is checked with the endpoint's own settings classes before anything is sent, so a
typing mistake stops the deploy here instead of stopping the endpoint on the server.
"""

from __future__ import annotations

import re
from pathlib import Path

from quote.contact.config import ContactConfig, MailSettings, StoreSettings, WebSettings, variable
from quote.errors import ConfigError, DeployError, SettingsError

from .target import Layout, Target

STEP = "Iestatījumu pārbaude"
SETTINGS_FILE = Path("deploy") / "contact.env"
EXAMPLE_FILE = Path("deploy") / "contact.env.example"
_LINE = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)=(?P<value>.*)")

# Set by the deploy from the layout and the target; the owner's file must not set them.
DEPLOY_SETS = (
    "QUOTE_DB",
    "QUOTE_MAIL_DIR",
    "QUOTE_PRICING",
    "QUOTE_SITE",
    "QUOTE_CATALOGS",
    "QUOTE_TRUST_PROXY",
)
KNOWN = frozenset(
    variable(name)
    for group in (StoreSettings, MailSettings, WebSettings)
    for name in group.model_fields
    if name != "max_body_bytes"
)


def read_env_file(path: Path) -> dict[str, str]:
    """``KEY=value`` lines (blank lines and ``#`` comments skipped), in file order.

    A line of any other shape, an unknown ``QUOTE_`` name or one given twice is refused with its
    line number.
    """
    if not path.exists():
        raise DeployError(
            STEP,
            f"nav iestatījumu faila {path}. Nokopējiet {EXAMPLE_FILE} uz {SETTINGS_FILE} "
            "un ierakstiet tajā savus datus.",
        )
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        where = f"{path}:{number}"
        if not match:
            raise DeployError(STEP, f"{where}: rindai jābūt formā NOSAUKUMS=vērtība: {line!r}.")
        key, value = match["key"], match["value"].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if key not in KNOWN:
            raise DeployError(STEP, f"{where}: nezināms iestatījums {key}.")
        if key in values:
            raise DeployError(STEP, f"{where}: {key} norādīts otrreiz.")
        values[key] = value
    return values


def owner_email(project: Path) -> str:
    """``OWNER["email"]`` of the project's published settings (notifications go there)."""
    from quote.owner import PUBLISHED_SETTINGS, load

    try:
        return str(load(project / PUBLISHED_SETTINGS, published=True).owner.get("email", ""))
    except SettingsError as exc:
        raise DeployError(STEP, str(exc)) from exc


def server_environment(
    owner: dict[str, str], layout: Layout, target: Target, *, mail_to: str = ""
) -> dict[str, str]:
    """The endpoint's settings on the server: the owner's values and the deploy's."""
    fixed = [key for key in DEPLOY_SETS if key in owner]
    if fixed:
        raise DeployError(
            STEP,
            f"{SETTINGS_FILE}: {', '.join(fixed)} nosaka izvietošana pati; izdzēsiet šīs rindas.",
        )
    env = {
        "QUOTE_SITE_ORIGIN": target.form_origins,
        **owner,
        "QUOTE_TRUST_PROXY": "1",  # nginx is the one proxy in front
        "QUOTE_DB": layout.db,
        "QUOTE_MAIL_DIR": layout.mail_dir,
        "QUOTE_PRICING": layout.pricing,
        "QUOTE_SITE": layout.output,
    }
    if not env.get("QUOTE_MAIL_TO") and mail_to:
        env["QUOTE_MAIL_TO"] = mail_to
    return env


def check(env: dict[str, str]) -> ContactConfig:
    """The settings as the endpoint will read them; a mistake stops the deploy, in Latvian."""
    try:
        return ContactConfig.from_env(env)
    except ConfigError as exc:
        raise DeployError(STEP, f"{SETTINGS_FILE}: nederīgs iestatījums: {exc}") from exc


def env_text(env: dict[str, str]) -> str:
    """The settings file the server's systemd unit reads (``EnvironmentFile=``)."""
    lines = [
        "# Šo failu raksta make deploy no deploy/contact.env: labojiet to un izvietojiet vēlreiz.",
        *(f"{key}={value}" for key, value in env.items()),
    ]
    return "\n".join(lines) + "\n"
