"""The HTML review page of a parsed resolution: `to_html(resolution) -> str`."""

from .page import to_html

__all__ = ["to_html"]
