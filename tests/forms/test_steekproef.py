"""`ktv steekproef`: the forms behind labels of the submitted report, from the submitted commit."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from forms_helpers import git, png_bytes, run_ktv, scan_pdf, submit

CONFIDENTIAL = "Vertrouwelijk – bevat persoonsgegevens"


def read(path: Path) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_refused_without_submission(folder: Path) -> None:
    result = run_ktv("steekproef", "--jaar", "2017", "Werknemer C", "--today", "2017-06-10", cwd=folder, rc=2)
    assert "indiening" in result.stderr
    assert not (folder / "rapporten" / "steekproef").exists()


def test_two_labels_from_the_submitted_commit_with_scan_pages(folder: Path, tmp_path: Path) -> None:
    submit(folder)
    # After the submission: scans come in, a cijfer is changed and a period that ends earlier is
    # added (in today's data it would take the label Werknemer A and shift the others).
    two_pages = tmp_path / "c.pdf"
    two_pages.write_bytes(scan_pdf("SCAN-VAN-C", pages=2))
    photo = tmp_path / "b.png"
    photo.write_bytes(png_bytes())
    run_ktv("bijlage", "2016-07-01-eeeee", "werknemer", str(two_pages), cwd=folder)
    run_ktv("bijlage", "2016-04-22-ccccc", "werknemer", str(photo), cwd=folder)
    edited = folder / "perioden" / "2016-07-01-eeeee.toml"
    edited.write_text(edited.read_text("utf-8").replace("cijfer = 8.0", "cijfer = 9.5", 1), encoding="utf-8")
    (folder / "perioden" / "2016-01-05-fffff.toml").write_text(
        'schema = 1\nwerknemer = "WN-900"\nwerkgever = "WG-900"\nbegin = 2016-01-05\neinde = 2016-05-20\n'
        "\n[beoordeling.werknemer]\ncijfer = 4.0\n",
        encoding="utf-8",
    )
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "later")

    result = run_ktv(
        "steekproef", "--jaar", "2017", "Werknemer", "C", "Werknemer B", "--today", "2017-06-10", cwd=folder
    )
    made = list((folder / "rapporten" / "steekproef").glob("*.pdf"))
    assert len(made) == 1, result.stdout
    pages = read(made[0])
    texts = [squeeze(page.extract_text()) for page in pages]
    whole = " ".join(texts)
    assert all(CONFIDENTIAL in text for text in texts)
    # Werknemer C as submitted: WN-003 with 8 (not today's 9,5); Werknemer B: WN-002 with 5,5 and 8
    assert "WN-003" in whole and "WN-002" in whole
    assert "9,5" not in whole and "Cijfer: 4" not in whole
    assert whole.count("Cijfer: 8") == 2 and "Cijfer: 5,5" in whole
    for other in ("WN-001", "WN-900", "WG-001", "WG-002", "WG-900", "2016-01-05-fffff"):
        assert other not in whole
    # the scan pages: two PDF pages copied with their text, one image placed
    assert sum("SCAN-VAN-C" in text for text in texts) == 2
    assert "SCAN-VAN-C blad 1" in whole and "SCAN-VAN-C blad 2" in whole
    image_pages = [page for page in pages if page.images]
    assert len(image_pages) == 1
    # intro with C, two scan pages of C, B's first period, its photo page, B's second period
    assert len(pages) == 6


def test_sleutel_prints_label_table(folder: Path) -> None:
    submit(folder)
    result = run_ktv("steekproef", "--jaar", "2017", "--sleutel", "--today", "2017-06-10", cwd=folder)
    lines = result.stdout.splitlines()
    assert any("Werknemer C" in line and "2016-07-01-eeeee" in line for line in lines)
    assert any("Werkgever 2" in line and "2016-03-18-bbbbb" in line for line in lines)
    assert any("Werknemer A" in line and "2016-02-12-aaaaa" in line for line in lines)


def test_unknown_label_is_refused(folder: Path) -> None:
    submit(folder)
    result = run_ktv("steekproef", "--jaar", "2017", "Werknemer Q", "--today", "2017-06-10", cwd=folder, rc=2)
    assert "Werknemer Q" in result.stderr and "Werknemer A" in result.stderr
