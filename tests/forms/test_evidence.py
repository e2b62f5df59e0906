"""`ktv bijlage` and the scan checks of `ktv check` (SPEC §11)."""

from __future__ import annotations

import json
from pathlib import Path

from forms_helpers import PERIODS, png_bytes, run_ktv, scan_pdf

from store.evidence import evidence_files, shared_evidence
from store.folder import load_folder

PID = PERIODS[0][0]


def check_codes(root: Path) -> dict[str, list[dict]]:
    result = run_ktv("check", "--json", "--today", "2017-06-01", cwd=root, rc=None)
    found: dict[str, list[dict]] = {}
    for problem in json.loads(result.stdout)["problemen"]:
        found.setdefault(problem["code"], []).append(problem)
    return found


def test_attach_copies_and_records(folder: Path, tmp_path: Path) -> None:
    scan = tmp_path / "scan zonder extensie"
    scan.write_bytes(scan_pdf("Ingevuld formulier"))
    result = run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    assert "bijlagen/" in result.stdout
    target = folder / "bijlagen" / PID / "werknemer.pdf"
    assert target.read_bytes() == scan.read_bytes()
    text = (folder / "perioden" / f"{PID}.toml").read_text("utf-8")
    assert 'bijlage = "werknemer.pdf"' in text
    # canonical place: right after the form's cijfer, the answers untouched
    assert 'cijfer = 7.0\nbijlage = "werknemer.pdf"\n' in text
    assert 'begeleiding = "ja"' in text
    assert run_ktv("check", "--today", "2017-06-01", cwd=folder).returncode == 0
    assert run_ktv("fmt", "--check", cwd=folder, rc=None).returncode == 0
    assert not [p for p in (folder / "bijlagen" / PID).iterdir() if p.name.startswith(".")]


def test_png_by_content_and_replace_asks(folder: Path, tmp_path: Path) -> None:
    first = tmp_path / "foto.jpg"  # a PNG under a wrong name: the content decides
    first.write_bytes(png_bytes())
    run_ktv("bijlage", PID, "werkgever", str(first), cwd=folder)
    assert (folder / "bijlagen" / PID / "werkgever.png").is_file()
    second = tmp_path / "scan.pdf"
    second.write_bytes(scan_pdf("Tweede"))
    refused = run_ktv("bijlage", PID, "werkgever", str(second), cwd=folder, rc=2)
    assert "--vervang" in refused.stderr
    assert (folder / "bijlagen" / PID / "werkgever.png").read_bytes() == first.read_bytes()
    assert 'bijlage = "werkgever.png"' in (folder / "perioden" / f"{PID}.toml").read_text("utf-8")
    run_ktv("bijlage", PID, "werkgever", str(second), "--vervang", cwd=folder)
    assert not (folder / "bijlagen" / PID / "werkgever.png").exists()
    assert (folder / "bijlagen" / PID / "werkgever.pdf").read_bytes() == second.read_bytes()
    assert 'bijlage = "werkgever.pdf"' in (folder / "perioden" / f"{PID}.toml").read_text("utf-8")


def test_not_a_scan_is_refused(folder: Path, tmp_path: Path) -> None:
    for name, content in (("x.pdf", b"Hallo, geen PDF"), ("leeg.png", b""), ("a.jpg", b"GIF89a....")):
        bad = tmp_path / name
        bad.write_bytes(content)
        result = run_ktv("bijlage", PID, "werknemer", str(bad), cwd=folder, rc=2)
        assert "geen PDF, PNG of JPEG" in result.stderr
    missing = run_ktv("bijlage", PID, "werknemer", str(tmp_path / "weg.pdf"), cwd=folder, rc=2)
    assert "bestaat niet" in missing.stderr
    unknown = run_ktv("bijlage", "2016-01-01-zzzzz", "werknemer", str(tmp_path / "x.pdf"), cwd=folder, rc=2)
    assert "bestaat niet" in unknown.stderr
    assert not (folder / "bijlagen").exists()
    assert "bijlage" not in (folder / "perioden" / f"{PID}.toml").read_text("utf-8")


def test_check_missing_unreadable_and_required_scans(folder: Path, tmp_path: Path) -> None:
    scan = tmp_path / "s.pdf"
    scan.write_bytes(scan_pdf("x"))
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    run_ktv("bijlage", PERIODS[2][0], "werknemer", str(scan), cwd=folder)
    assert "formulier-zonder-bijlage" not in check_codes(folder)  # not asked for without [bewijs]
    (folder / "bijlagen" / PID / "werknemer.pdf").unlink()
    (folder / "bijlagen" / PERIODS[2][0] / "werknemer.pdf").write_bytes(b"kapot")
    with (folder / "ktv.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[bewijs]\nscans = true\ndelen = false\n")
    codes = check_codes(folder)
    assert [p["bestand"] for p in codes["bijlage-ontbreekt"]] == [f"perioden/{PID}.toml"]
    assert codes["bijlage-ontbreekt"][0]["ernst"] == "fout" and codes["bijlage-ontbreekt"][0]["regel"]
    assert [p["bestand"] for p in codes["bijlage-onleesbaar"]] == [f"perioden/{PERIODS[2][0]}.toml"]
    without = codes["formulier-zonder-bijlage"]
    assert all(p["ernst"] == "waarschuwing" for p in without)
    assert (
        len(without) == 2 * 5 - 1 - 2
    )  # received forms (one werkgever form missing) minus the two with a scan
    assert run_ktv("check", "--today", "2017-06-01", cwd=folder, rc=1)


def test_bijlage_value_is_checked(folder: Path) -> None:
    path = folder / "perioden" / f"{PID}.toml"
    path.write_text(
        path.read_text("utf-8").replace("cijfer = 7.0\n", 'cijfer = 7.0\nbijlage = "../ktv.toml"\n')
    )
    assert "ongeldige-waarde" in check_codes(folder)
    path.write_text(path.read_text("utf-8").replace('"../ktv.toml"', '"werkgever.pdf"'))
    assert "ongeldige-waarde" in check_codes(folder)


def test_sharing_follows_bewijs_delen(folder: Path, tmp_path: Path) -> None:
    scan = tmp_path / "s.png"
    scan.write_bytes(png_bytes())
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    loaded = load_folder(folder, __import__("datetime").date(2017, 6, 1))
    assert shared_evidence(folder, loaded.organisation) is False
    assert evidence_files(folder) == [f"bijlagen/{PID}/werknemer.png"]
    with (folder / "ktv.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[bewijs]\ndelen = true\n")
    loaded = load_folder(folder, __import__("datetime").date(2017, 6, 1))
    assert shared_evidence(folder, loaded.organisation) is True
    assert "delen = true" in (folder / "ktv.toml").read_text("utf-8")
    run_ktv("fmt", cwd=folder, rc=None)
    assert "[bewijs]\ndelen = true" in (folder / "ktv.toml").read_text("utf-8")


def test_scans_never_in_export(folder: Path, tmp_path: Path) -> None:
    scan = tmp_path / "s.pdf"
    scan.write_bytes(scan_pdf("GEHEIM-SCAN"))
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    out = tmp_path / "perioden.csv"
    run_ktv("export", "-o", str(out), cwd=folder, rc=None)
    text = out.read_text("utf-8-sig")
    assert "werknemer.pdf" not in text and "bijlage" not in text


def test_scans_stay_out_of_git_unless_shared(folder: Path, tmp_path: Path) -> None:
    from forms_helpers import git

    scan = tmp_path / "s.png"
    scan.write_bytes(png_bytes())
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    assert "bijlagen/" in (folder / ".gitignore").read_text("utf-8").splitlines()
    git(folder, "add", "-A")
    assert "bijlagen/" not in git(folder, "status", "--porcelain")
    assert git(folder, "ls-files", "bijlagen") == ""
    loaded = load_folder(folder, __import__("datetime").date(2017, 6, 1))
    from store.evidence import unshared_evidence

    assert unshared_evidence(folder, loaded.organisation) == [f"bijlagen/{PID}/werknemer.png"]


def test_old_folder_without_ignore_rule_keeps_scans_local(folder: Path, tmp_path: Path) -> None:
    from forms_helpers import git

    ignore = folder / ".gitignore"
    ignore.write_text(ignore.read_text("utf-8").replace("bijlagen/\n", ""), encoding="utf-8")
    git(folder, "commit", "-qam", "oude .gitignore")
    scan = tmp_path / "s.png"
    scan.write_bytes(png_bytes())
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    assert "/bijlagen/" in (folder / ".git" / "info" / "exclude").read_text("utf-8").splitlines()
    git(folder, "add", "-A")
    assert git(folder, "ls-files", "bijlagen") == ""


def test_sync_shares_scans_only_with_delen(folder: Path, tmp_path: Path) -> None:
    from forms_helpers import git

    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(folder, "remote", "add", "origin", str(remote))
    run_ktv("sync", cwd=folder)
    scan = tmp_path / "s.png"
    scan.write_bytes(png_bytes())
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    run_ktv("sync", cwd=folder)
    pushed = git(remote, "ls-tree", "-r", "--name-only", "HEAD")
    assert f"perioden/{PID}.toml" in pushed and "bijlagen/" not in pushed
    # a final document is not blocked by a scan that stays local
    assert (
        run_ktv("report", "--jaar", "2017", "--concept", "--today", "2017-06-01", cwd=folder).returncode == 0
    )
    assert "bijlagen" not in git(folder, "status", "--porcelain", "--untracked-files=all")

    with (folder / "ktv.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n[bewijs]\ndelen = true\n")
    run_ktv("sync", cwd=folder)
    pushed = git(remote, "ls-tree", "-r", "--name-only", "HEAD")
    assert f"bijlagen/{PID}/werknemer.png" in pushed
    other = tmp_path / "ander"
    run_ktv("clone", str(remote), str(other), cwd=tmp_path)
    assert (other / "bijlagen" / PID / "werknemer.png").read_bytes() == scan.read_bytes()
    assert run_ktv("check", "--today", "2017-06-01", cwd=other).returncode == 0


def test_a_missing_scan_does_not_block_the_numbers(folder: Path, tmp_path: Path) -> None:
    scan = tmp_path / "s.pdf"
    scan.write_bytes(scan_pdf("x"))
    run_ktv("bijlage", PID, "werknemer", str(scan), cwd=folder)
    (folder / "bijlagen" / PID / "werknemer.pdf").unlink()
    run_ktv("check", "--today", "2017-06-01", cwd=folder, rc=1)
    stats = run_ktv("stats", "--jaar", "2017", "--json", "--today", "2017-06-01", cwd=folder)
    assert json.loads(stats.stdout)["werknemer"]["weergave"] == "7,2"
