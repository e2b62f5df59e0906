"""SPEC §2: a broken file never stops the program; the rest loads, the problem is listed.

Generated input (hypothesis): mutated and random TOML with wrong types, huge numbers, NaN and
infinity, empty strings, control characters, very long strings, deep nesting, invalid UTF-8, a
BOM, CRLF. No exception may escape `load_folder`; each problem names a file of the folder and
has a Dutch message; `ktv check` exits 0 or 1 and never shows a traceback. Then the files that
are no plain files: symlinks out of the folder, a folder named `x.toml`, unreadable and too
large files.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_support import TODAY, make_folder, make_period, run_ktv

from store.canonical import period_text, year_notes_text
from store.folder import load_folder, period_rel
from store.model import YearNotes
from store.problems import Problem
from store.save import save_period, save_year_notes
from store.toml_io import MAX_FILE_BYTES

CONTROL = "2016-06-01-contr"
"""A valid period next to the generated files: it must always load."""

TARGETS = (
    "perioden/2016-09-01-gener.toml",
    "perioden/2016-10-01-tweed.toml",
    "meetjaren/2017.toml",
    "ktv.toml",
    "vragenlijsten/werknemer.toml",
    "vragenlijsten/werkgever.toml",
)

_template: dict[str, Path] = {}


def _template_folder() -> Path:
    """One valid folder, made once; every example works on a copy of it."""
    if "root" not in _template:
        base = Path(tempfile.mkdtemp(prefix="ktv-bad-input-"))
        root = make_folder(base / "data")
        save_period(root, make_period(CONTROL, 1), None)
        save_period(root, make_period("2016-09-01-gener", 2), None)
        save_year_notes(root, YearNotes(2017, analysis="Goed jaar.", conclusions="Norm gehaald."), None)
        _template["root"] = root
    return _template["root"]


@pytest.fixture(scope="module", autouse=True)
def _remove_template():
    yield
    if "root" in _template:
        shutil.rmtree(_template.pop("root").parent, ignore_errors=True)


# --- strategies -----------------------------------------------------------------------------

CONTROL_CHARS = "".join(chr(c) for c in range(32)) + "\x7f\u2028\u2029\ufeff\u200b"

nasty_text = st.one_of(
    st.just(""),
    st.just(" "),
    st.text(alphabet=st.sampled_from(CONTROL_CHARS + "ab1 ."), max_size=20),
    st.text(max_size=40),
    st.integers(1_000, 300_000).map(lambda n: "lange tekst " * (n // 12)),
    st.sampled_from(["WN-014", "ja", "nee", "goed", "7,5", "1e999", "NaN", "2017-13-45", "'''", '"""']),
)

nasty_scalar = st.one_of(
    nasty_text,
    st.integers(-(10**40), 10**40),
    st.sampled_from([0, 1, 10, 11, -1, 2**63, -(2**63) - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), float("-inf"), 7.25, 1e308, 5e-324, -0.0]),
    st.booleans(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(timezones=st.sampled_from([None, UTC])),
    st.times(),
    st.just(date(2017, 3, 31)),
    st.just(datetime(2017, 3, 31, 12, 0)),
    st.just(time(12, 0)),
)

key = st.one_of(
    st.sampled_from(
        [
            "schema",
            "werknemer",
            "werkgever",
            "jobcoach",
            "begin",
            "einde",
            "opmerking",
            "beoordeling",
            "werknemer",
            "werkgever",
            "ontvangen",
            "cijfer",
            "antwoorden",
            "begeleiding",
            "naam",
            "erkenningsdatum",
            "norm",
            "titel",
            "schaal",
            "vraag",
            "id",
            "tekst",
            "vervallen",
            "analyse",
            "acties",
            "ingediend_op",
            "ingediend_commit",
            "uitslag",
            "herstelplan",
        ]
    ),  # fmt: skip
    st.text(min_size=1, max_size=12),
)

toml_value = st.recursive(
    nasty_scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(key, inner, max_size=4)),
    max_leaves=12,
)

RAW_VALUES = [
    "nan",
    "+inf",
    "-inf",
    "1e999999999",
    "-1e-999999999",
    "9" * 5000,
    "0x" + "f" * 5000,
    "1_000_000_000_000_000_000_000",
    '""',
    "''",
    "[" * 3000 + "]" * 3000,
    "{a = " * 2000 + "1" + "}" * 2000,
    "1979-05-27T07:32:00Z",
    "07:32:00",
    '"\\u0000"',
    '"\\uD800"',
    '"""\n' + "x" * 200_000 + '"""',
    "true",
    "[1, 'twee', 3.0, 2017-01-01]",
    '"a" "b"',
]


@st.composite
def structured_file(draw, rel: str) -> bytes:
    """A valid file of the right kind with keys replaced, added or removed at random."""
    data = _valid_data(rel)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["replace", "add", "delete", "deep"]))
        keys = list(data)
        if action == "replace" and keys:
            data[draw(st.sampled_from(keys))] = draw(toml_value)
        elif action == "add":
            data[draw(key)] = draw(toml_value)
        elif action == "delete" and keys:
            del data[draw(st.sampled_from(keys))]
        elif action == "deep":
            depth = draw(st.integers(10, 400))
            nested: object = draw(nasty_scalar)
            for _ in range(depth):
                nested = {"a": nested}
            data[draw(key)] = nested
    try:
        return tomli_w.dumps(data).encode()
    except (ValueError, TypeError, RecursionError):
        return draw(mutated_file(rel))


def _valid_data(rel: str) -> dict:
    import tomllib

    return tomllib.loads(_valid_text(rel))


def _valid_text(rel: str) -> str:
    if rel.startswith("perioden/"):
        return period_text(make_period(Path(rel).stem, 3, remark="Formulier per post."))
    if rel.startswith("meetjaren/"):
        return year_notes_text(YearNotes(2017, analysis="Goed.", submitted_on=date(2017, 6, 1)))
    return (_template_folder() / rel).read_text()


@st.composite
def mutated_file(draw, rel: str) -> bytes:
    """A valid file's text, cut, spliced and given odd values and encodings."""
    text = _valid_text(rel)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["insert", "delete", "value", "duplicate", "header"]))
        lines = text.split("\n")
        at = draw(st.integers(0, len(lines) - 1))
        if action == "insert":
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(st.text(max_size=10)) + text[pos:]
        elif action == "delete":
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + text[pos + draw(st.integers(1, 40)) :]
        elif action == "value":
            name = lines[at].split("=")[0].strip() or "cijfer"
            lines[at] = f"{name} = {draw(st.sampled_from(RAW_VALUES))}"
            text = "\n".join(lines)
        elif action == "duplicate":
            lines.insert(at, lines[at])
            text = "\n".join(lines)
        else:
            depth = draw(st.integers(1, 600))
            lines.insert(at, "[" + ".".join(["t"] * depth) + "]")
            text = "\n".join(lines)
    return _encode(draw, text)


def _encode(draw, text: str) -> bytes:
    encoding = draw(st.sampled_from(["utf-8", "bom", "crlf", "invalid", "utf-16", "latin-1", "nul"]))
    if encoding == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if encoding == "crlf":
        return text.replace("\n", "\r\n").encode()
    if encoding == "invalid":
        data = text.encode()
        pos = draw(st.integers(0, len(data)))
        return (
            data[:pos] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x82"])) + data[pos:]
        )
    if encoding == "utf-16":
        return text.encode("utf-16")
    if encoding == "latin-1":
        return (text + '\nopmerking = "café"\n').encode("latin-1", errors="replace")
    if encoding == "nul":
        return text.encode().replace(b"\n", b"\n\x00", 1)
    return text.encode()


random_bytes = st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode))


@st.composite
def generated_folder(draw) -> dict[str, bytes]:
    """1-3 files of the folder replaced by generated content."""
    chosen = draw(st.lists(st.sampled_from(TARGETS), min_size=1, max_size=3, unique=True))
    files = {}
    for rel in chosen:
        files[rel] = draw(
            st.one_of(structured_file(rel), structured_file(rel), mutated_file(rel), random_bytes)
        )
    return files


# --- the invariants ---------------------------------------------------------------------------

ENGLISH = re.compile(
    r"\b(invalid|expected|error|cannot|unexpected|exceeds|recursion|maximum|traceback|errno|"
    r"found|value|line|column|file|the|not|must)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\([^)]*\)")


def assert_good_problem(problem: Problem, root: Path) -> None:
    assert isinstance(problem.file, str) and problem.file
    assert not problem.file.startswith("/") and ".." not in problem.file.split("/")
    assert (
        (root / problem.file).exists() or (root / problem.file).is_symlink() or problem.file.endswith(".toml")
    )
    assert problem.severity in ("fout", "waarschuwing")
    assert isinstance(problem.message, str) and problem.message.strip()
    assert "\n" not in problem.message
    unquoted = QUOTED.sub("", problem.message)
    assert not ENGLISH.search(unquoted), f"not Dutch: {problem.message!r}"
    if problem.line is not None:
        text = (root / problem.file).read_bytes()
        assert 1 <= problem.line <= text.count(b"\n") + text.count(b"\r") + 1, problem


def check_folder(root: Path, files: dict[str, bytes]) -> None:
    folder = load_folder(root, TODAY, with_git=False)  # must not raise
    for problem in folder.problems:
        assert_good_problem(problem, root)
    errors = folder.error_files
    for rel in files:
        loaded = (
            (rel.startswith("perioden/") and Path(rel).stem in folder.periods)
            or (rel.startswith("meetjaren/") and int(Path(rel).stem) in folder.years)
            or (rel == "ktv.toml" and folder.organisation is not None)
            or (rel.startswith("vragenlijsten/") and Path(rel).stem in folder.questionnaires)
        )
        assert loaded or rel in errors, f"{rel} neither loaded nor reported"
    # the valid period next to the broken files always loads, without errors of its own
    # (unless its answers no longer fit a generated questionnaire)
    assert CONTROL in folder.periods
    if not any(rel.startswith("vragenlijsten/") for rel in files):
        assert period_rel(CONTROL) not in errors, folder.problems_of(period_rel(CONTROL))


def _write(root: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        (root / rel).write_bytes(data)


@settings(
    max_examples=350,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
@given(files=generated_folder())
def test_generated_files_never_break_loading(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(_template_folder(), root)
        _write(root, files)
        check_folder(root, files)


@pytest.mark.parametrize("raw", RAW_VALUES, ids=range(len(RAW_VALUES)))
@pytest.mark.parametrize("rel", TARGETS[0:1] + TARGETS[2:5])
def test_each_odd_value_in_each_kind_of_file(tmp_path: Path, raw: str, rel: str) -> None:
    """Every odd literal once in every kind of file, not left to chance."""
    root = tmp_path / "data"
    shutil.copytree(_template_folder(), root)
    key_name = {"perioden": "cijfer", "meetjaren": "analyse", "ktv.toml": "naam"}.get(
        rel.split("/")[0], "titel"
    )
    text = _valid_text(rel)
    text = re.sub(rf"(?m)^{key_name} = .*$", lambda _: f"{key_name} = {raw}", text, count=1)
    assert raw in text
    files = {rel: text.encode()}
    _write(root, files)
    check_folder(root, files)


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(files=generated_folder())
def test_ktv_check_on_generated_folders_never_shows_a_traceback(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(_template_folder(), root)
        _write(root, files)
        result = run_ktv("--data", root, "check")
        assert result.returncode in (0, 1), result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        summary = result.stdout.strip().splitlines()[-1]
        assert re.fullmatch(r"Geen problemen gevonden in \d+ bestand(en)?\.|\d+ fout(en)?, .*\.", summary)


# --- files that are no plain files ----------------------------------------------------------


def _messages(folder, rel: str) -> list[str]:
    return [p.message for p in folder.problems_of(rel) if p.is_error]


@pytest.fixture
def odd_files(data_root: Path, tmp_path: Path) -> Path:
    """A folder with one valid period and every kind of file that must not be read."""
    root = data_root
    save_period(root, make_period(CONTROL, 1), None)
    outside = tmp_path / "geheim.toml"
    outside.write_text(period_text(make_period("2016-06-02-buite", 2)))
    (root / "perioden/2016-06-02-buite.toml").symlink_to(outside)
    (root / "perioden/2016-06-03-kring.toml").symlink_to("2016-06-03-kring.toml")
    (root / "perioden/2016-06-04-mapje.toml").mkdir()
    os.mkfifo(root / "perioden/2016-06-05-fifo0.toml")
    big = period_text(make_period("2016-06-06-groot", 6, remark="x" * (MAX_FILE_BYTES + 10)))
    (root / "perioden/2016-06-06-groot.toml").write_text(big)
    (root / "meetjaren/2017.toml").symlink_to(outside)
    inside = root / "perioden/2016-06-07-binne.toml"
    inside.symlink_to(period_rel(CONTROL).split("/")[1])  # a link inside the folder is fine
    return root


def test_files_that_are_no_plain_files_are_refused_and_the_rest_loads(odd_files: Path) -> None:
    folder = load_folder(odd_files, TODAY, with_git=False)
    expected = {
        "perioden/2016-06-02-buite.toml": "buiten de gegevensmap",
        "perioden/2016-06-03-kring.toml": "kring",
        "perioden/2016-06-04-mapje.toml": "geen gewoon bestand",
        "perioden/2016-06-05-fifo0.toml": "geen gewoon bestand",
        "perioden/2016-06-06-groot.toml": "te groot",
        "meetjaren/2017.toml": "buiten de gegevensmap",
    }
    for rel, words in expected.items():
        messages = _messages(folder, rel)
        assert any(words in m for m in messages), (rel, messages)
    assert set(folder.periods) == {CONTROL, "2016-06-07-binne"}
    assert "2016-06-02-buite" not in folder.periods  # nothing from outside the folder was read
    for problem in folder.problems:
        assert_good_problem(problem, odd_files)


def test_ktv_check_reports_odd_files_without_hanging(odd_files: Path) -> None:
    """A FIFO named like a data file would block a plain read forever."""
    result = run_ktv("--data", odd_files, "check", timeout=30)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    for name in ("buite", "kring", "mapje", "fifo0", "groot"):
        assert "perioden/2016-06-0" in result.stdout and name in result.stdout, name


def test_a_linked_folder_pointing_outside_is_not_read(data_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "2016-06-01-buite.toml").write_text(period_text(make_period("2016-06-01-buite")))
    shutil.rmtree(data_root / "perioden")
    (data_root / "perioden").symlink_to(elsewhere)
    folder = load_folder(data_root, TODAY, with_git=False)
    assert not folder.periods
    assert any("buiten de gegevensmap" in m for m in _messages(folder, "perioden/2016-06-01-buite.toml"))


def test_unreadable_file_is_refused_and_the_rest_loads(data_root: Path, monkeypatch) -> None:
    """Tests run as root, and chmod 000 does not stop root: the read itself is made to fail."""
    save_period(data_root, make_period(CONTROL, 1), None)
    save_period(data_root, make_period("2016-06-02-dicht", 2), None)
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        if os.fspath(path).endswith("2016-06-02-dicht.toml") and not flags & (os.O_WRONLY | os.O_RDWR):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    folder = load_folder(data_root, TODAY, with_git=False)
    assert any("leesrechten" in m for m in _messages(folder, "perioden/2016-06-02-dicht.toml"))
    assert set(folder.periods) == {CONTROL}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway; see the test above")
def test_unreadable_file_by_permissions(data_root: Path) -> None:
    save_period(data_root, make_period(CONTROL, 1), None)
    locked = data_root / "perioden/2016-06-02-dicht.toml"
    locked.write_text(period_text(make_period("2016-06-02-dicht", 2)))
    locked.chmod(0)
    try:
        folder = load_folder(data_root, TODAY, with_git=False)
        assert any("leesrechten" in m for m in _messages(folder, "perioden/2016-06-02-dicht.toml"))
        assert set(folder.periods) == {CONTROL}
    finally:
        locked.chmod(0o644)


def test_a_file_just_under_the_limit_is_read(data_root: Path) -> None:
    text = period_text(make_period("2016-06-06-groot", 6, remark="x" * 1000))
    padded = text + "#" * (MAX_FILE_BYTES - len(text) - 1) + "\n"
    assert len(padded.encode()) == MAX_FILE_BYTES
    (data_root / "perioden/2016-06-06-groot.toml").write_text(padded)
    folder = load_folder(data_root, TODAY, with_git=False)
    assert "2016-06-06-groot" in folder.periods


def test_ktv_check_is_quick_on_a_huge_exponent(data_root: Path) -> None:
    """`cijfer = 1e999999999` once made the message take gigabytes and seconds to write."""
    text = period_text(make_period("2016-06-01-expon", 1)).replace("cijfer = 7.5", "cijfer = 1e999999999")
    (data_root / "perioden/2016-06-01-expon.toml").write_text(text)
    check = run_ktv("--data", data_root, "check", timeout=20)
    assert check.returncode == 1
    assert "cijfer 1E+999999999 ligt buiten 1 tot 10" in check.stdout


def test_control_characters_in_names_and_keys_never_reach_the_terminal(data_root: Path) -> None:
    """A key or file name is quoted in messages: an ESC in it must not steer the terminal."""
    save_period(data_root, make_period(CONTROL, 1), None)
    text = period_text(make_period("2016-06-02-escap", 2))
    (data_root / "perioden/2016-06-02-escap.toml").write_text(
        text.replace("schema = 1\n", 'schema = 1\n"\\u001b]0;overgenomen\\u0007\\n\\u202e" = 1\n')
    )
    (data_root / "perioden/\x1b[2Jwis\nscherm.toml").write_text(text)
    result = run_ktv("--data", data_root, "check")
    assert result.returncode == 1
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202e]", result.stdout + result.stderr)
    problems = result.stdout.splitlines()[:-1]
    assert len(problems) == 2, result.stdout
    assert all(re.match(r"perioden/\S+\.toml(:\d+)?: (fout|waarschuwing): ", line) for line in problems)
