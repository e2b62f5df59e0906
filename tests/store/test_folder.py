"""Loading a whole folder, which errors block which meetjaar, finding the folder, new ids, fmt."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from store.canonical import period_text
from store.fmt import format_folder
from store.folder import FolderNotFound, find_data_dir, load_folder, new_period_id
from store.model import Period
from store.save import UnsafePath, safe_path, save_period

TODAY = date(2017, 5, 20)


def period(end: str | None, *, begin: str = "2016-01-01", extra: str = "") -> str:
    text = f'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = {begin}\n'
    if end:
        text += f"einde = {end}\n"
    return text + extra


def test_completed_periods_are_ordered_by_einde_then_id(folder, put):
    put("perioden/c.toml", period("2016-08-01"))
    put("perioden/b.toml", period("2017-01-01", begin="2016-02-01"))
    put("perioden/a.toml", period("2017-01-01", begin="2016-03-01"))
    put("perioden/lopend.toml", period(None))
    put("perioden/te-vroeg.toml", period("2016-05-11"))
    put("perioden/volgend.toml", period("2017-05-13", begin="2016-04-01"))
    loaded = load_folder(folder, TODAY, with_git=False)
    assert [p.id for p in loaded.completed_periods(2017)] == ["c", "a", "b"]
    assert [p.id for p in loaded.completed_periods(2018)] == ["volgend"]
    assert loaded.period_labels["lopend"] is None
    assert loaded.period_labels["te-vroeg"] is None


def test_which_errors_block_which_meetjaar(folder, put):
    put("perioden/in-2017.toml", period("2017-01-01", extra="[beoordeling.werknemer]\ncijfer = 11\n"))
    put("perioden/in-2018.toml", period("2017-06-01", begin="2016-02-01"))
    loaded = load_folder(folder, date(2018, 7, 1), with_git=False)
    assert [p.file for p in loaded.blocking_problems(2017)] == ["perioden/in-2017.toml"]
    assert loaded.blocking_problems(2018) == []  # an error in another meetjaar's period


def test_unreadable_or_undated_periods_block_every_meetjaar(folder, put):
    put("perioden/kapot.toml", 'schema = 1\nwerknemer = "WN-1\n')
    put("perioden/geen-datum.toml", 'schema = 1\nwerknemer = "A"\nwerkgever = "B"\neinde = "gisteren"\n')
    loaded = load_folder(folder, TODAY, with_git=False)
    for label in (2017, 2018):
        assert {p.file for p in loaded.blocking_problems(label)} == {
            "perioden/kapot.toml",
            "perioden/geen-datum.toml",
        }


def test_errors_in_shared_files_and_the_own_meetjaar_file_block(folder, put):
    put("meetjaren/2017.toml", "schema = 1\nanalyse = 3\n")
    loaded = load_folder(folder, TODAY, with_git=False)
    assert [p.file for p in loaded.blocking_problems(2017)] == ["meetjaren/2017.toml"]
    assert loaded.blocking_problems(2018) == []
    put("vragenlijsten/werkgever.toml", "schema = 1\n")
    loaded = load_folder(folder, TODAY, with_git=False)
    assert "vragenlijsten/werkgever.toml" in {p.file for p in loaded.blocking_problems(2018)}
    put("ktv.toml", 'schema = 1\nnaam = "X"\nerkenningsdatum = 2013-05-12\nnorm = 7\n')
    loaded = load_folder(folder, TODAY, with_git=False)
    assert "ktv.toml" in {p.file for p in loaded.blocking_problems(2018)}


def test_warnings_never_block(folder, put):
    received_early = "[beoordeling.werknemer]\nontvangen = 2016-12-01\n"
    put("perioden/x.toml", period("2017-01-01", extra=received_early))
    loaded = load_folder(folder, TODAY, with_git=False)
    assert loaded.warnings and not loaded.errors and loaded.blocking_problems(2017) == []


def test_an_unknown_key_is_an_error_that_blocks(folder, put):
    put("perioden/x.toml", period("2017-01-01", extra="onbekend = 1\n"))
    loaded = load_folder(folder, TODAY, with_git=False)
    assert [p.code for p in loaded.blocking_problems(2017)] == ["onbekende-sleutel"]


def test_a_folder_without_ktv_toml_is_an_error(tmp_path):
    loaded = load_folder(tmp_path, TODAY, with_git=False)
    assert loaded.organisation is None
    assert "ktv.toml" in loaded.error_files


# --- finding the folder ----------------------------------------------------------------------


def test_explicit_then_environment_then_upward(folder, tmp_path):
    other = tmp_path / "andere"
    other.mkdir()
    (other / "ktv.toml").write_text("schema = 1\n")
    deep = folder / "perioden"
    assert find_data_dir(str(other), {"KTV_DATA": str(folder)}, deep) == other
    assert find_data_dir(None, {"KTV_DATA": str(other)}, deep) == other
    assert find_data_dir(None, {"KTV_DATA": ""}, deep) == folder  # empty counts as unset
    assert find_data_dir(None, {}, deep) == folder
    assert find_data_dir(None, {}, folder) == folder


def test_no_folder_found_suggests_init_and_demo(tmp_path):
    with pytest.raises(FolderNotFound) as caught:
        find_data_dir(None, {}, tmp_path)
    assert "ktv init" in str(caught.value) and "ktv demo" in str(caught.value)
    with pytest.raises(FolderNotFound, match="bestaat niet"):
        find_data_dir(str(tmp_path / "weg"), {}, tmp_path)
    with pytest.raises(FolderNotFound, match="ktv init"):
        find_data_dir(str(tmp_path), {}, tmp_path)


# --- ids ---------------------------------------------------------------------------------------


def test_new_ids_are_the_begin_date_plus_random_characters():
    taken = set()
    for _ in range(50):
        pid = new_period_id(date(2017, 3, 1), taken.__contains__)
        assert re.fullmatch(r"2017-03-01-[a-z0-9]{5}", pid)
        assert pid not in taken
        taken.add(pid)


def test_new_id_skips_existing_ones():
    calls = []

    def exists(candidate):
        calls.append(candidate)
        return len(calls) < 3

    pid = new_period_id(date(2017, 3, 1), exists)
    assert pid == calls[-1] and len(calls) == 3


# --- saving ------------------------------------------------------------------------------------


def test_save_period_keeps_its_path_and_refuses_bad_ids(folder):
    p = Period(id="2017-03-01-abcde", employee="WN-1", employer="WG-1", begin=date(2017, 3, 1))
    saved = save_period(folder, p, None)
    assert saved.path == folder / "perioden" / "2017-03-01-abcde.toml"
    changed = Period(**{**p.__dict__, "remark": "Formulier per post"})
    assert save_period(folder, changed, saved.digest).path == saved.path
    assert saved.path.read_text() == period_text(changed)
    with pytest.raises(UnsafePath):
        save_period(folder, Period(id="../ktv", employee="a", employer="b", begin=date(2017, 1, 1)), None)
    for rel in ("/etc/passwd", "perioden/../../x.toml", "a\\b.toml"):
        with pytest.raises(UnsafePath):
            safe_path(folder, rel)


# --- fmt -----------------------------------------------------------------------------------------


def test_fmt_rewrites_valid_files_and_leaves_files_with_errors(folder, put):
    hand = put(
        "perioden/hand.toml",
        "# notitie\n" + period("2017-01-01", extra="[beoordeling.werknemer]\ncijfer = 7\n"),
    )
    broken_text = period("2017-01-01", extra="[beoordeling.werknemer]\ncijfer = 11\n")
    broken = put("perioden/kapot.toml", broken_text)
    loaded = load_folder(folder, TODAY, with_git=False)
    result = format_folder(loaded, write=False)
    assert result.not_canonical == ["perioden/hand.toml"]
    assert result.skipped_errors == ["perioden/kapot.toml"]
    assert hand.read_text().startswith("# notitie")
    result = format_folder(loaded, write=True)
    assert result.rewritten == ["perioden/hand.toml"]
    # The canonical form, with the file's comment kept above the key it stood above (SPEC §2).
    assert hand.read_text() == "# notitie\n" + period_text(loaded.periods["hand"])
    assert "cijfer = 7.0\n" in hand.read_text()
    assert broken.read_text() == broken_text
    again = format_folder(load_folder(folder, TODAY, with_git=False), write=False)
    assert again.not_canonical == []


def test_a_fresh_folder_is_canonical(folder):
    result = format_folder(load_folder(folder, TODAY, with_git=False), write=False)
    assert result.not_canonical == [] and result.skipped_errors == []


def test_fmt_does_not_drop_unknown_keys(folder, put):
    text = period("2017-01-01", extra="extra = 1\n")
    path = put("perioden/x.toml", text)
    result = format_folder(load_folder(folder, TODAY, with_git=False), write=True)
    assert result.skipped_errors == ["perioden/x.toml"]  # an unknown key is an error (SPEC §2)
    assert path.read_text() == text


def test_created_folder_layout(folder: Path):
    for rel in ("ktv.toml", "vragenlijsten/werknemer.toml", "vragenlijsten/werkgever.toml"):
        assert (folder / rel).is_file()
    for rel in ("perioden", "meetjaren", "rapporten"):
        assert (folder / rel).is_dir()
    loaded = load_folder(folder, TODAY, with_git=False)
    assert loaded.problems == []
    assert loaded.organisation.name == "Jobcoach Test B.V."
    assert loaded.organisation.recognition_date == date(2013, 5, 12)
