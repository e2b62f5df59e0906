"""Problems are decided on by code and key path, never by their Dutch message (issue 11).

Rewording a message must not silently change what `fmt`, the editor or any other consumer does,
so only the places that *show* a problem may read `.message`; and every code in use is listed in
`store.problems.CODES` and in the README.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from store.problems import CODES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("store", "report", "ktv_tui")

SHOWN_BY = {
    "store/problems.py": "format_problem and sorting",
    "store/create.py": "the refusal text of `ktv init`",
    "store/cache.py": "stores problems as they are",
    "store/parallel.py": "passes problems between processes as they are",
    "ktv_tui/cli/data.py": "`check --json` bericht",
    "store/sheet.py": "shows a row's problems in the spreadsheet's column names (`ktv import`)",
    "ktv_tui/app/screens/period_editor.py": "shows a field's problems under the field",
    "ktv_tui/app/screens/measurement_year.py": "shows the first error in a notification",
}
"""Files that may read `problem.message`: each only to show or carry it, never to decide."""

MESSAGE_USE = re.compile(r"\b(p|x|problem|\w*problems?|\w*errors?|\w*warnings?)\.message\b")
"""A problem's message: `p.message`, `problem.message`, `first_error.message`; a commit's or an
argument's `.message` (`entry.message`, `args.message`) is no problem's."""
DECIDING = re.compile(
    r"""\.message\s*(==|!=|\.(startswith|endswith|split|find|index|count|lower|upper|strip))
      | \bin\s+\w+(\.\w+)*\.message\b
      | re\.\w+\([^)]*\.message""",
    re.VERBOSE,
)


def _python_files():
    for package in PACKAGES:
        yield from sorted((ROOT / package).rglob("*.py"))


def test_no_consumer_decides_on_a_message():
    offenders = []
    for path in _python_files():
        rel = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not MESSAGE_USE.search(line):
                continue
            if DECIDING.search(line):
                offenders.append(f"{rel}:{number}: decides on a message: {line.strip()}")
            elif rel not in SHOWN_BY:
                offenders.append(f"{rel}:{number}: reads .message outside the formatters: {line.strip()}")
    assert offenders == [], "\n".join(offenders)


def test_the_guard_catches_the_old_consumers():
    """The patterns above recognise exactly what issue 11 found in the code."""
    for line in (
        'unknown = {p.file for p in folder.warnings if "onbekende sleutel" in p.message}',
        'if key == GENERAL and problem.message.startswith("formulier "):',
        "side = problem.message.split()[1]",
    ):
        assert DECIDING.search(line), line


CODE_ARGUMENT = re.compile(
    r"""\bcode\s*=\s*["']([a-z0-9-]+)["']|_problem_at\([^)]*["']([a-z0-9-]+)["']\s*,?\s*\)"""
)


def test_every_code_in_use_is_listed_and_kebab_case():
    used = set()
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        for match in CODE_ARGUMENT.finditer(text):
            used.add(match.group(1) or match.group(2))
    assert used, "no problem codes found: the pattern is out of date"
    assert used - set(CODES) == set()
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code) for code in CODES)


def test_every_code_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [code for code in CODES if f"`{code}`" not in readme]
    assert missing == []


# --- one golden message per code (issue 18 item 5) --------------------------------------------
# Each code's smallest cause, on a folder of `ktv init` (E = 2013-05-12, eerste_meetjaar 2017),
# checked on 2017-06-01 through the installed `ktv check --json`. The message is for people and
# may be reworded — then this table changes with it, in one place, on purpose.

_P = 'schema = 1\nwerknemer = "WN-1"\nwerkgever = "WG-1"\nbegin = 2016-06-01\neinde = 2017-03-31\n'
_FORMS = "\n[beoordeling.werknemer]\nontvangen = 2017-04-03\ncijfer = 7.0\n\n[beoordeling.werkgever]\nontvangen = 2017-04-03\ncijfer = 7.0\n"
_OK = _P + _FORMS
GOLDEN_CASES: dict[str, dict[str, str | bytes | None]] = {
    "toml-syntax": {"perioden/p.toml": _P + "cijfer 7\n"},
    "conflictmarkering": {"perioden/p.toml": _P + "<<<<<<< HEAD\n"},
    "geen-utf8": {"perioden/p.toml": b'schema = 1\nwerknemer = "\xff"\n'},
    "onleesbaar-bestand": {"perioden/p.toml/": None},
    "ontbrekend-bestand": {"vragenlijsten/werkgever.toml": "DELETE"},
    "ongeldige-naam": {"perioden/P_1.toml": _OK},
    "vreemd-bestand": {"perioden/notities.txt": "x"},
    "onbekend-schema": {"perioden/p.toml": _OK.replace("schema = 1", "schema = 2")},
    "onbekende-sleutel": {
        "perioden/p.toml": _OK.replace(
            "cijfer = 7.0\n\n[beoordeling.werkgever]", "cijfr = 7.0\n\n[beoordeling.werkgever]"
        )
    },
    "ontbrekende-sleutel": {"perioden/p.toml": _OK.replace('werkgever = "WG-1"\n', "")},
    "verkeerd-type": {"perioden/p.toml": _OK.replace("begin = 2016-06-01", 'begin = "1 juni"')},
    "lege-waarde": {"perioden/p.toml": _OK.replace('"WN-1"', '""')},
    "ongeldige-waarde": {"meetjaren/2017.toml": 'schema = 1\nuitslag = "goed"\n'},
    "stuurteken": {"perioden/p.toml": _OK.replace('"WN-1"', '"WN-1\\u202e"')},
    "persoonsgegevens": {"perioden/p.toml": _P + 'opmerking = "mail jan@example.nl"\n' + _FORMS},
    "code-geen-pseudoniem": {"perioden/p.toml": _OK.replace('"WN-1"', '"jansen"')},
    "cijfer-buiten-bereik": {
        "perioden/p.toml": _OK.replace(
            "cijfer = 7.0\n\n[beoordeling.werkgever]", "cijfer = 11\n\n[beoordeling.werkgever]"
        )
    },
    "norm-buiten-bereik": {"ktv.toml": "APPEND:\n[norm]\nwerknemer = 11\nwerkgever = 6.5\n"},
    "te-veel-decimalen": {
        "perioden/p.toml": _OK.replace(
            "cijfer = 7.0\n\n[beoordeling.werkgever]", "cijfer = 7.25\n\n[beoordeling.werkgever]"
        )
    },
    "einde-voor-begin": {
        "perioden/p.toml": _OK.replace("einde = 2017-03-31", "einde = 2016-05-31").replace(
            "2017-04-03", "2016-06-03"
        )
    },
    "onbekende-vraag": {
        "perioden/p.toml": _OK + '\n[beoordeling.werkgever.antwoorden]\nbereikbaarhied = "goed"\n'
    },
    "antwoord-buiten-schaal": {
        "perioden/p.toml": _OK + '\n[beoordeling.werkgever.antwoorden]\nbereikbaarheid = "super"\n'
    },
    "dubbele-vraag": {
        "vragenlijsten/werknemer.toml": 'schema = 1\ntitel = "T"\nschaal = ["nee", "ja"]\n\n[[vraag]]\nid = "a"\ntekst = "A?"\n\n[[vraag]]\nid = "a"\ntekst = "B?"\n'
    },
    "meetjaar-buiten-bereik": {"meetjaren/2015.toml": "schema = 1\n"},
    "formulier-zonder-einde": {
        "perioden/p.toml": _OK.replace("einde = 2017-03-31\n", "").replace("2017-04-03", "2016-07-01")
    },
    "ontvangen-voor-einde": {
        "perioden/p.toml": _OK.replace(
            "ontvangen = 2017-04-03\ncijfer = 7.0\n\n[beoordeling.werkgever]",
            "ontvangen = 2017-03-01\ncijfer = 7.0\n\n[beoordeling.werkgever]",
        )
    },
    "einde-in-toekomst": {"perioden/p.toml": _P.replace("einde = 2017-03-31", "einde = 2017-07-31")},
    "dubbele-periode": {"perioden/p.toml": _OK, "perioden/q.toml": _OK},
    "indiendatum": {"perioden/p.toml": _OK, "meetjaren/2017.toml": "schema = 1\ningediend_op = 2017-05-01\n"},
    "melding-bij-perioden": {
        "perioden/p.toml": _OK,
        "meetjaren/2017.toml": "schema = 1\nmelding_op = 2017-05-20\n",
    },
    "rapportage-zonder-perioden": {"meetjaren/2017.toml": "schema = 1\ningediend_op = 2017-05-20\n"},
    "onbekende-commit": {
        "perioden/p.toml": _OK,
        "meetjaren/2017.toml": 'schema = 1\ningediend_op = 2017-05-20\ningediend_commit = "abcdef1234567"\n',
    },
    "ontbreekt-zonder-reden": {"perioden/p.toml": _P + "\n[beoordeling.werkgever]\ncijfer = 7.0\n"},
    "tekst-gelijk-aan-vorig-jaar": {
        "meetjaren/2017.toml": 'schema = 1\nanalyse = "Goed jaar."\n',
        "meetjaren/2018.toml": 'schema = 1\nanalyse = "Goed  jaar."\n',
    },
}

# Codes of 2026-12-01 (documents, forms, team): their smallest causes.
_W = "cijfer = 7.0\n\n[beoordeling.werkgever]"
GOLDEN_CASES.update(
    {
        "ontbreekt-en-ontvangen": {
            "perioden/p.toml": _OK + '\n[ontbreekt]\nwerknemer = "Niet teruggestuurd."\n'
        },
        "persoonlijke-omstandigheid": {
            "perioden/p.toml": _P
            + '\n[beoordeling.werknemer]\nontvangen = 2017-04-03\ncijfer = 7.0\n\n[ontbreekt]\nwerkgever = "Werkgever failliet gegaan."\n'
        },
        "onbekend-teken": {
            "perioden/p.toml": _OK,
            "meetjaren/2017.toml": 'schema = 1\nanalyse = "Goed jaar \U0001f600"\n',
        },
        "bijlage-ontbreekt": {
            "perioden/p.toml": _OK.replace(
                _W, 'cijfer = 7.0\nbijlage = "werknemer.pdf"\n\n[beoordeling.werkgever]'
            )
        },
        "bijlage-onleesbaar": {
            "perioden/p.toml": _OK.replace(
                _W, 'cijfer = 7.0\nbijlage = "werknemer.pdf"\n\n[beoordeling.werkgever]'
            ),
            "bijlagen/p/werknemer.pdf": b"geen pdf",
        },
        "formulier-zonder-bijlage": {"perioden/p.toml": _OK, "ktv.toml": "APPEND:\n[bewijs]\nscans = true\n"},
    }
)

GOLDEN: dict[str, tuple[str, int | None, str, str]] = {
    "toml-syntax": ("perioden/p.toml", 6, "fout", "TOML-syntaxfout: '=' verwacht na een sleutel"),
    "conflictmarkering": (
        "perioden/p.toml",
        6,
        "fout",
        "git-conflictmarkering: los het samenvoegconflict op in dit bestand",
    ),
    "geen-utf8": ("perioden/p.toml", 2, "fout", "geen geldige UTF-8-tekst (sla het bestand op als UTF-8)"),
    "onleesbaar-bestand": (
        "perioden/p.toml",
        None,
        "fout",
        "geen gewoon bestand (een map of apparaat); niet gelezen",
    ),
    "ontbrekend-bestand": (
        "vragenlijsten/werkgever.toml",
        None,
        "fout",
        "vragenlijst werkgever ontbreekt (maak hem met `ktv init`)",
    ),
    "ongeldige-naam": (
        "perioden/P_1.toml",
        None,
        "fout",
        "ongeldige bestandsnaam 'P_1.toml': een id bestaat uit a-z, 0-9 en '-' (hoogstens 64 tekens, begint met een letter of cijfer)",
    ),
    "vreemd-bestand": (
        "perioden/notities.txt",
        None,
        "waarschuwing",
        "geen .toml-bestand in perioden/; wordt niet gelezen",
    ),
    "onbekend-schema": (
        "perioden/p.toml",
        1,
        "fout",
        "onbekend schema 2; deze versie van ktv leest schema 1",
    ),
    "onbekende-sleutel": (
        "perioden/p.toml",
        9,
        "fout",
        "onbekende sleutel 'beoordeling.werknemer.cijfr' (bedoelt u 'cijfer'?)",
    ),
    "ontbrekende-sleutel": ("perioden/p.toml", None, "fout", "verplichte sleutel 'werkgever' ontbreekt"),
    "verkeerd-type": (
        "perioden/p.toml",
        4,
        "fout",
        "'begin' moet een datum (JJJJ-MM-DD) zijn, niet een tekst",
    ),
    "lege-waarde": ("perioden/p.toml", 2, "fout", "'werknemer' mag niet leeg zijn"),
    "ongeldige-waarde": (
        "meetjaren/2017.toml",
        2,
        "fout",
        'uitslag \'goed\' moet "voldaan" of "niet voldaan" zijn',
    ),
    "stuurteken": (
        "perioden/p.toml",
        2,
        "fout",
        "'werknemer' bevat een stuurteken: U+202E (RIGHT-TO-LEFT OVERRIDE)",
    ),
    "persoonsgegevens": (
        "perioden/p.toml",
        6,
        "fout",
        "'opmerking' bevat persoonsgegevens: een e-mailadres (jan@example.nl); gebruik alleen pseudoniemen in deze tekst",
    ),
    "code-geen-pseudoniem": (
        "perioden/p.toml",
        2,
        "fout",
        "werknemer 'jansen' lijkt geen pseudoniem: een code bevat minstens één cijfer en geen spaties (een naam hoort hier niet)",
    ),
    "cijfer-buiten-bereik": ("perioden/p.toml", 9, "fout", "cijfer 11 ligt buiten 1 tot 10"),
    "norm-buiten-bereik": ("ktv.toml", 7, "fout", "norm werknemer 11 ligt buiten 1 tot 10"),
    "te-veel-decimalen": ("perioden/p.toml", 9, "fout", "cijfer 7.25 heeft meer dan één decimaal"),
    "einde-voor-begin": ("perioden/p.toml", 5, "fout", "einde 2016-05-31 ligt voor begin 2016-06-01"),
    "onbekende-vraag": (
        "perioden/p.toml",
        16,
        "fout",
        "'bereikbaarhied' is geen vraag van de vragenlijst werkgever (bedoelt u 'bereikbaarheid'?)",
    ),
    "antwoord-buiten-schaal": (
        "perioden/p.toml",
        16,
        "fout",
        "antwoord 'super' op vraag 'bereikbaarheid' ligt niet op de schaal ('onvoldoende', 'matig', 'voldoende', 'goed')",
    ),
    "dubbele-vraag": ("vragenlijsten/werknemer.toml", 10, "fout", "vraag-id 'a' komt twee keer voor"),
    "meetjaar-buiten-bereik": (
        "meetjaren/2015.toml",
        None,
        "fout",
        "meetjaar 2015 ligt voor het eerste meetjaar (2017)",
    ),
    "formulier-zonder-einde": (
        "perioden/p.toml",
        6,
        "waarschuwing",
        "formulier werknemer ontvangen voor een periode zonder einde (nog niet afgerond)",
    ),
    "ontvangen-voor-einde": (
        "perioden/p.toml",
        8,
        "waarschuwing",
        "formulier werknemer ontvangen op 2017-03-01, voor het einde van de periode (2017-03-31)",
    ),
    "einde-in-toekomst": ("perioden/p.toml", 5, "waarschuwing", "einde 2017-07-31 ligt in de toekomst"),
    "dubbele-periode": (
        "perioden/p.toml",
        None,
        "waarschuwing",
        "zelfde werknemer WN-1, werkgever WG-1 en begin 2016-06-01 als q: dubbel ingevoerd?",
    ),
    "indiendatum": (
        "meetjaren/2017.toml",
        2,
        "waarschuwing",
        "ingediend_op 2017-05-01 ligt voor het einde van meetjaar 2017 (2017-05-12)",
    ),
    "melding-bij-perioden": (
        "meetjaren/2017.toml",
        2,
        "waarschuwing",
        "melding_op gezet, maar meetjaar 2017 heeft 1 afgeronde periode(n): dan hoort er een rapportage bij, geen melding",
    ),
    "rapportage-zonder-perioden": (
        "meetjaren/2017.toml",
        2,
        "waarschuwing",
        "ingediend_op gezet, maar meetjaar 2017 heeft geen afgeronde periode: dan hoort er een melding bij",
    ),
    "onbekende-commit": (
        "meetjaren/2017.toml",
        3,
        "waarschuwing",
        "ingediend_commit abcdef123456 bestaat niet in deze git-map",
    ),
    "ontbreekt-zonder-reden": (
        "perioden/p.toml",
        5,
        "waarschuwing",
        "formulier werknemer ontbreekt en er staat geen reden bij (meetjaar 2017 is voorbij): vul [ontbreekt] werknemer in",
    ),
    "tekst-gelijk-aan-vorig-jaar": (
        "meetjaren/2018.toml",
        2,
        "waarschuwing",
        "analyse is gelijk aan die van meetjaar 2017: overgenomen zonder naar de cijfers van dit meetjaar te kijken?",
    ),
}
GOLDEN.update(
    {
        "ontbreekt-en-ontvangen": (
            "perioden/p.toml",
            16,
            "fout",
            "formulier werknemer is ontvangen, maar [ontbreekt] werknemer zegt waarom het ontbreekt: "
            "haal de reden weg of de tabel [beoordeling.werknemer]",
        ),
        "persoonlijke-omstandigheid": (
            "perioden/p.toml",
            12,
            "waarschuwing",
            "ontbreekt werkgever noemt een persoonlijke omstandigheid ('failliet'); in een kleine rapportage is de persoon daaraan te herkennen. Schrijf het algemener, bijv. 'formulier niet ontvangen'.",
        ),
        "onbekend-teken": (
            "meetjaren/2017.toml",
            2,
            "waarschuwing",
            "analyse bevat een teken dat de PDF niet kan tonen: U+1F600 (GRINNING FACE); in de PDF staat er [U+1F600] voor in de plaats. Vervang het door gewone tekst.",
        ),
        "bijlage-ontbreekt": (
            "perioden/p.toml",
            10,
            "fout",
            "scan bijlagen/p/werknemer.pdf ontbreekt (voeg hem opnieuw toe met `ktv bijlage`)",
        ),
        "bijlage-onleesbaar": (
            "perioden/p.toml",
            10,
            "fout",
            "scan bijlagen/p/werknemer.pdf is geen PDF-bestand",
        ),
        "formulier-zonder-bijlage": (
            "perioden/p.toml",
            7,
            "waarschuwing",
            "formulier werknemer is ontvangen maar er is geen scan bij ([bewijs] scans = true): voeg hem toe met `ktv bijlage p werknemer SCAN`",
        ),
    }
)

GOLDEN_PARAMS: dict[str, dict] = {
    "toml-syntax": {"oorzaak": "is-teken-verwacht"},
    "onbekende-sleutel": {"sleutel": "beoordeling.werknemer.cijfr", "suggestie": "cijfer"},
    "ontbrekende-sleutel": {"sleutel": "werkgever"},
    "verkeerd-type": {"sleutel": "begin", "verwacht": "date", "gevonden": "tekst"},
    "cijfer-buiten-bereik": {"kant": "werknemer", "waarde": "11"},
    "onbekende-vraag": {"vraag": "bereikbaarhied", "kant": "werkgever", "suggestie": "bereikbaarheid"},
    "antwoord-buiten-schaal": {"vraag": "bereikbaarheid", "kant": "werkgever", "antwoord": "super"},
    "ontbreekt-zonder-reden": {"kant": "werknemer", "meetjaar": 2017},
    "code-geen-pseudoniem": {"sleutel": "werknemer", "code": "jansen"},
}
"""The facts a consumer words a problem from, instead of reading its message."""

GIT_CODES = ("onbekende-commit", "gewijzigd-na-indiening")


def _golden_folder(root: Path, files: dict) -> None:
    from datetime import date

    from store.create import create_data_folder

    create_data_folder(root, "Org", date(2013, 5, 12), git=False, first_year=2017)
    for rel, content in files.items():
        path = root / rel.rstrip("/")
        if rel.endswith("/"):
            path.mkdir(parents=True)
        elif content == "DELETE":
            path.unlink()
        elif isinstance(content, str) and content.startswith("APPEND:"):
            path.write_text(path.read_text("utf-8") + content[len("APPEND:") :], "utf-8")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _check_json(root: Path) -> list[dict]:
    import json
    import subprocess

    out = subprocess.run(
        ["ktv", "--data", str(root), "check", "--json", "--today", "2017-06-01"],
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in out.stderr, out.stderr
    return json.loads(out.stdout)["problemen"]


def test_every_code_has_a_golden_case():
    """Every code of CODES; `gewijzigd-na-indiening` needs a commit made in the test itself (below)."""
    assert set(GOLDEN_CASES) | {"gewijzigd-na-indiening"} == set(CODES)
    assert set(GOLDEN) == set(GOLDEN_CASES)


@pytest.mark.parametrize("code", sorted(GOLDEN_CASES))
def test_one_golden_message_per_code(tmp_path: Path, code: str) -> None:
    import gitutil

    root = tmp_path / "map"
    _golden_folder(root, GOLDEN_CASES[code])
    if code in GIT_CODES:
        gitutil.init_repo(root)
        gitutil.commit_all(root)
    found = [
        (p["bestand"], p["regel"], p["ernst"], p["bericht"]) for p in _check_json(root) if p["code"] == code
    ]
    assert found and found[0] == GOLDEN[code]


@pytest.mark.parametrize("code", sorted(GOLDEN_PARAMS))
def test_problems_carry_their_facts_as_params(tmp_path: Path, code: str) -> None:
    from datetime import date

    from store.folder import load_folder

    root = tmp_path / "map"
    _golden_folder(root, GOLDEN_CASES[code])
    folder = load_folder(root, date(2017, 6, 1), with_git=False)
    [problem] = [p for p in folder.problems if p.code == code][:1]
    assert dict(problem.params) == GOLDEN_PARAMS[code]
    assert bool(problem.path) == (code != "toml-syntax")  # and the key path it is about


def test_a_period_changed_after_submission_is_named_by_code_and_params(tmp_path: Path) -> None:
    from datetime import date

    import gitutil

    from store.folder import load_folder

    root = tmp_path / "map"
    _golden_folder(root, {"perioden/p.toml": _OK})
    gitutil.init_repo(root)
    commit = gitutil.commit_all(root)
    (root / "meetjaren" / "2017.toml").write_text(
        f'schema = 1\ningediend_op = 2017-05-20\ningediend_commit = "{commit}"\n', "utf-8"
    )
    (root / "perioden" / "p.toml").write_text(_OK.replace("cijfer = 7.0", "cijfer = 8.0", 1), "utf-8")
    found = [p for p in _check_json(root) if p["code"] == "gewijzigd-na-indiening"]
    assert [(p["bestand"], p["ernst"]) for p in found] == [("perioden/p.toml", "waarschuwing")]
    [problem] = [
        p for p in load_folder(root, date(2017, 6, 1)).problems if p.code == "gewijzigd-na-indiening"
    ]
    assert problem.params == {
        "pad": "perioden/p.toml",
        "wijziging": "gewijzigd",
        "meetjaar": 2017,
        "commit": commit,
        "wat": "cijfer werknemer 7,0 → 8,0",
    }
    assert "(cijfer werknemer 7,0 → 8,0)" in problem.message
