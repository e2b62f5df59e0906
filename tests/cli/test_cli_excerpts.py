"""The line shown under a problem on a terminal is the line the problem's number counts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from ktv_tui.cli.fast import _Excerpts
from store.problems import printable, warning


def test_the_excerpt_counts_lines_as_toml_does_and_reads_what_was_checked(tmp_path: Path) -> None:
    text = 'schema = 1\nopmerking = "a\u2028b"\neinde = 2099-01-01\n'
    (tmp_path / "perioden").mkdir()
    (tmp_path / "perioden" / "p.toml").write_text("iets anders op schijf\n" * 5)
    folder = SimpleNamespace(root=tmp_path, texts={"perioden/p.toml": text})
    excerpts = _Excerpts(folder, printable)
    shown = excerpts(warning("perioden/p.toml", 3, "einde in de toekomst", code="einde-in-toekomst"))
    assert shown == "    3 | einde = 2099-01-01"
    assert excerpts(warning("perioden/p.toml", 9, "x", code="einde-in-toekomst")) is None


def test_a_file_the_loader_did_not_keep_is_read_from_disk(tmp_path: Path) -> None:
    (tmp_path / "ktv.toml").write_bytes(b"naam = '\xff'\n")
    folder = SimpleNamespace(root=tmp_path, texts={})
    shown = _Excerpts(folder, printable)(warning("ktv.toml", 1, "geen utf-8", code="geen-utf8"))
    assert shown == "    1 | naam = '\ufffd'"
