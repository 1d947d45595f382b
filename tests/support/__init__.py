"""Everything the tests share besides pytest fixtures (those are in ``tests/conftest.py``).

- machine level, shared with the bench (:mod:`bench.harness`): Chromium, builds, scratch copies,
  ports, waiting for a server;
- :mod:`tests.support.site`: the fixture project, built pages, `quote serve`, a static server,
  a page's console log, the Nu HTML Checker;
- :mod:`tests.support.commands`: ``quote`` and ``make`` run as the owner runs them;
- :mod:`tests.support.endpoint`: the endpoint as a process, raw requests, an SMTP sink;
- :mod:`tests.support.html`: HTML queried with CSS selectors;
- :mod:`tests.support.nginx`: Debian's nginx in front of the endpoint (import it from there);
- :mod:`tests.support.sshd`: Debian's OpenSSH server on 127.0.0.1 for the deploy (likewise);
- :mod:`tests.support.browser`: scripts and checks several browser tests share (axe options,
  the form's time trap, layout shifts, the phone bar, the first frame's stylesheets);
- :mod:`tests.support.typography`: the typography check of a page, by its language;
- :mod:`tests.support.pricing_text`: price-list YAML made by editing a base text's lines;
- :mod:`tests.support.trust`: the fixture site with the fixture trust sections;
- :mod:`tests.support.seed`: the seed content's FAQ questions.
- :mod:`tests.support.contact`: a valid send, the endpoint app on the fixture price list and a
  post through its test client.
- :mod:`tests.support.offers`: the owner's settings for ``quote offer``, ``quote`` on one
  database, a PDF's text and word positions by ``pdftotext``.

No test module imports another (tests/test_test_layout.py checks it): what two modules share
lives here.
"""

from bench.harness import (
    BIN,
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_FILES,
    ROOT,
    build,
    copy_project,
    free_port,
    stop,
    wait_for_http,
)
from tests.support.commands import run_make, run_quote
from tests.support.endpoint import (
    Response,
    ServerProcess,
    SmtpSink,
    http_request,
    listening_tcp_ports,
    self_signed_certificate,
    wait_until,
)
from tests.support.html import PageIndex, parse, script_data, text_of
from tests.support.site import (
    BILINGUAL_PAGES,
    FILLED_IN_OWNER,
    FIXTURE_PRICING,
    FIXTURE_PROJECT,
    NOT_VAT_PAYER_PRICING,
    ONE_LANGUAGE_PAGES,
    UNTRANSLATED_PRICING,
    ConsoleLog,
    built_pages,
    copy_fixture_project,
    fill_in_owner,
    in_each_language,
    not_a_vat_payer,
    publish_languages,
    published_languages,
    quote_serve,
    serve_folder,
    served_build,
    vnu_command,
    with_untranslated_prices,
    write_copy,
)

__all__ = [
    "BILINGUAL_PAGES",
    "BIN",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "FILLED_IN_OWNER",
    "FIXTURE_PRICING",
    "FIXTURE_PROJECT",
    "NOT_VAT_PAYER_PRICING",
    "ONE_LANGUAGE_PAGES",
    "PROJECT_FILES",
    "ROOT",
    "UNTRANSLATED_PRICING",
    "ConsoleLog",
    "PageIndex",
    "Response",
    "ServerProcess",
    "SmtpSink",
    "build",
    "built_pages",
    "copy_fixture_project",
    "copy_project",
    "fill_in_owner",
    "free_port",
    "http_request",
    "in_each_language",
    "listening_tcp_ports",
    "not_a_vat_payer",
    "parse",
    "publish_languages",
    "published_languages",
    "quote_serve",
    "run_make",
    "run_quote",
    "script_data",
    "self_signed_certificate",
    "serve_folder",
    "served_build",
    "stop",
    "text_of",
    "vnu_command",
    "wait_for_http",
    "wait_until",
    "with_untranslated_prices",
    "write_copy",
]
