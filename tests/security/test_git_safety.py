"""Issue 19 item 1: a data folder never makes ktv run a program its own git config names.

A real script writes a marker file; it is planted through every kind of setting a copied folder
can carry. After every command the marker does not exist, and the command refuses (exit 2) with
a Dutch message naming the setting and how to remove it. The user's global config stays trusted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from store.git_safety import UnsafeFolder, check_folder, unsafe_settings

from .helpers import TODAY, git

COMMANDS = [
    ["check"],
    ["deadlines"],
    ["deadlines", "--json"],
    ["stats", "--jaar", "2017"],
    ["report", "--concept", "--jaar", "2017"],
    ["fmt"],
    ["export", "-o", "UIT/perioden.csv"],
    ["historie", "2016-02-12-aaaaa"],
    ["ontbrekend"],
    ["sync"],
    [],  # the app's start (without a terminal: the overview)
]


@pytest.fixture
def script(tmp_path: Path) -> tuple[Path, Path]:
    marker = tmp_path / "MARKER"
    path = tmp_path / "kwaad.sh"
    path.write_text(f"#!/bin/sh\necho ja > {marker}\ncat\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path, marker


def _plant_config(root: Path, key: str, value: str) -> None:
    git(root, "config", key, value)


SETTINGS = [
    ("core.fsmonitor", "{s}"),
    ("core.hooksPath", "{d}"),
    ("core.sshCommand", "{s}"),
    ("core.pager", "{s}"),
    ("core.editor", "{s}"),
    ("core.gitProxy", "{s}"),
    ("core.askPass", "{s}"),
    ("filter.x.clean", "{s}"),
    ("filter.x.smudge", "{s}"),
    ("diff.x.textconv", "{s}"),
    ("diff.x.command", "{s}"),
    ("diff.external", "{s}"),
    ("merge.ander.driver", "{s} %A"),
    ("merge.ktv.driver", "{s} %O %A %B"),
    ("credential.helper", "{s}"),
    ("alias.st", "!{s}"),
    ("pager.log", "{s}"),
    ("gpg.program", "{s}"),
    ("sequence.editor", "{s}"),
    ("remote.origin.uploadpack", "{s}"),
]


@pytest.mark.parametrize(("key", "value"), SETTINGS, ids=[k for k, _ in SETTINGS])
def test_a_setting_naming_a_program_is_refused(seed, ktv, script, key, value):
    path, marker = script
    _plant_config(seed, key, value.format(s=path, d=path.parent))
    result = ktv("--data", str(seed), "check", "--today", TODAY, rc=2)
    assert key in result.stderr
    assert f"git -C {seed} config --unset {key}" in result.stderr
    assert "geweigerd" in result.stderr
    assert not marker.exists()


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "app")
def test_fsmonitor_runs_for_no_command(seed, ktv, script, args, tmp_path):
    path, marker = script
    (tmp_path / "UIT").mkdir()
    git(seed, "config", "core.fsmonitor", str(path))
    result = ktv("--data", str(seed), *args, "--today", TODAY, rc=2)
    assert "core.fsmonitor" in result.stderr
    assert not marker.exists(), args


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "app")
def test_a_filter_in_gitattributes_runs_for_no_command(seed, ktv, script, args, tmp_path):
    path, marker = script
    (tmp_path / "UIT").mkdir()
    git(seed, "config", "filter.x.clean", str(path))
    with open(seed / ".gitattributes", "a", encoding="utf-8") as handle:
        handle.write("*.toml filter=x\n")
    result = ktv("--data", str(seed), *args, "--today", TODAY, rc=2)
    assert "filter" in result.stderr and ".gitattributes" in result.stderr
    assert not marker.exists(), args


def test_an_attribute_in_a_subfolder_or_info_attributes_is_found(seed, script):
    (seed / "perioden" / ".gitattributes").write_text("*.toml diff=kwaad\n", encoding="utf-8")
    (seed / ".git" / "info").mkdir(exist_ok=True)
    (seed / ".git" / "info" / "attributes").write_text("*.toml filter=y\n", encoding="utf-8")
    found = {(s.key, s.value) for s in unsafe_settings(seed)}
    assert ("diff", "kwaad") in found and ("filter", "y") in found


def test_an_included_config_file_is_read(seed, ktv, script, tmp_path):
    path, marker = script
    included = tmp_path / "ingesloten.cfg"
    included.write_text(f"[core]\n\tfsmonitor = {path}\n", encoding="utf-8")
    git(seed, "config", "include.path", str(included))
    result = ktv("--data", str(seed), "deadlines", "--today", TODAY, rc=2)
    assert "core.fsmonitor" in result.stderr and str(included) in result.stderr
    assert not marker.exists()


def test_hooks_in_the_folder_never_run(seed, ktv, script, tmp_path):
    """A copied folder's .git/hooks (the default hook path) run for no command: commit, push."""
    path, marker = script
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(seed, "remote", "add", "origin", str(remote))
    git(seed, "push", "-q", "-u", "origin", "HEAD")
    for hook in (
        "pre-commit",
        "commit-msg",
        "post-commit",
        "pre-push",
        "post-merge",
        "reference-transaction",
    ):
        target = seed / ".git" / "hooks" / hook
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        target.chmod(0o755)
    period = seed / "perioden" / "2016-02-12-aaaaa.toml"
    period.write_text(period.read_text(encoding="utf-8").replace("7.0", "7.5", 1), encoding="utf-8")
    result = ktv("--data", str(seed), "sync", "-m", "wijziging", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    ktv("--data", str(seed), "report", "--concept", "--jaar", "2017", "--today", TODAY, rc=0)
    assert not marker.exists()


def test_ktv_s_own_setup_passes(seed, ktv):
    """The merge driver ktv registers itself, and harmless settings, are no reason to refuse."""
    git(seed, "config", "alias.st", "status")
    git(seed, "config", "core.fsmonitor", "false")
    git(seed, "config", "pager.log", "false")
    assert unsafe_settings(seed) == []
    ktv("--data", str(seed), "check", "--today", TODAY, rc=0)


def test_the_user_s_global_config_stays_trusted(seed, ktv, script, tmp_path):
    path, marker = script
    config = tmp_path / "globaal.cfg"
    config.write_text(f"[core]\n\tsshCommand = {path}\n\tpager = less\n", encoding="utf-8")
    result = ktv("--data", str(seed), "check", "--today", TODAY, env={"GIT_CONFIG_GLOBAL": str(config)})
    assert result.returncode == 0, result.stderr


def test_the_app_refuses_the_folder(seed, script):
    from ktv_tui.app.app import KtvApp

    path, _ = script
    git(seed, "config", "core.fsmonitor", str(path))
    with pytest.raises(UnsafeFolder):
        KtvApp(seed)
    with pytest.raises(UnsafeFolder, match="core.fsmonitor"):
        check_folder(seed)


def test_a_folder_without_git_is_fine(tmp_path, ktv):
    from .helpers import make_seed

    root = make_seed(tmp_path / "geen-git", with_git=False)
    ktv("--data", str(root), "check", "--today", TODAY, rc=0)
    assert os.path.isdir(root)


def test_a_data_folder_inside_a_bigger_repository_reads_the_parent_s_attributes(tmp_path, ktv, script):
    """The data folder as a subfolder of a repository: the parent's config and attributes apply."""
    from .helpers import make_seed

    path, marker = script
    outer = tmp_path / "buiten"
    outer.mkdir()
    git(outer, "init", "-q")
    (outer / ".gitattributes").write_text("*.toml filter=kwaad\n", encoding="utf-8")
    git(outer, "config", "filter.kwaad.clean", str(path))
    root = make_seed(outer / "data", with_git=False)
    result = ktv("--data", str(root), "check", "--today", TODAY, rc=2)
    assert "filter" in result.stderr and ".gitattributes" in result.stderr
    assert not marker.exists()
