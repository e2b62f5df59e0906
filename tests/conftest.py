"""Suite-wide isolation: ktv's parse cache goes to a temporary folder, not the user's ~/.cache."""

from __future__ import annotations

import os
import tempfile

os.environ["KTV_CACHE_DIR"] = tempfile.mkdtemp(prefix="ktv-test-cache-")
