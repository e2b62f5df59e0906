"""Fixtures for tests/forms (the helpers live in forms_helpers.py, a name no other folder uses)."""

from forms_helpers import folder  # noqa: F401  (the fixture)
