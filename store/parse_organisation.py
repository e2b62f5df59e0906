"""ktv.toml to the model: the organisation, its norm, contact details, signatory and code rule."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from .calendar import LAST_YEAR
from .evidence import read_evidence
from .fields import FileContext, Table
from .model import DEFAULT_NORM, Organisation
from .parse_common import check_schema, plain_number, read_fields, shown_value
from .schema import ORGANISATION
from .toml_decode import decode_toml

NORM_MIN, NORM_MAX = Decimal(1), Decimal(10)


def parse_organisation(ctx: FileContext) -> Organisation | None:
    data = decode_toml(ctx)
    if data is None:
        return None
    top = Table(ctx, data, kind=ORGANISATION)
    check_schema(top)
    values = read_fields(top, ORGANISATION)
    recognition = values["recognition_date"]
    if recognition is not None and recognition.year > LAST_YEAR:
        ctx.error(
            ("erkenningsdatum",),
            f"erkenningsdatum {recognition.isoformat()} ligt te ver in de toekomst",
            code="ongeldige-waarde",
            sleutel="erkenningsdatum",
        )
        values["recognition_date"] = None
    values["first_year"] = _first_year(ctx, values["first_year"])
    norm_table = top.sub("norm")
    norm = _norm(ctx, norm_table)
    contact = _contact(top)
    signatory, signatory_function = _signature(top)
    code_pattern = _code_pattern(top)
    uwv_address = _uwv_address(top)
    evidence = read_evidence(top)
    top.finish()
    if ctx.has_errors or values["name"] is None or values["recognition_date"] is None:
        return None
    return Organisation(
        name=values["name"],
        recognition_date=values["recognition_date"],
        account_manager=values["account_manager"] or None,
        norm=norm,
        norm_explicit=norm_table is not None,
        reference=values["reference"] or None,
        first_year=values["first_year"],
        contact=contact,
        signatory=signatory,
        signatory_function=signatory_function,
        code_pattern=code_pattern,
        uwv_address=uwv_address,
        evidence=evidence,
    )


def _first_year(ctx: FileContext, first_year: Any) -> int | None:
    if first_year is not None and (not isinstance(first_year, int) or not 1900 <= first_year <= LAST_YEAR):
        ctx.error(
            ("eerste_meetjaar",),
            f"eerste_meetjaar {shown_value(first_year)} is geen jaartal (schrijf bijv. eerste_meetjaar = 2024)",
            code="ongeldige-waarde",
            sleutel="eerste_meetjaar",
        )
        return None
    return first_year


def _norm(ctx: FileContext, norm_table: Table | None) -> dict[str, Decimal]:
    norm = {"werknemer": DEFAULT_NORM, "werkgever": DEFAULT_NORM}
    if norm_table is None:
        return norm
    for side, value in read_fields(norm_table, ORGANISATION, ("norm",)).items():
        value = read_norm(ctx, side, value) if value is not None else None
        if value is not None:
            norm[side] = value
    norm_table.finish()
    return norm


def read_norm(ctx: FileContext, side: str, value: int | Decimal) -> Decimal | None:
    """A norm from 1 to 10 with at most two decimals as written (SPEC §2): `6.45` is kept and
    shown as 6,45; `6.455` or a norm of thirty digits would be compared or shown wrongly."""
    norm = Decimal(value)
    path = ("norm", side)
    if not norm.is_finite() or not NORM_MIN <= norm <= NORM_MAX:
        ctx.error(
            path,
            f"norm {side} {plain_number(norm)} ligt buiten 1 tot 10",
            code="norm-buiten-bereik",
            kant=side,
            waarde=plain_number(norm),
        )
        return None
    exponent = norm.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        ctx.error(
            path,
            f"norm {side} {plain_number(norm)} heeft meer dan twee decimalen (schrijf bijv. 6.5 of 6.45)",
            code="te-veel-decimalen",
            kant=side,
            waarde=plain_number(norm),
        )
        return None
    return norm


def _contact(top: Table) -> dict[str, str]:
    """`[contact]`: the organisation's own public details; not checked for personal data."""
    table = top.sub("contact")
    if table is None:
        return {}
    values = read_fields(table, ORGANISATION, ("contact",))
    table.finish()
    return {key: value for key, value in values.items() if value and value.strip()}


def _signature(top: Table) -> tuple[str | None, str | None]:
    """`[ondertekening]`: who signs the report and the notice."""
    table = top.sub("ondertekening")
    if table is None:
        return None, None
    values = read_fields(table, ORGANISATION, ("ondertekening",))
    table.finish()
    return (values["signatory"] or None), (values["signatory_function"] or None)


def _uwv_address(top: Table) -> str | None:
    """`[uwv] adres`: UWV's public postal address for the notice (not personal data)."""
    table = top.sub("uwv")
    if table is None:
        return None
    address = read_fields(table, ORGANISATION, ("uwv",))["uwv_address"]
    table.finish()
    return address if address and address.strip() else None


def _code_pattern(top: Table) -> str | None:
    """`[codes] patroon`, checked to be a regular expression Python can use."""
    table = top.sub("codes")
    if table is None:
        return None
    pattern = read_fields(table, ORGANISATION, ("codes",))["code_pattern"]
    table.finish()
    if pattern is None:
        return None
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        table.ctx.error(
            ("codes", "patroon"),
            "patroon is geen geldige reguliere expressie"
            + (f" (fout bij teken {exc.pos + 1})" if getattr(exc, "pos", None) is not None else ""),
            code="ongeldige-waarde",
            sleutel="codes.patroon",
        )
        return None
    return pattern
