"""Building and serving the site.

- ``builds``: one build into a fresh folder, swapped in atomically (``make build``/``publish``);
- ``watch``: the sources a rebuild depends on, watched for changes;
- ``preview``: ``quote serve``'s preview of the newest good build, with the error banner;
- ``server``: waitress serving the endpoint (and the preview) on one port.
"""
