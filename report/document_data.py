"""The JSON that the report and notice templates lay out (SPEC §6, "Fit to sign and send").

Python formats every display string here (Dutch dates, decimal commas, the norm as written);
numbers the template computes with (bar lengths, chart heights) go in as numbers. Nothing a
person typed is ever turned into markup: free texts become blocks of plain strings.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal

from store.calendar import MeasurementYear
from store.folder import DataFolder
from store.git import GitError, GitState, run_git
from store.model import CONTACT_KEYS, SIDES

from .dutch import long_date, month_year
from .facts import (
    distance_to_norm,
    margin_text,
    mean_margin_text,
    norm_text,
    question_facts,
    side_summary,
)
from .numbers import (
    SideStats,
    YearStats,
    format_grade,
    format_number,
    percent_text,
    percentage,
    positive_answers,
    year_stats,
)
from .pseudonyms import employee_labels, employer_labels
from .wording import (
    next_minimum_sentence,
    recovery_json,
    revision_json,
    sample_sentence,
    status_text,
)

SIDE_TITLES = {"werknemer": "Werknemers", "werkgever": "Werkgevers"}
REPORT_TITLE = "Rapportage klanttevredenheid"
HALF = Decimal("0.5")


# --- sender, signature, data version ---------------------------------------------------------


def contact_lines(contact: dict[str, str]) -> list[str]:
    """The organisation's address block: street, postcode and place, phone, e-mail, website."""
    lines = []
    if contact.get("adres"):
        lines.append(contact["adres"])
    place = " ".join(contact[key] for key in ("postcode", "plaats") if contact.get(key))
    if place:
        lines.append(place)
    if contact.get("telefoon"):
        lines.append(f"Telefoon {contact['telefoon']}")
    for key in ("email", "website"):
        if contact.get(key):
            lines.append(contact[key])
    return lines


def organisation_json(folder: DataFolder) -> dict:
    org = folder.organisation
    return {
        "naam": org.name,
        "erkenningsdatum": long_date(org.recognition_date),
        "accounthouder": org.account_manager,
        "kenmerk": org.reference,
        "contact": {key: org.contact[key] for key in CONTACT_KEYS if org.contact.get(key)},
        "contact_regels": contact_lines(org.contact),
        "uwv_adres": uwv_address_lines(org),
    }


def uwv_address_lines(org) -> list[str]:
    """`[uwv] adres` of ktv.toml (a multi-line text) as lines for the notice's addressee block."""
    address = getattr(org, "uwv_address", None) or ""
    return [line.strip() for line in address.replace("\r\n", "\n").split("\n") if line.strip()]


def signature_json(folder: DataFolder, today: date) -> dict:
    """Who signs, where and when; naam/functie None leave lines to fill in by hand."""
    org = folder.organisation
    return {
        "naam": org.signatory,
        "functie": org.signatory_function,
        "plaats": org.contact.get("plaats"),
        "datum": long_date(today),
    }


def _commit_day(folder: DataFolder, commit: str) -> date | None:
    root = getattr(folder, "git_root", None) or folder.root  # a reprint reads its commit's files elsewhere
    try:
        return date.fromisoformat(run_git(root, "show", "-s", "--format=%cs", commit).strip())
    except (GitError, ValueError, OSError):
        return None


def data_version(folder: DataFolder, state: GitState, changed: list[str]) -> str | None:
    """ "Gegevensversie 24ae70da753c (vastgelegd op 3 juni 2017)", worded for a reader who never
    heard of version control; None for a folder that is not kept in a repository."""
    if not state.is_repo:
        return None
    if state.head is None:
        return "Gegevensversie: de gegevens zijn nog niet vastgelegd"
    text = f"Gegevensversie {state.head[:12]}"
    day = _commit_day(folder, state.head)
    if day is not None:
        text += f" (vastgelegd op {long_date(day)})"
    if changed:
        text += ", met wijzigingen die daarna nog niet zijn vastgelegd"
    return text


def late_json(
    year: MeasurementYear, today: date, notes, document: str, sent_on: date | None = None
) -> dict | None:
    """Made after the deadline: one sentence that says so, and the organisation's explanation.
    A revised version of a recorded submission speaks of the submission's date instead: the
    version UWV received was on time or late, not the reprint."""
    if sent_on is not None:
        if sent_on <= year.deadline:
            return None
        sentence = (
            f"{document} is ingediend op {long_date(sent_on)}, na de uiterste datum van "
            f"{long_date(year.deadline)}."
        )
    elif today <= year.deadline:
        return None
    else:
        sentence = (
            f"{document} is opgesteld op {long_date(today)}, na de uiterste datum van "
            f"{long_date(year.deadline)}."
        )
    return {
        "zin": sentence,
        "toelichting": text_blocks(notes.late_explanation if notes else None),
    }


def year_json(year: MeasurementYear, today: date) -> dict:
    return {
        "jaar": year.label,
        "start": long_date(year.first_day),
        "start_uwv": long_date(year.start),
        "eind": long_date(year.end),
        "deadline": long_date(year.deadline),
        "loopt": today <= year.end,
    }


# --- free text -----------------------------------------------------------------------------------


def text_blocks(text: str | None) -> list[dict]:
    """Lines starting with "- " or "* " become a list, a blank line starts a new paragraph, and
    every other character stays as typed: [{"soort": "alinea", "regels": [...]},
    {"soort": "lijst", "punten": [...]}]."""
    if text is None:
        return []
    blocks: list[dict] = []
    lines: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append({"soort": "alinea", "regels": list(lines)})
            lines.clear()
        if items:
            blocks.append({"soort": "lijst", "punten": list(items)})
            items.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.lstrip(" \t")
        if not stripped.strip():
            flush()
        elif stripped.startswith(("- ", "* ")):
            if lines:
                flush()
            items.append(stripped[2:].strip())
        else:
            if items:
                flush()
            lines.append(line.rstrip())
    flush()
    return blocks


# --- numbers per side ----------------------------------------------------------------------------


def _verdict(side: SideStats, running: bool) -> str:
    if running:
        if side.meets is None:
            return "nog geen cijfer"
        if side.meets:
            return "tot nu toe op de norm" if side.margin == 0 else "tot nu toe boven de norm"
        return "tot nu toe onder de norm"
    if side.meets is None:
        return "niet aangetoond"
    return "voldoet aan de norm" if side.meets else "voldoet niet aan de norm"


def half_point_bins(grades) -> list[dict]:
    """How many cijfers fall on 1, 1,5, 2, … 10; a cijfer between two half points counts at the
    lower one (6,4 at 6), so no cijfer is ever drawn higher than it is."""
    bins = [Decimal(2 + step) / 2 for step in range(19)]
    counts = dict.fromkeys(bins, 0)
    for grade in grades:
        counts[(grade / HALF).to_integral_value(ROUND_FLOOR) * HALF] += 1
    return [
        {"label": format_number(value), "aantal": counts[value], "heel": value % 1 == 0} for value in bins
    ]


def _spread_json(side: SideStats) -> dict | None:
    spread = side.spread
    if spread is None:
        return None
    return {
        "laagste": format_number(spread["laagste"]),
        "hoogste": format_number(spread["hoogste"]),
        "mediaan": format_number(spread["mediaan"]),
        "onder_norm": spread["onder_norm"],
    }


def first_kept(folder: DataFolder) -> int:
    """The first meetjaar that exists for ktv: `eerste_meetjaar` when set (SPEC §3)."""
    return max(folder.calendar.first_label, folder.organisation.first_year or 0)


def _previous_positive(folder: DataFolder, label: int, side: str) -> tuple[int | None, dict[str, int]]:
    """The previous meetjaar's positive percentage per question id (empty when not comparable)."""
    previous = label - 1
    if previous < first_kept(folder) or folder.blocking_problems(previous):
        return None, {}
    stats = year_stats(folder, previous).sides[side]
    return previous, {fact.question_id: fact.positive for fact in question_facts(stats)}


def side_json(folder: DataFolder, side: SideStats, label: int, running: bool) -> dict:
    has = side.count > 0
    previous_label, previous = _previous_positive(folder, label, side.side)
    now = {fact.question_id: fact.positive for fact in question_facts(side)}
    positive = positive_answers(side.scale)
    minimum = side.next_minimum
    return {
        "sleutel": side.side,
        "titel": SIDE_TITLES[side.side],
        "enkelvoud": side.side,
        "perioden": side.periods,
        "formulieren": side.forms,
        "cijfers": side.count,
        "som": format_number(side.total) if has else None,
        "gemiddelde": side.display,
        "gemiddelde_getal": float(side.mean) if has else None,
        "berekening": side.calculation,
        "norm": norm_text(side.norm),
        "norm_getal": float(side.norm),
        "voldoet": side.meets,
        "oordeel": _verdict(side, running),
        "afstand": distance_to_norm(side),
        "marge": margin_text(side),
        "marge_gemiddelde": mean_margin_text(side),
        "volgend_minimaal": format_number(minimum, places=1) if minimum is not None else None,
        "respons": percent_text(percentage(side.forms, side.periods)) if side.response is not None else None,
        "respons_fractie": float(side.response) if side.response is not None else 0.0,
        "respons_tekst": f"{side.forms} van {side.periods} formulieren ontvangen",
        "verdeling": half_point_bins(side.grades),
        "spreiding": _spread_json(side),
        "samenvatting": side_summary(side, running=running),
        "schaal": list(side.scale),
        "positief": list(positive),
        "vorig_jaar": previous_label if previous else None,
        "vragen": [
            {
                "groep": qc.question.group,
                "tekst": qc.question.text,
                "vervallen": qc.question.obsolete,
                "antwoorden": [
                    {
                        "label": answer,
                        "aantal": qc.counts[answer],
                        "procent": percent_text(qc.percentages[answer]),
                        "fractie": qc.counts[answer] / side.forms if side.forms else 0.0,
                    }
                    for answer in side.scale
                ],
                "geen_antwoord": qc.no_answer,
                "geen_antwoord_procent": percent_text(qc.percentages["geen_antwoord"]),
                "klopt": qc.adds_up,
                "positief": percent_text(now[qc.question.id]) if qc.question.id in now else None,
                "verschil": _difference(now, previous, qc.question.id),
                "totaal": side.forms,
            }
            for qc in side.questions
        ],
    }


def _difference(now: dict, previous: dict, question_id: str) -> str | None:
    """The change in percentage points of positive answers against the previous meetjaar, as
    "+12,5", "−3,0" or "0,0": both shown percentages are on the page, so it can be recomputed."""
    if question_id not in now or question_id not in previous:
        return None
    change = now[question_id] - previous[question_id]
    sign = "+" if change > 0 else "−" if change < 0 else ""
    return sign + format_number(abs(change), places=1)


def headline(stats: YearStats, running: bool, end: str) -> dict:
    """The first page's one-line verdict, from the numbers only."""
    words = {side: SIDE_TITLES[side].lower() for side in SIDES}
    meets = {side: stats.sides[side].meets for side in SIDES}
    below = [words[s] for s in SIDES if meets[s] is False]
    above = [words[s] for s in SIDES if meets[s] is True]
    unknown = [words[s] for s in SIDES if meets[s] is None]
    if running:
        parts = [f"Het meetjaar loopt nog tot en met {end}; dit zijn de cijfers tot nu toe."]
        if above:
            parts.append(f"Het gemiddelde van {' en '.join(above)} ligt tot nu toe op of boven de norm.")
        if below:
            parts.append(f"Het gemiddelde van {' en '.join(below)} ligt tot nu toe onder de norm.")
        if unknown:
            parts.append(f"Van {' en '.join(unknown)} is tot nu toe geen cijfer ontvangen.")
        colour = "rood" if below else "neutraal"
        return {"zin": " ".join(parts), "kleur": colour}
    if not below and not unknown:
        return {
            "zin": "Beide normen zijn behaald: werknemers en werkgevers geven gemiddeld minimaal het vereiste cijfer.",
            "kleur": "groen",
        }
    parts = []
    if below:
        parts.append(f"De norm is niet behaald voor {' en '.join(below)}.")
    if above:
        parts.append(f"Voor {' en '.join(above)} is de norm {'wel ' if below else ''}behaald.")
    if unknown:
        parts.append(
            f"Voor {' en '.join(unknown)} is de klanttevredenheid niet aangetoond: er is geen cijfer ontvangen."
        )
    return {"zin": " ".join(parts), "kleur": "rood" if below else "neutraal"}


def periods_json(stats: YearStats) -> tuple[list[dict], dict[str, list[dict]]]:
    """The rows of the cijfer table and, per side, the missing forms with their reasons."""
    employees = employee_labels(p.employee for p in stats.periods)
    employers = employer_labels(p.employer for p in stats.periods)
    rows, missing = [], {side: [] for side in SIDES}
    for p in stats.periods:
        labels = {"werknemer": employees[p.employee], "werkgever": employers[p.employer]}
        rows.append(
            {
                "werknemer": labels["werknemer"],
                "cijfer_werknemer": format_grade(p.grade("werknemer")),
                "werkgever": labels["werkgever"],
                "cijfer_werkgever": format_grade(p.grade("werkgever")),
                "einde": month_year(p.end),
            }
        )
        for side in SIDES:
            if side not in p.forms:
                missing[side].append(
                    {
                        "label": labels[side],
                        "periode": f"{labels['werknemer']} bij {labels['werkgever']}",
                        "einde": month_year(p.end),
                        "reden": p.missing_reasons.get(side),
                    }
                )
    return rows, missing


def trend_json(folder: DataFolder, label: int, running: bool = False) -> list[dict]:
    """This and earlier meetjaren's behaald cijfer, where they can be computed; a running
    meetjaar is marked "tot nu toe" (its cijfer is not final)."""
    rows = []
    for earlier in range(first_kept(folder), label + 1):
        if folder.blocking_problems(earlier):
            continue
        stats = year_stats(folder, earlier)
        if not stats.periods:
            continue
        row: dict = {"jaar": earlier, "tot_nu_toe": running and earlier == label}
        for side in SIDES:
            side_stats = stats.sides[side]
            row[side] = side_stats.display
            row[f"{side}_getal"] = float(side_stats.mean) if side_stats.mean is not None else None
            row[f"{side}_voldoet"] = side_stats.meets
        rows.append(row)
    return rows


def report_data(
    folder: DataFolder,
    label: int,
    today: date,
    *,
    concept: bool,
    state: GitState,
    changed: list[str],
    reprint: bool = False,
) -> dict:
    """The report's JSON; `reprint` rebuilds a submitted report as it was (no revision mark)."""
    stats = year_stats(folder, label)
    notes = folder.years.get(label)
    year = stats.year
    running = today <= year.end
    rows, missing = periods_json(stats)
    title = f"{REPORT_TITLE} meetjaar {label}"
    revision = revision_json(notes, concept=concept, reprint=reprint, today=today, document="rapportage")
    sent_on = revision["ingediend_op"] if revision else None
    org = folder.organisation
    return {
        "concept": concept,
        "titel": REPORT_TITLE,
        "status": status_text(concept=concept, revision=revision, running=running),
        "herzien": revision["zin"] if revision else None,
        "voet": f"{org.name} · {title}"
        + (" · concept" if concept else " · herziene versie" if revision else ""),
        "organisatie": organisation_json(folder),
        "meetjaar": year_json(year, today),
        "gemaakt_op": long_date(today),
        "te_laat": late_json(year, today, notes, "Deze rapportage", sent_on)
        if not revision
        else late_json(year, today, notes, "De ingediende rapportage", sent_on),
        "kop": headline(stats, running, long_date(year.end)),
        "volgend_minimaal": next_minimum_sentence(stats) if running else None,
        "herstel": recovery_json(stats, running, org.name),
        "perioden": rows,
        "ontbrekend": [
            {"titel": SIDE_TITLES[side], "enkelvoud": side, "formulieren": missing[side]} for side in SIDES
        ],
        "zijden": [side_json(folder, stats.sides[side], label, running) for side in SIDES],
        "analyse": text_blocks(notes.analysis if notes else None),
        "conclusies": text_blocks(notes.conclusions if notes else None),
        "acties": text_blocks(notes.actions if notes else None),
        "herstelplan": text_blocks(notes.recovery_plan if notes else None),
        "trend": trend_json(folder, label, running),
        "gegevensversie": data_version(folder, state, changed),
        "steekproef": sample_sentence(org),
        "ondertekening": signature_json(folder, today),
    }


def notice_data(folder: DataFolder, label: int, today: date, *, reprint: bool = False) -> dict:
    year = folder.calendar.year(label)
    notes = folder.years.get(label)
    subject = f"Melding klanttevredenheidsmeting meetjaar {label}"
    revision = revision_json(notes, concept=False, reprint=reprint, today=today, document="melding")
    sent_on = revision["ingediend_op"] if revision else None
    return {
        "organisatie": organisation_json(folder),
        "meetjaar": year_json(year, today),
        "gemaakt_op": long_date(today),
        "onderwerp": subject,
        "herzien": revision["zin"] if revision else None,
        "voet": f"{folder.organisation.name} · {subject}" + (" · herziene versie" if revision else ""),
        "te_laat": late_json(
            year, today, notes, "De ingediende melding" if revision else "Deze melding", sent_on
        ),
        "ondertekening": signature_json(folder, today),
    }
