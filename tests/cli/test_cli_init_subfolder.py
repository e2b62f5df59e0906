"""`ktv init` inside an existing git repository makes a sub-folder of it, never a nested
repository (SPEC §9: a data folder inside a larger repository works)."""

from __future__ import annotations

from pathlib import Path

from tests.gitutil import commit_all, git, init_repo


def test_init_inside_a_repository_uses_that_repository(ktv, tmp_path: Path) -> None:
    outer = init_repo(tmp_path / "kwaliteit")
    (outer / "handboek.md").write_text("# Handboek\n")
    commit_all(outer, "handboek")
    out = ktv("init", "ktv/gegevens", "--naam", "Org", "--erkenningsdatum", "2015-03-01", cwd=outer, rc=0)
    data = outer / "ktv" / "gegevens"
    assert not (data / ".git").exists()
    assert "bestaande git-repository" in out.stdout
    assert "merge=ktv" in (data / ".gitattributes").read_text()
    assert git(outer, "config", "merge.ktv.driver").stdout.strip()  # the driver, in the outer config
    ktv("--data", str(data), "check", rc=0)
    commit_all(outer, "ktv erbij")
    tracked = git(outer, "ls-files").stdout.split()
    assert "ktv/gegevens/ktv.toml" in tracked and "handboek.md" in tracked


def test_a_repository_whose_config_names_a_program_is_refused_before_anything_is_made(
    ktv, tmp_path: Path
) -> None:
    outer = init_repo(tmp_path / "kwaliteit")
    marker = tmp_path / "gestart"
    script = tmp_path / "monitor.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\n")
    script.chmod(0o755)
    git(outer, "config", "core.fsmonitor", str(script))
    out = ktv("init", "gegevens", "--naam", "Org", "--erkenningsdatum", "2015-03-01", cwd=outer, rc=2)
    assert "core.fsmonitor" in out.stderr and "niets gemaakt" in out.stderr
    assert not (outer / "gegevens").exists()
    assert not marker.exists()


def test_init_outside_any_repository_makes_its_own(ktv, tmp_path: Path) -> None:
    ktv("init", "los", "--naam", "Org", "--erkenningsdatum", "2015-03-01", cwd=tmp_path, rc=0)
    assert (tmp_path / "los" / ".git").is_dir()


def test_the_demo_inside_a_repository_keeps_its_history_to_itself(ktv, tmp_path: Path) -> None:
    outer = init_repo(tmp_path / "werk")
    commit_all(outer, "leeg")
    ktv("demo", "proef", "--no-tui", "--today", "2026-11-26", cwd=outer, rc=0)
    assert (outer / "proef" / ".git").is_dir()
    assert git(outer, "rev-list", "--count", "HEAD").stdout.strip() == "1"
