"""One `git cat-file --batch` answers many questions in one round trip, exactly as plain git does."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import git as plain
from store import git_batch
from store.git_batch import PIPE_REQUEST_BYTES, WorkingTree, changed_since, prefetch, show_file
from tests.gitutil import commit_all, init_repo


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    root = init_repo(tmp_path / "map")
    (root / "perioden").mkdir()
    commits = []
    for step in range(3):
        (root / "perioden" / f"p{step}.toml").write_text(f"schema = 1\nstap = {step}\n")
        (root / "ktv.toml").write_text(f"naam = 'Org {step}'\n")
        commits.append(commit_all(root, f"stap {step}"))
    (root / "perioden" / "p0.toml").write_text("schema = 1\nstap = 'nu'\n")
    (root / "perioden" / "p1.toml").unlink()
    (root / "perioden" / "nieuw.toml").write_text("schema = 1\n")
    git_batch._SESSIONS.clear()
    return root, commits


def test_many_answers_in_order_match_one_by_one(repo):
    root, commits = repo
    specs = [f"{c}:./ktv.toml" for c in commits] + ["0" * 40 + ":./ktv.toml", f"{commits[0]}:./niet-er"]
    session = git_batch._session(root)
    together = session.get_many(specs)
    git_batch._SESSIONS.clear()
    alone = [git_batch._session(root).get(spec) for spec in specs]
    assert together == alone
    assert [item[1] for item in together[:3]] == [f"naam = 'Org {i}'\n".encode() for i in range(3)]
    assert together[3] is None and together[4] is None


def test_more_requests_than_a_pipe_holds_do_not_block(repo):
    root, commits = repo
    spec = f"{commits[0]}:./ktv.toml"
    count = PIPE_REQUEST_BYTES // len(spec) * 3  # three pipe-fulls of requests
    answers = git_batch._session(root).get_many([spec] * count)
    assert len(answers) == count and all(answer[1] == b"naam = 'Org 0'\n" for answer in answers)


def test_changes_against_several_commits_match_git_diff(repo):
    root, commits = repo
    prefetch(root, [*commits, *(f"{c}:./perioden" for c in commits)])
    tree = WorkingTree(root)
    for commit in commits:
        assert changed_since(root, commit, tree=tree) == plain.changed_since(root, commit, "perioden")


def test_show_file_matches_git_show(repo):
    root, commits = repo
    for commit in commits:
        assert show_file(root, commit, "perioden/p0.toml") == plain.show_file(
            root, commit, "perioden/p0.toml"
        )
    assert show_file(root, commits[0], "perioden/p2.toml") is None


def test_only_objects_named_by_a_full_commit_id_are_kept(repo):
    root, commits = repo
    session = git_batch._session(root)
    session.get_many([f"{commits[0]}:./ktv.toml", f"{commits[0][:10]}:./ktv.toml", "HEAD:./ktv.toml"])
    assert set(session.found) == {f"{commits[0]}:./ktv.toml"}
