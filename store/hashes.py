"""The hash functions ktv uses, without `hashlib`'s start-up cost.

`import hashlib` loads OpenSSL first (3 to 6 ms of every command's start, `-X importtime`),
even for the hashes CPython has built in. ktv needs only those: BLAKE2b for the digest of a file
as read, SHA-1 for git's object ids, SHA-256 for stable keys. The built-in modules give the
same results; hashlib stays the fallback for a Python built without them."""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always builds it
    from hashlib import blake2b

try:
    from _sha1 import sha1
except ImportError:  # pragma: no cover
    from hashlib import sha1

try:
    from _sha2 import sha256  # Python 3.12 and later
except ImportError:
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:  # pragma: no cover
        from hashlib import sha256

__all__ = ["blake2b", "sha1", "sha256"]
