"""The ktv version, printed in every PDF for traceability."""

from importlib.metadata import PackageNotFoundError, version

try:
    KTV_VERSION = version("ktv")
except PackageNotFoundError:  # running from a source tree that was never installed
    KTV_VERSION = "0.0.0+onbekend"
