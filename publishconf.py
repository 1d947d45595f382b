"""Publicētās vietnes iestatījumi (make publish, make deploy): pelicanconf.py ar šīm izmaiņām."""

import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

from pelicanconf import *  # noqa: F403

# Adrese, kurā vietne būs publicēta, bez slīpsvītras beigās, piemēram, "https://www.jusu-vards.lv".
SITE_ORIGIN = "https://www.example.lv"
# Tālāk – tehniskie iestatījumi; mainīt nav vajadzīgs.
SITEURL = ""
DELETE_OUTPUT_DIRECTORY = True
# Hosts that serve precompressed files get .gz and .br copies of every text file (below).
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]  # noqa: F405
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
# The .gz copies by zopfli (the plugin then skips its zlib gzip): 3-4 % smaller than gzip -9 (the
# landing page 13,940 -> 13,444 B), decoded by every gzip client; a few seconds more to publish.
PRECOMPRESS_ZOPFLI = True
PRECOMPRESS_MIN_SIZE = 1  # try every file; the plugin drops a copy that is not smaller
PRECOMPRESS_TEXT_EXTENSIONS = {".css", ".html", ".js", ".json", ".svg", ".txt", ".xml"}
PRECOMPRESS_OVERWRITE = True  # a copy left from an earlier build is replaced, never served stale
PRECOMPRESS_ZSTANDARD = False  # hosts (and WhiteNoise) serve .br and .gz
