"""What every file kind's parser shares: reading the schema's fields of a table, the schema
version, personal data in a value, and showing a value as the person wrote it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .fields import FileContext, Table, dotted
from .model import SCHEMA
from .privacy import find_personal_data, find_personal_data_in_code
from .schema import Field, FileKind

_KIND_OF_TYPE = {"int": "number", "tables": "list"}
"""The reader's type for a schema type: a year is read as a number and then checked whole."""


def read_fields(table: Table, kind: FileKind, schema_table: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every value field of one table as the schema describes it (type, required, multi-line),
    keyed by the model attribute; a value that does not fit is a problem and None."""
    values: dict[str, Any] = {}
    for f in kind.fields_of(schema_table):
        if f.type == "table" or f.key == "schema":
            continue
        values[f.attr or f.key] = read_field(table, f)
    return values


def read_field(table: Table, f: Field, key: str | None = None) -> Any:
    """One value; `key` names it where the schema has a placeholder (`[ontbreekt] <kant>`)."""
    key = key or f.key
    if f.type == "str":
        return table.text(key, required=f.required, nonempty=f.required, multiline=f.multiline)
    return table.get(key, _KIND_OF_TYPE.get(f.type, f.type), required=f.required)


def check_schema(table: Table) -> bool:
    value = table.data.get("schema")
    table.seen.add("schema")
    if "schema" not in table.data:
        table.ctx.error(
            (), f"verplichte sleutel 'schema' ontbreekt (schrijf: schema = {SCHEMA})", code="onbekend-schema"
        )
        return False
    if not isinstance(value, int) or isinstance(value, bool) or value != SCHEMA:
        table.ctx.error(
            ("schema",),
            f"onbekend schema {shown_value(value)}; deze versie van ktv leest schema {SCHEMA}",
            code="onbekend-schema",
        )
        return False
    return True


def shown_value(value: Any) -> str:
    """A TOML value as the person wrote it, not as Python's repr."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, int) and abs(value) >= 10**24:  # str() refuses past 4300 digits
        return "(een getal van meer dan 24 cijfers)"
    return str(value)


def check_private(ctx: FileContext, path: tuple[str, ...], value: str | None, *, code: bool) -> None:
    """Only pseudonyms belong in the data: a BSN, e-mail or phone number is an error."""
    if not value:
        return
    hits = find_personal_data_in_code(value) if code else find_personal_data(value)
    for hit in hits:
        where = "code" if code else "tekst"
        ctx.error(
            path,
            f"'{dotted(path)}' bevat persoonsgegevens: {hit.description}; "
            f"gebruik alleen pseudoniemen in deze {where}",
            code="persoonsgegevens",
            sleutel=dotted(path),
            soort=hit.description,
        )


def plain_number(value: Decimal) -> str:
    if abs(value.adjusted()) > 20:  # 1e999999999 written out in full would take gigabytes
        return str(value)
    text = format(value, "f")
    return text if len(text) <= 24 else text[:20] + "…"
