"""Drafts of unsaved typing (SPEC §8): outside the tracked files, atomic, listed newest first."""

from __future__ import annotations

import subprocess

from store.drafts import drafts_dir, list_drafts, remove_draft, save_draft


def test_draft_in_a_git_folder_lives_under_dot_git(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    save_draft(root, "periode-x", {"velden": {"werknemer": "WN-1"}})
    assert drafts_dir(root) == root / ".git" / "ktv-drafts"
    assert [d.data for d in list_drafts(root)] == [{"velden": {"werknemer": "WN-1"}}]
    status = subprocess.run(["git", "-C", str(root), "status", "--porcelain"], capture_output=True, text=True)
    assert status.stdout == ""  # never a tracked or untracked file of the data
    remove_draft(root, "periode-x")
    assert list_drafts(root) == []


def test_draft_without_git_lives_in_the_users_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    root = tmp_path / "data"
    root.mkdir()
    save_draft(root, "meetjaar-2026", {"velden": {"analysis": "tekst"}})
    assert drafts_dir(root).is_relative_to(cache / "ktv" / "drafts")
    assert not any(root.iterdir())
    save_draft(root, "meetjaar-2026", {"velden": {"analysis": "tekst 2"}})
    drafts = list_drafts(root)
    assert [d.data["velden"]["analysis"] for d in drafts] == ["tekst 2"]
    assert [p.name for p in drafts_dir(root).iterdir()] == ["meetjaar-2026.json"]  # no temp file left


def test_an_unreadable_draft_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = tmp_path / "data"
    root.mkdir()
    save_draft(root, "periode-a", {"velden": {}})
    (drafts_dir(root) / "periode-b.json").write_text("{half")
    assert [d.name for d in list_drafts(root)] == ["periode-a"]
