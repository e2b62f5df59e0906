"""Generated hostile input against every command, as the installed `ktv` process (issue 10: 2, 5, 8, 9).

The table in tests/hostile_inputs.py (texts with markup and control characters, undecodable and
binary file contents, names that are not UTF-8, hostile paths) goes into two folders, built once;
every command runs on them with and without --json, and hostile paths go to --data, KTV_DATA and
-o. Nothing may print a traceback or a raw escape sequence, the output is valid UTF-8 (run_ktv
decodes it strictly) and the exit code is 0, 1 or 2. The processes run side by side to stay fast.
"""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from hostile_inputs import NAMES, TEXTS, add_hostile_files, git_commit_all, markup_questionnaire
from seed_folder import SEED_PERIODS, run_ktv, seed_period_text

from store.create import create_data_folder

TODAY = "2017-06-10"
COMMANDS = [
    ["check"],
    ["deadlines"],
    ["stats", "--jaar", "2017"],
    ["report", "--concept", "--jaar", "2017"],
    ["melding", "--jaar", "2017"],
    ["fmt", "--check"],
]


def _seeded(root: Path) -> Path:
    create_data_folder(root, "Jobcoach Voorbeeld B.V.", date(2013, 5, 12), git=False)
    for row in SEED_PERIODS:
        (root / "perioden" / f"{row[0]}.toml").write_text(seed_period_text(row), encoding="utf-8")
    (root / "meetjaren" / "2017.toml").write_text('schema = 1\nanalyse = "A"\nconclusies = "C"\n')
    return root


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("vijandig")
    markup = _seeded(base / "opmaak")
    markup_questionnaire(markup)
    for name in NAMES:
        with open(os.fsencode(markup / "rapporten") + b"/" + name + b".pdf", "wb") as handle:
            handle.write(b"%PDF-1.7\n\x00\xff")
    git_commit_all(markup)
    broken = _seeded(base / "kapot")
    git_commit_all(broken)
    used = add_hostile_files(broken)
    assert used + len(NAMES) >= 50
    return {"opmaak": markup, "kapot": broken, "base": base}


def _run(args: list, env: dict | None = None, cwd: Path | None = None):
    result = run_ktv(*args, cwd=cwd or Path("/tmp"), env=env)
    assert result.returncode in (0, 1, 2), (args, result.returncode, result.stderr[-2000:])
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x9b" not in stream and "\u202e" not in stream, (args, stream)
    return result


def _all(calls: list[tuple[list, dict | None]], cwd: Path) -> list:
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [pool.submit(_run, args, env, cwd) for args, env in calls]
        return [future.result() for future in futures]


def test_every_command_on_hostile_folders(folders) -> None:
    calls = []
    for name in ("opmaak", "kapot"):
        for command in COMMANDS:
            for json_flag in ([], ["--json"]):
                calls.append((["--data", str(folders[name]), *command, *json_flag, "--today", TODAY], None))
    results = _all(calls, folders["base"])
    by_args = {tuple(args): result for (args, _env), result in zip(calls, results, strict=True)}

    for (args, _env), done in zip(calls, results, strict=True):
        if "--json" in args and done.returncode == 0:
            json.loads(done.stdout)  # JSON for programs stays JSON, whatever the data holds

    def result(name: str, *command: str):
        return by_args[("--data", str(folders[name]), *command, "--today", TODAY)]

    # The markup folder is valid: its numbers are made and its texts printed literally.
    stats = result("opmaak", "stats", "--jaar", "2017")
    assert stats.returncode == 0, stats.stderr
    assert "[bold]Begeleiding[/x] :smile: $(ls)" in stats.stdout and "ja [/bold]" in stats.stdout
    assert json.loads(result("opmaak", "stats", "--jaar", "2017", "--json").stdout)["jaar"] == 2017
    assert "[bold]Org[/x] :smile: [link=x]" in result("opmaak", "deadlines").stdout
    assert result("opmaak", "report", "--concept", "--jaar", "2017").returncode == 0
    check = result("opmaak", "check").stdout  # names under rapporten/ are warnings only
    assert "rapporten/\ufffd.pdf: waarschuwing" in check
    assert not [line for line in check.splitlines() if line.startswith("rapporten/") and ": fout" in line]
    # The broken folder: errors, named with file and line; deadlines still answers.
    check = result("kapot", "check")
    assert check.returncode == 1
    assert "perioden/\ufffd.toml: fout" in check.stdout and "meetjaren/\ufffd.toml: fout" in check.stdout
    assert "vragenlijsten/\ufffd.toml: fout" in check.stdout
    assert json.loads(result("kapot", "deadlines", "--json").stdout)["fouten"] > 50
    for command in (["stats", "--jaar", "2017"], ["report", "--concept", "--jaar", "2017"]):
        assert result("kapot", *command).returncode == 2
    # fmt really writing, once the others are done.
    _run(["--data", str(folders["kapot"]), "fmt", "--today", TODAY])


def test_hostile_paths_to_data_and_output(folders, tmp_path: Path) -> None:
    markup = folders["opmaak"]
    loop = tmp_path / "lus"
    loop.symlink_to(loop.name)
    (tmp_path / "lus.pdf").symlink_to("lus.pdf")
    (tmp_path / "[").mkdir()
    outputs = [
        "[bold]y.pdf",
        "[/x].pdf",
        "\x1b[2J.pdf",
        os.fsdecode(b"\xff.pdf"),
        "~geen_gebruiker_xyz/a.pdf",
        "~/a.pdf",
        str(markup / "rapporten"),
        str(markup / "ktv.toml"),
        "geen/map/x.pdf",
        "",
        "x" * 300 + ".pdf",
        "lus.pdf",
        "/dev/null",
    ]
    datas = [
        "~geen_gebruiker_xyz",
        "~geen_gebruiker_xyz/map",
        "x[/x]",
        "[bold]",
        os.fsdecode(b"\xff"),
        "/dev/null",
        str(loop),
        str(markup / "ktv.toml"),
        "\x1b[2J",
        TEXTS[5],
    ]
    env = {"HOME": str(tmp_path)}
    calls = [
        (["--data", str(markup), "report", "--concept", "--jaar", "2017", "-o", out, "--today", TODAY], env)
        for out in outputs
    ]
    calls += [(["--data", data, "check", "--today", TODAY], env) for data in datas]
    calls += [(["deadlines", "--json", "--today", TODAY], {**env, "KTV_DATA": data}) for data in datas[:3]]
    calls += [
        (["init", data, "--naam", "O", "--erkenningsdatum", "2013-05-12", "--no-git"], env)
        for data in datas[2:5]
    ]
    results = _all(calls, tmp_path)
    first = dict(zip(outputs, results, strict=False))
    assert first["[bold]y.pdf"].returncode == 0 and "[bold]y.pdf" in first["[bold]y.pdf"].stdout
    assert first["[/x].pdf"].returncode == 0 and "[/x].pdf" in first["[/x].pdf"].stdout
    assert "bestaat niet" in first["~geen_gebruiker_xyz/a.pdf"].stderr
    assert first["~/a.pdf"].returncode == 0 and (tmp_path / "a.pdf").is_file()
    assert "kring" in first["lus.pdf"].stderr
    assert "te lang" in first["x" * 300 + ".pdf"].stderr
    assert (markup / "ktv.toml").read_text().startswith("schema")
    shutil.rmtree(tmp_path / "[", ignore_errors=True)
