"""store/paths.py: `~user`, names that are not UTF-8, and OS errors in Dutch (issue 10: 2, 9, 12)."""

from __future__ import annotations

import errno
import os

import pytest

from report.dutch import os_error as report_os_error
from store.paths import BadPath, expand_user, os_error, shown


@pytest.mark.parametrize("code", sorted(errno.errorcode))
def test_no_english_operating_system_text_for_any_errno(code: int) -> None:
    english = os.strerror(code)
    text = os_error(OSError(code, english))
    assert english not in text and text == report_os_error(OSError(code, english))


def test_a_symlink_loop_in_dutch() -> None:
    assert os_error(OSError(errno.ELOOP, "Too many levels of symbolic links")) == (
        "symbolische koppeling in een kring"
    )


def test_tilde_expansion(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert expand_user("~/x") == tmp_path / "x"
    assert expand_user("a/~b") == expand_user("a/~b")  # only a leading ~ is expanded
    with pytest.raises(BadPath, match="gebruiker 'geen_gebruiker_xyz' bestaat niet"):
        expand_user("~geen_gebruiker_xyz/x")


def test_shown_names() -> None:
    assert shown(os.fsdecode(b"rapporten/\xff.pdf")) == "rapporten/\ufffd.pdf"
    assert shown("x\x1b[2J") == "x<U+001B>[2J"
    assert shown(b"\xe9t\xe9") == "\ufffdt\ufffd"
