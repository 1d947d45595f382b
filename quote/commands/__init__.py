"""The ``quote`` subcommands: one module each, defining a click command or group ``command``.

click is made to speak Latvian first, before a command module defines its parameters (click
fixes some of its words when a parameter is made).
"""

from quote.commands.latvian import use_latvian

use_latvian()
