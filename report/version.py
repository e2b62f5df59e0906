"""The ktv version, printed in every PDF for traceability (also the distribution's version).

A constant rather than importlib.metadata: that import costs ~15 ms of every command's start.
"""

KTV_VERSION = "0.1.0"
