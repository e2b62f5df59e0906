"""ktv's command line and Textual app: the only package that prints or draws."""

from report.version import KTV_VERSION as __version__

__all__ = ["__version__"]
