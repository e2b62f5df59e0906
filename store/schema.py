"""One field table per kind of data file: the only place that lists the keys of schema 1.

The parser (both the fast path and the message-giving path), the canonical writer, the
unknown-key check with its did-you-mean, the spreadsheet columns and the merge driver all read
these tables, so adding a key is one line here instead of a hunt through five modules (issue 18).

A field's path is the key path inside the file; `SIDE` stands for either side (`werknemer`,
`werkgever`) in the form tables. Order in a table is the canonical order of SPEC §2.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

SIDES = ("werknemer", "werkgever")
"""The two forms of a period (`store.model.SIDES` is this tuple, typed)."""

SIDE = "<kant>"
"""Placeholder in a path for either side: `("beoordeling", SIDE, "cijfer")`."""

SIDE_PREFIX = {"werknemer": "wn", "werkgever": "wg"}
"""Spreadsheet column prefix per side (SPEC §10): `wn_cijfer`, `wg_ontvangen`."""

Path = tuple[str, ...]

TYPES = ("str", "date", "number", "int", "bool", "table", "list", "tables")
"""`tables` is an array of tables (`[[vraag]]`); `int` a whole number (a year)."""

MERGES = ("value", "lines", "keys", "by-id")
"""How the merge driver combines two sides of a field: a whole value, a multi-line text line by
line, a table key by key (answers, `[contact]`), an array of tables matched by `id`."""


@dataclass(frozen=True)
class Field:
    """One key of one file kind."""

    path: Path
    type: str
    label: str
    """Dutch, for a person: the editor's field label and the key's name in a message."""
    help: str = ""
    required: bool = False
    multiline: bool = False
    """A multi-line text: line breaks and tabs allowed; written as a `\"\"\"` string."""
    column: str | None = None
    """Spreadsheet column (SPEC §10) without the side prefix; None: not in a spreadsheet."""
    merge: str = "value"
    free_keys: bool = False
    """A table whose keys are data (question ids), not schema: never an unknown key."""
    attr: str = ""
    """The attribute of the model object (`store.model`) that holds the value, if one does."""

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type
        assert self.merge in MERGES, self.merge

    @property
    def key(self) -> str:
        return self.path[-1]

    @property
    def table(self) -> Path:
        return self.path[:-1]


@dataclass(frozen=True)
class FileKind:
    """The fields of one kind of file, in canonical order."""

    name: str
    fields: tuple[Field, ...]

    def keys(self, table: tuple[str | int, ...] = ()) -> tuple[str, ...]:
        """The keys allowed directly in `table` (a path inside the file; a side, an array index
        or a question id in it is matched as the schema's placeholder), in canonical order."""
        pattern = _pattern(self, table)
        if pattern is None:
            return ()
        keys: list[str] = []
        for f in self.fields:
            if f.table == pattern:
                keys += SIDES if f.key == SIDE else (f.key,)
        return tuple(keys)

    def field(self, path: tuple[str | int, ...]) -> Field | None:
        """The field at `path` (`("beoordeling", "werkgever", "cijfer")`), or None."""
        if not path:
            return None
        table = _pattern(self, tuple(path[:-1]))
        if table is None:
            return None
        for f in self.fields:
            if f.table == table and (f.key == path[-1] or (f.key == SIDE and path[-1] in SIDES)):
                return f
        return None

    def fields_of(self, table: Path = ()) -> tuple[Field, ...]:
        """The fields of one table (schema path, `SIDE` as placeholder), in canonical order."""
        return tuple(f for f in self.fields if f.table == table)

    def tables(self) -> tuple[Path, ...]:
        """Every table path of the kind, the top first, in canonical order."""
        return ((), *(f.path for f in self.fields if f.type in ("table", "tables")))

    def free(self, table: tuple[str | int, ...]) -> bool:
        """Whether the keys of `table` are data (answers keyed by question id)."""
        found = self.field(table)
        return bool(found and found.free_keys)

    def columns(self, questions: dict[str, Iterable[str]] | None = None) -> list[str]:
        """The spreadsheet columns of SPEC §10, with `<prefix>_<vraag-id>` per side when given."""
        return list(_columns(self, questions or {}))

    def required_columns(self) -> list[str]:
        """The columns a spreadsheet must have (SPEC §10: werknemer, werkgever, begin)."""
        return [f.column for f in self.fields if f.required and f.column]

    def columns_of_type(self, type_: str, *, multiline: bool | None = None) -> list[str]:
        """Every column (with side prefixes) of fields of one type: `columns_of_type("date")`."""
        wanted = [f for f in self.fields if f.column and f.type == type_ and multiline in (None, f.multiline)]
        out: list[str] = []
        for f in wanted:
            if SIDE in f.path:
                out += [f"{SIDE_PREFIX[side]}_{f.column}" for side in SIDES]
            else:
                out.append(f.column)  # type: ignore[arg-type]
        return out

    def presence_free_tables(self) -> frozenset[str]:
        """Names of tables whose presence alone means nothing (an empty one is none at all), for
        the merge driver; a form table is not among them: its presence means "received"."""
        return frozenset(f.key for f in self.fields if f.type == "table" and f.key != SIDE)


def _pattern(kind: FileKind, table: tuple[str | int, ...]) -> Path | None:
    """A concrete table path as the schema writes it, or None when the schema has no such table."""
    known = kind.tables()
    out: list[str] = []
    for part in table:
        if isinstance(part, int):
            if tuple(out) not in known:
                return None
            continue  # an array-of-tables index: `("vraag", 2)` is the table `("vraag",)`
        if part in SIDES and (*out, SIDE) in known:
            out.append(SIDE)
        else:
            out.append(part)
    pattern = tuple(out)
    return pattern if pattern in known else None


def _columns(kind: FileKind, questions: dict[str, Iterable[str]]) -> Iterator[str]:
    side_fields = [f for f in kind.fields if SIDE in f.path and f.column]
    yield "id"  # the file name, not a key
    yield from (f.column for f in kind.fields if SIDE not in f.path and f.column)
    for side in SIDES:
        prefix = SIDE_PREFIX[side]
        for f in side_fields:
            if f.column == "<vraag>":
                yield from (f"{prefix}_{qid}" for qid in questions.get(side, ()))
            else:
                yield f"{prefix}_{f.column}"


def _text(path: Path, label: str, help: str = "", **kw) -> Field:
    return Field(path, "str", label, help, **kw)


def _lines(path: Path, label: str, help: str = "", **kw) -> Field:
    return Field(path, "str", label, help, multiline=True, merge="lines", **kw)


SCHEMA_FIELD = Field(("schema",), "int", "schema", "versie van het bestandsformaat: 1", required=True)

ORGANISATION = FileKind(
    "ktv.toml",
    (
        SCHEMA_FIELD,
        _text(("naam",), "Naam", "naam van de organisatie", required=True, attr="name"),
        Field(
            ("erkenningsdatum",),
            "date",
            "Erkenningsdatum",
            "bepaalt het meetjaar",
            required=True,
            attr="recognition_date",
        ),
        _text(("accounthouder",), "Accounthouder", "de accounthouder bij UWV", attr="account_manager"),
        _text(("kenmerk",), "Kenmerk", "het kenmerk van UWV voor deze erkenning", attr="reference"),
        Field(
            ("eerste_meetjaar",),
            "int",
            "Eerste meetjaar",
            "eerdere meetjaren telt ktv niet",
            attr="first_year",
        ),
        Field(("norm",), "table", "Norm", "minimaal gemiddelde per kant", merge="keys", attr="norm"),
        Field(("norm", "werknemer"), "number", "Norm werknemer", "1 tot 10, hoogstens twee decimalen"),
        Field(("norm", "werkgever"), "number", "Norm werkgever", "1 tot 10, hoogstens twee decimalen"),
        Field(
            ("contact",),
            "table",
            "Contact",
            "eigen, openbare gegevens van de organisatie",
            merge="keys",
            attr="contact",
        ),
        _lines(("contact", "adres"), "Adres"),
        _lines(("contact", "postcode"), "Postcode"),
        _lines(("contact", "plaats"), "Plaats"),
        _lines(("contact", "telefoon"), "Telefoon"),
        _lines(("contact", "email"), "E-mail"),
        _lines(("contact", "website"), "Website"),
        Field(("ondertekening",), "table", "Ondertekening", "wie de stukken ondertekent", merge="keys"),
        _text(("ondertekening", "naam"), "Naam ondertekenaar", attr="signatory"),
        _text(("ondertekening", "functie"), "Functie ondertekenaar", attr="signatory_function"),
        Field(("codes",), "table", "Codes", "hoe een werknemer- of werkgevercode eruitziet", merge="keys"),
        _text(("codes", "patroon"), "Patroon", "reguliere expressie voor codes", attr="code_pattern"),
        Field(("bewijs",), "table", "Bewijs", "scans van de ontvangen formulieren", merge="keys"),
        Field(("bewijs", "scans"), "bool", "Scans verplicht", "waarschuw voor een formulier zonder scan"),
        Field(("bewijs", "delen"), "bool", "Scans delen", "sync deelt bijlagen/ alleen met true"),
        Field(("uwv",), "table", "UWV", "het postadres van UWV voor de melding", merge="keys"),
        _lines(("uwv", "adres"), "Adres UWV", "over meer regels; komt in het adresblok", attr="uwv_address"),
    ),
)

QUESTIONNAIRE = FileKind(
    "vragenlijst",
    (
        SCHEMA_FIELD,
        _text(("titel",), "Titel", "titel van het formulier", required=True, attr="title"),
        Field(
            ("schaal",), "list", "Schaal", "de antwoorden, van laag naar hoog", required=True, attr="scale"
        ),
        Field(
            ("vraag",),
            "tables",
            "Vragen",
            "één [[vraag]] per vraag",
            required=True,
            merge="by-id",
            attr="questions",
        ),
        _text(
            ("vraag", "id"),
            "Vraag-id",
            "a-z, 0-9, _ en -; verandert nooit van betekenis",
            required=True,
            attr="id",
        ),
        _text(("vraag", "groep"), "Groep", "kopje boven opeenvolgende vragen", attr="group"),
        _text(("vraag", "tekst"), "Vraag", "de tekst van de vraag", required=True, attr="text"),
        Field(
            ("vraag", "vervallen"),
            "bool",
            "Vervallen",
            "bewaard voor oude antwoorden, niet meer gevraagd",
            attr="obsolete",
        ),
    ),
)

PERIOD = FileKind(
    "periode",
    (
        SCHEMA_FIELD,
        _text(
            ("werknemer",),
            "Werknemer",
            "pseudoniem, nooit een naam",
            required=True,
            column="werknemer",
            attr="employee",
        ),
        _text(("werkgever",), "Werkgever", "pseudoniem", required=True, column="werkgever", attr="employer"),
        _text(("jobcoach",), "Jobcoach", "initialen of code", column="jobcoach", attr="jobcoach"),
        Field(("begin",), "date", "Begin", "JJJJ-MM-DD", required=True, column="begin", attr="begin"),
        Field(("einde",), "date", "Einde", "aanwezig = afgerond", column="einde", attr="end"),
        _lines(
            ("opmerking",),
            "Opmerking",
            "vrije tekst, zonder persoonsgegevens",
            column="opmerking",
            attr="remark",
        ),
        Field(
            ("beoordeling",), "table", "Beoordeling", "de ontvangen formulieren", merge="keys", attr="forms"
        ),
        Field(("beoordeling", SIDE), "table", "Formulier", "aanwezig = ontvangen", merge="keys"),
        Field(
            ("beoordeling", SIDE, "ontvangen"),
            "date",
            "Ontvangen",
            "JJJJ-MM-DD",
            column="ontvangen",
            attr="received",
        ),
        Field(
            ("beoordeling", SIDE, "cijfer"),
            "number",
            "Cijfer",
            "1 tot 10, één decimaal",
            column="cijfer",
            attr="grade",
        ),
        Field(
            ("beoordeling", SIDE, "bijlage"),
            "str",
            "Scan",
            "de scan van het ontvangen formulier in bijlagen/<id>/ (zet ktv bijlage)",
            attr="attachment",
        ),
        Field(
            ("beoordeling", SIDE, "antwoorden"),
            "table",
            "Antwoorden",
            "per vraag-id een antwoord van de schaal",
            column="<vraag>",
            merge="keys",
            free_keys=True,
            attr="answers",
        ),
        Field(
            ("ontbreekt",),
            "table",
            "Ontbreekt",
            "waarom een formulier niet terugkwam",
            merge="keys",
            attr="missing_reasons",
        ),
        _lines(
            ("ontbreekt", SIDE), "Reden ontbreekt", "vrije tekst, zonder persoonsgegevens", column="ontbreekt"
        ),
    ),
)
"""`ontbreekt` holds one text per side: its path ends in the side placeholder."""

YEAR_NOTES = FileKind(
    "meetjaar",
    (
        SCHEMA_FIELD,
        _lines(("analyse",), "Analyse", "wat opvalt in de resultaten", attr="analysis"),
        _lines(("conclusies",), "Conclusies", attr="conclusions"),
        _lines(("acties",), "Acties", "acties om de tevredenheid te verbeteren", attr="actions"),
        Field(
            ("ingediend_op",),
            "date",
            "Ingediend op",
            "datum waarop de rapportage naar UWV ging",
            attr="submitted_on",
        ),
        _text(
            ("ingediend_commit",),
            "Ingediende commit",
            "git-commit van de gegevens bij indienen (door ktv)",
            attr="submitted_commit",
        ),
        Field(
            ("melding_op",), "date", "Melding op", "datum waarop de melding naar UWV ging", attr="notice_on"
        ),
        _text(("uitslag",), "Uitslag", '"voldaan" of "niet voldaan"', attr="verdict"),
        Field(("uitslag_op",), "date", "Uitslag op", attr="verdict_on"),
        _lines(
            ("toelichting_te_laat",),
            "Toelichting te laat",
            "waarom te laat ingediend",
            attr="late_explanation",
        ),
        _lines(("herstelplan",), "Herstelplan", attr="recovery_plan"),
    ),
)

KINDS: dict[str, FileKind] = {k.name: k for k in (ORGANISATION, QUESTIONNAIRE, PERIOD, YEAR_NOTES)}
"""The four kinds by their Dutch name: `ktv.toml`, `vragenlijst`, `periode`, `meetjaar`."""

_ALIASES = {
    "organisatie": ORGANISATION,
    "organisation": ORGANISATION,
    "questionnaire": QUESTIONNAIRE,
    "period": PERIOD,
    "year": YEAR_NOTES,
    "year_notes": YEAR_NOTES,
}


def kind_of(name: str | FileKind) -> FileKind:
    """A file kind by its name (Dutch or English) or a path of the data folder
    (`perioden/x.toml`, `meetjaren/2017.toml`, `vragenlijsten/werknemer.toml`, `ktv.toml`)."""
    if isinstance(name, FileKind):
        return name
    found = KINDS.get(name) or _ALIASES.get(name)
    if found is not None:
        return found
    folder = name.split("/", 1)[0]
    by_folder = {"perioden": PERIOD, "meetjaren": YEAR_NOTES, "vragenlijsten": QUESTIONNAIRE}
    if folder in by_folder and "/" in name:
        return by_folder[folder]
    raise KeyError(name)


def field(kind: str | FileKind, path: tuple[str | int, ...]) -> Field | None:
    """`field("periode", ("beoordeling", "werknemer", "cijfer"))`: the schema of one key."""
    return kind_of(kind).field(path)


FUTURE_FORM_KEYS = ("bijlage",)
"""Form keys SPEC §11 adds (`bijlage`, the scan); reserved for question ids already."""


def _reserved_question_ids() -> frozenset[str]:
    """Every name a question id could collide with: a key of a period file (the answers sit
    next to `ontvangen` and `cijfer`), a table name, and every fixed spreadsheet column with and
    without its side prefix (`wn_<vraag-id>` next to `wn_cijfer`)."""
    names = {part for f in PERIOD.fields for part in f.path if part != SIDE}
    names |= {f.column for f in PERIOD.fields if f.column and f.column != "<vraag>"}
    names |= {"id", *FUTURE_FORM_KEYS, *SIDES}
    return frozenset(names)


RESERVED_QUESTION_IDS = _reserved_question_ids()
