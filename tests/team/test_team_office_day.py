"""A day of office work (issue 21, "done when"): a bare remote and three clones; 200 random edits
in random clones (fields, texts, comments, deletes, renames, PDFs made and submitted, ktv.toml
and questionnaire edits), `ktv sync` as a process in random order, conflicts resolved by random
picks (`--mijn`, `--hun`, `--beide`). At the end every clone is identical, `ktv check` has no
errors, every edit is present or was overruled by a pick that showed it (or by a later edit made
where it was seen), and no byte of a submitted PDF changed.

Each edit writes a unique token (`E0042`) so its survival can be traced through every merge.
"""

from __future__ import annotations

import json
import os
import random
import re
import tomllib
from pathlib import Path

from .conftest import TODAY, git, ktv, make_team

EDITS = 200
TOKEN = re.compile(r"E\d{4}")
SEED = int(os.environ.get("KTV_OFFICE_DAY_SEED", "2126"))


def tokens(text: str | None) -> set[str]:
    return set(TOKEN.findall(text or ""))


class Office:
    """The three clones, the tokens written, and the tokens legitimately gone."""

    def __init__(self, team: dict[str, Path], rng: random.Random) -> None:
        self.clones = [team[name] for name in ("a", "b", "c")]
        self.rng = rng
        self.count = 0
        self.written: set[str] = set()
        self.gone: set[str] = set()
        self.submitted: dict[str, bytes] = {}
        self.syncs = 0

    def token(self) -> str:
        self.count += 1
        token = f"E{self.count:04d}"
        self.written.add(token)
        return token

    def periods(self, root: Path) -> list[Path]:
        return sorted((root / "perioden").glob("*.toml"))

    # --- edits ---------------------------------------------------------------------------------

    def edit(self, root: Path) -> None:
        kind = self.rng.choice(
            [
                "field",
                "field",
                "grade",
                "text",
                "text",
                "comment",
                "delete",
                "rename",
                "add",
                "pdf",
                "org",
                "questionnaire",
            ]
        )
        getattr(self, f"edit_{kind}")(root)

    def _replace_line(self, path: Path, key: str, new_line: str) -> None:
        text = path.read_text()
        lines = text.splitlines()
        for index, line in enumerate(lines):
            if line.startswith(f"{key} = "):
                self.gone |= tokens(line.split("#")[0])
                lines[index] = new_line
                break
        else:
            at = next(
                i for i, line in enumerate(lines) if line.startswith("einde") or line.startswith("naam")
            )
            lines.insert(at + 1, new_line)
        path.write_text("\n".join(lines) + "\n")

    def edit_field(self, root: Path) -> None:
        periods = self.periods(root)
        if not periods:
            return self.edit_add(root)
        key = self.rng.choice(["opmerking", "jobcoach"])
        self._replace_line(self.rng.choice(periods), key, f'{key} = "{self.token()}"')

    def edit_grade(self, root: Path) -> None:
        periods = self.periods(root)
        if not periods:
            return self.edit_add(root)
        path = self.rng.choice(periods)
        text = path.read_text()
        grade = f"cijfer = {self.rng.randint(10, 100) / 10:.1f}"
        path.write_text(re.sub(r"(?m)^cijfer = [0-9.]+", grade, text, count=1))

    def edit_text(self, root: Path) -> None:
        path = root / "meetjaren" / "2027.toml"
        table = tomllib.loads(path.read_text()) if path.exists() else {}
        lines = (table.get("analyse") or "").splitlines()
        if lines and self.rng.random() < 0.5:
            index = self.rng.randrange(len(lines))
            self.gone |= tokens(lines[index])
            lines[index] = f"Regel {self.token()} aangepast."
        else:
            lines.insert(self.rng.randint(0, len(lines)), f"Regel {self.token()} over de cijfers.")
        rest = {k: v for k, v in table.items() if k not in ("schema", "analyse")}
        body = "".join(f'{k} = "{v}"\n' for k, v in rest.items())
        path.write_text('schema = 1\nanalyse = """\n' + "\n".join(lines) + '\n"""\n' + body)

    def edit_comment(self, root: Path) -> None:
        periods = self.periods(root)
        if not periods:
            return self.edit_add(root)
        path = self.rng.choice(periods)
        lines = path.read_text().splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith("werkgever"))
        lines.insert(at, f"# notitie {self.token()}")
        path.write_text("\n".join(lines) + "\n")

    def edit_delete(self, root: Path) -> None:
        periods = self.periods(root)
        if len(periods) > 3:
            path = self.rng.choice(periods)
            self.gone |= tokens(path.read_text())
            path.unlink()

    def edit_rename(self, root: Path) -> None:
        periods = self.periods(root)
        if periods:
            path = self.rng.choice(periods)
            new = path.with_name(f"2027-02-01-r{self.count:04d}{self.rng.randrange(10**6):06d}.toml")
            path.rename(new)

    def edit_add(self, root: Path) -> None:
        token = self.token()
        day = self.rng.randint(1, 28)
        text = (
            f'schema = 1\nwerknemer = "WN-{self.count:04d}"\nwerkgever = "WG-007"\nbegin = 2027-01-{day:02d}\n'
            f'einde = 2027-03-{day:02d}\nopmerking = "{token}"\n\n[beoordeling.werknemer]\n'
            f"ontvangen = 2027-04-{day:02d}\ncijfer = 7.5\n"
        )
        (
            root / "perioden" / f"2027-01-{day:02d}-n{self.count:04d}{self.rng.randrange(10**6):06d}.toml"
        ).write_text(text)

    def edit_pdf(self, root: Path) -> None:
        index = self.clones.index(root)
        years = [
            y for y in range(2018, 2027) if y % 3 == index and not (root / "meetjaren" / f"{y}.toml").exists()
        ]
        (root / "rapporten" / "klanttevredenheid-2027-concept.pdf").write_bytes(os.urandom(64))
        if not years:
            return
        year = self.rng.choice(years)
        data = b"%PDF-1.4\n" + os.urandom(2048) + b"\n%%EOF\n"
        (root / "rapporten" / f"melding-{year}.pdf").write_bytes(data)
        (root / "meetjaren" / f"{year}.toml").write_text(f"schema = 1\nmelding_op = {year}-06-15\n")
        self.submitted[f"rapporten/melding-{year}.pdf"] = data

    def edit_org(self, root: Path) -> None:
        key = self.rng.choice(["accounthouder", "kenmerk"])
        self._replace_line(root / "ktv.toml", key, f'{key} = "{self.token()}"')

    def edit_questionnaire(self, root: Path) -> None:
        path = root / "vragenlijsten" / "werkgever.toml"
        text = path.read_text()
        old = re.search(r'(?m)^titel = "(.*)"$', text)
        self.gone |= tokens(old.group(1))
        path.write_text(text.replace(old.group(0), f'titel = "Werkgever {self.token()}"', 1))

    # --- syncing -------------------------------------------------------------------------------

    def sync(self, root: Path) -> None:
        """`ktv sync`; on a conflict a random pick (as often as the conflicts are shown)."""
        result = ktv("sync", "--json", cwd=root)
        self.syncs += 1
        for _ in range(10):
            data = json.loads(result.stdout)
            if result.returncode == 0:
                return
            assert data["conflicten"], (result.stdout, result.stderr)
            texts = all(c["veld"] and "analyse" in c["veld"] for c in data["conflicten"])
            side = self.rng.choice(["mijn", "hun", "beide"] if texts else ["mijn", "hun"])
            self._overruled(root, data["conflicten"], side)
            result = ktv("sync", "--json", f"--{side}", cwd=root)
            self.syncs += 1
        raise AssertionError(f"sync did not settle: {result.stdout}")

    def _overruled(self, root: Path, conflicts: list[dict], side: str) -> None:
        """The values a pick drops were shown to the person: their tokens are legitimately gone."""
        if side == "beide":
            return
        ref = "@{upstream}"
        for conflict in conflicts:
            loser = conflict["hun"] if side == "mijn" else conflict["ons"]
            keeper = conflict["ons"] if side == "mijn" else conflict["hun"]
            if conflict["veld"] is None:  # a whole file: the version that loses
                ours = (
                    (root / conflict["bestand"]).read_text() if (root / conflict["bestand"]).exists() else ""
                )
                theirs = git(root, "show", f"{ref}:./{conflict['bestand']}", check=False)
                loser, keeper = (theirs, ours) if side == "mijn" else (ours, theirs)
            self.gone |= tokens(loser) - tokens(keeper)


def test_a_day_of_office_work_loses_nothing(tmp_path: Path) -> None:
    team = make_team(tmp_path, ("a", "b", "c"), periods=6)
    office = Office(team, random.Random(SEED))
    for _ in range(EDITS):
        office.edit(office.rng.choice(office.clones))
        if office.rng.random() < 0.2:
            office.sync(office.rng.choice(office.clones))
    for _ in range(2):
        for root in office.clones:
            office.sync(root)
    heads = {git(root, "rev-parse", "HEAD") for root in office.clones}
    assert len(heads) == 1 and heads == {git(team["remote"], "rev-parse", "HEAD")}
    listings = []
    for root in office.clones:
        assert git(root, "status", "--porcelain", "--untracked-files=no") == ""
        files = git(root, "ls-files", "-z").split("\0")
        listings.append({rel: (root / rel).read_bytes() for rel in files if rel})
    assert listings[0] == listings[1] == listings[2]
    final = listings[0]
    check = ktv("check", "--json", "--today", TODAY, cwd=office.clones[0])
    assert json.loads(check.stdout)["fouten"] == 0, check.stdout
    present = set().union(
        *(tokens(data.decode("utf-8", "replace")) for rel, data in final.items() if not rel.endswith(".pdf"))
    )
    lost = office.written - present - office.gone
    assert not lost, f"edits lost without a pick that showed them: {sorted(lost)}"
    for rel, data in office.submitted.items():
        assert final.get(rel) == data, f"{rel} changed"
    assert not any("concept" in rel for rel in final)
    assert office.syncs < 150
