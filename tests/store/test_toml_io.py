"""toml_io: key lines for messages, conflict markers, and the atomic, guarded save (SPEC §8)."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import toml_io
from store.canonical import year_notes_text
from store.model import YearNotes
from store.toml_io import (
    ChangedOnDisk,
    ReadRefused,
    SafeReader,
    atomic_delete,
    atomic_save,
    clean_stale_temp_files,
    conflict_marker_lines,
    decode,
    digest,
    key_lines,
    line_of,
)


def test_key_lines_of_tables_and_arrays_of_tables():
    text = (
        "schema = 1\n"  # 1
        'titel = "x"\n'  # 2
        "\n"  # 3
        "[[vraag]]\n"  # 4
        'id = "a"\n'  # 5
        "\n"  # 6
        "[[vraag]]\n"  # 7
        'id = "b"\n'  # 8
        'tekst = "B"\n'  # 9
        "[beoordeling.werknemer]\n"  # 10
        "cijfer = 7\n"  # 11
        'antwoorden.begeleiding = "ja"\n'  # 12
        '"gequote sleutel" = 1\n'  # 13
    )
    lines = key_lines(text)
    assert lines[("schema",)] == 1
    assert lines[("vraag", 0)] == 4
    assert lines[("vraag", 0, "id")] == 5
    assert lines[("vraag", 1, "id")] == 8
    assert lines[("vraag", 1, "tekst")] == 9
    assert lines[("beoordeling", "werknemer")] == 10
    assert lines[("beoordeling", "werknemer", "cijfer")] == 11
    assert lines[("beoordeling", "werknemer", "antwoorden", "begeleiding")] == 12
    assert lines[("beoordeling", "werknemer", "gequote sleutel")] == 13


def test_key_lines_skip_multi_line_strings():
    text = (
        "schema = 1\n"  # 1
        'analyse = """\n'  # 2
        "conclusies = dit is tekst\n"  # 3
        "[niet_een_tabel]\n"  # 4
        '"""\n'  # 5
        "conclusies = '''een\n"  # 6
        "acties = ook tekst'''\n"  # 7
        'acties = "echt"\n'  # 8
    )
    lines = key_lines(text)
    assert lines[("analyse",)] == 2
    assert lines[("conclusies",)] == 6
    assert lines[("acties",)] == 8
    assert ("niet_een_tabel",) not in lines


def test_triple_quotes_inside_a_one_line_string_open_nothing():
    text = 'schema = 1\nconclusies = "\'\'\'"\nacties = \'"""\'\nuitslag = "goed"\n'
    lines = key_lines(text)
    assert (lines[("acties",)], lines[("uitslag",)]) == (3, 4)


def test_line_of_falls_back_to_the_enclosing_table():
    lines = key_lines("schema = 1\n[beoordeling.werknemer]\nontvangen = 2017-01-01\n")
    assert line_of(lines, ("beoordeling", "werknemer", "cijfer")) == 2
    assert line_of(lines, ("onbekend",)) is None


def test_conflict_marker_lines():
    text = "a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> tak\n"
    assert conflict_marker_lines(text) == [2, 4, 6]
    assert conflict_marker_lines('a = "<<<<<<< binnen een tekst"\n') == []


def test_decode_drops_a_bom_and_refuses_bad_utf8():
    assert decode("\ufeffschema = 1\n".encode()) == "schema = 1\n"
    with pytest.raises(UnicodeDecodeError):
        decode(b"\xff")


def test_read_refuses_large_files_directories_and_symlinks_outside(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    big = root / "groot.toml"
    big.write_bytes(b"#" * (toml_io.MAX_FILE_BYTES + 1))
    with pytest.raises(ReadRefused):
        SafeReader(root).read(big)
    (root / "map.toml").mkdir()
    with pytest.raises(ReadRefused):
        SafeReader(root).read(root / "map.toml")
    outside = tmp_path / "geheim.toml"
    outside.write_text("x = 1\n")
    (root / "link.toml").symlink_to(outside)
    with pytest.raises(ReadRefused):
        SafeReader(root).read(f"{root}/link.toml")  # a plain string, as the loader passes
    (root / "ok.toml").write_text("x = 1\n")
    assert SafeReader(root).read(root / "ok.toml") == b"x = 1\n"
    assert SafeReader(root).read(f"{root}/ok.toml") == b"x = 1\n"


def test_read_returns_every_byte_of_empty_small_and_multi_chunk_files(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    for size in (0, 1, 700, 65536, 65537, 300_000):
        data = bytes(i % 251 for i in range(size))
        (root / "f.toml").write_bytes(data)
        assert SafeReader(root).read(f"{root}/f.toml") == data


# --- atomic, guarded save --------------------------------------------------------------------


def test_save_new_file_then_replace_it(tmp_path):
    path = tmp_path / "perioden" / "a.toml"
    saved = atomic_save(path, b"one\n", None)
    assert path.read_bytes() == b"one\n" and saved.digest == digest(b"one\n")
    again = atomic_save(path, b"two\n", saved.digest)
    assert path.read_bytes() == b"two\n" and again.digest == digest(b"two\n")
    assert sorted(p.name for p in path.parent.iterdir()) == ["a.toml"]


def test_save_refuses_a_file_changed_on_disk(tmp_path):
    path = tmp_path / "a.toml"
    saved = atomic_save(path, b"mine\n", None)
    path.write_bytes(b"someone else\n")
    with pytest.raises(ChangedOnDisk) as caught:
        atomic_save(path, b"mine again\n", saved.digest, rel="perioden/a.toml")
    assert "perioden/a.toml" in str(caught.value)
    assert path.read_bytes() == b"someone else\n"


def test_save_refuses_to_create_over_an_existing_file(tmp_path):
    path = tmp_path / "a.toml"
    path.write_bytes(b"er was al iets\n")
    with pytest.raises(ChangedOnDisk):
        atomic_save(path, b"nieuw\n", None)
    assert path.read_bytes() == b"er was al iets\n"


def test_save_refuses_a_file_deleted_since_reading(tmp_path):
    path = tmp_path / "a.toml"
    saved = atomic_save(path, b"x\n", None)
    path.unlink()
    with pytest.raises(ChangedOnDisk):
        atomic_save(path, b"y\n", saved.digest)
    assert not path.exists()


def test_a_crash_during_save_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    saved = atomic_save(path, b"old\n", None)

    def crash(src, dst):
        raise OSError("schijf vol")

    monkeypatch.setattr(toml_io.os, "replace", crash)
    with pytest.raises(OSError):
        atomic_save(path, b"new\n", saved.digest)
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_a_crash_while_writing_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "a.toml"
    saved = atomic_save(path, b"old\n", None)

    def crash(fd):
        raise OSError("stroom uitgevallen")

    monkeypatch.setattr(toml_io.os, "fsync", crash)
    with pytest.raises(OSError):
        atomic_save(path, b"new\n", saved.digest)
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.toml"]


def test_delete_only_the_version_that_was_read(tmp_path):
    path = tmp_path / "a.toml"
    saved = atomic_save(path, b"x\n", None)
    path.write_bytes(b"changed\n")
    with pytest.raises(ChangedOnDisk):
        atomic_delete(path, saved.digest)
    assert path.exists()
    atomic_delete(path, digest(b"changed\n"))
    assert not path.exists()


def test_stale_temporary_files_are_cleaned_and_fresh_ones_kept(tmp_path):
    stale = tmp_path / ".a.toml.1234abcd.ktv-tmp"
    fresh = tmp_path / ".b.toml.5678abcd.ktv-tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"busy")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert clean_stale_temp_files(tmp_path) == [stale]
    assert not stale.exists() and fresh.exists()


texts = st.lists(
    st.one_of(
        st.characters(blacklist_categories=("Cs", "Cc")),
        st.sampled_from(["\n", '"', "'", '"""', "'''", "\\", "= ", "[x]", "a = 1"]),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(analysis=texts, conclusions=texts)
def test_key_lines_find_keys_after_any_text(analysis, conclusions):
    """Multi-line texts with quotes of every kind never hide the keys after them."""
    notes = YearNotes(2017, analysis=analysis or None, conclusions=conclusions or None, verdict="voldaan")
    text = year_notes_text(notes)
    lines = key_lines(text)
    actual = [n for n, line in enumerate(text.splitlines(), start=1) if line.startswith("uitslag = ")]
    assert lines[("uitslag",)] == actual[-1]
    assert lines[("schema",)] == 1
