"""The development preview behind ``quote serve``: fresh builds swapped in, errors and reloads."""

from .app import preview_app
from .builder import PreviewBuilder
from .state import Preview

__all__ = ["Preview", "PreviewBuilder", "preview_app"]
