"""Suite-wide set-up.

Being a conftest at the top of tests/, this file also puts tests/ on `sys.path` (pytest's
rootdir-relative import mode), so shared tables such as `hostile_inputs.py` import by name.
Drafts of folders without git go to the user's cache folder: during tests that is a temporary one.
"""

from __future__ import annotations

import os
import tempfile

os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="ktv-test-cache-")
