"""Sample data for the report templates, in the JSON contract of report/templates/rapportage.typ.

Python builds this dict in the real program (report/…); every display string is already Dutch
and formatted, the template only lays it out. These samples follow the UWV example of seed 000:
five jobcoach periods, werknemer cijfers 7, 7.5, 5.5, 8, 8 ("36 : 5 = 7,2") and werkgever cijfers
7.5, 7, 7, 8, 6 ("35,5 : 5 = 7,1"), with the default questionnaires of SPEC section 2.
"""

from __future__ import annotations

import copy
import datetime
from decimal import ROUND_HALF_UP, Decimal

from report.document_data import half_point_bins, text_blocks
from report.numbers import largest_remainder

WERKNEMER_SCHAAL = ["nee", "niet helemaal", "ja"]
WERKGEVER_SCHAAL = ["onvoldoende", "matig", "voldoende", "goed"]

WERKNEMER_VRAGEN = [
    (None, "Bent u tevreden over de begeleiding van de jobcoach?"),
    (None, "Bent u tevreden over de bereikbaarheid van de jobcoach (per telefoon/email/app)?"),
]

_MENING = "Wat is uw mening over:"
_AANDACHT = "Wat vindt u van de aandacht van de jobcoach voor:"
WERKGEVER_VRAGEN = [
    (_MENING, "Het aantal keren dat de jobcoach contact heeft gehad met de werknemer?"),
    (
        _MENING,
        "Het aantal keren dat de jobcoach contact heeft gehad met betrokken leidinggevende en collega's?",
    ),
    (_MENING, "De bereikbaarheid en de beschikbaarheid van de jobcoach (per telefoon/email/app)?"),
    (_MENING, "Het aantal keren dat de coach een bezoek aan uw bedrijf heeft gebracht?"),
    (_MENING, "De benadering door de jobcoach?"),
    (_AANDACHT, "De persoonlijke ontwikkeling van de werknemer?"),
    (_AANDACHT, "De ontwikkeling van de werknemersvaardigheden?"),
    (_AANDACHT, "De werkomgeving?"),
    (_AANDACHT, "Het loopbaanperspectief van de werknemer?"),
]

# Text with every character that means something in Typst markup or code, for the
# injection test: it must come out of the PDF exactly like this.
INJECTIE = (
    '#read("/etc/passwd") *ster* $x$ ] [ <label> @ref \\ _x_ `code` root: '
    '#eval("1+1") // geen commentaar /* ook niet */ ~ -- --- ... "aanhalingstekens"'
)

_MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _half_up(value: Decimal, places: str = "1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def weergave(value: float | Decimal | None) -> str | None:
    """7.25 -> "7,3"; whole numbers without decimals as UWV writes them ("36")."""
    if value is None:
        return None
    d = Decimal(str(value))
    if d == d.to_integral_value():
        return str(int(d))
    return format(_half_up(d, "0.1"), "f").replace(".", ",")


def _gemiddelde(som: Decimal, n: int) -> str:
    return format(_half_up(som / n, "0.1"), "f").replace(".", ",")


def _procent(aantal: int, totaal: int) -> str:
    if totaal == 0:
        return "0%"
    return f"{_half_up(Decimal(aantal * 100) / totaal, '1')}%"


def _datum(jaar: int, maand: int, dag: int) -> str:
    return f"{dag} {_MAANDEN[maand - 1]} {jaar}"


def werknemer_label(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, 27 -> AB, ... (SPEC section 6.2)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Werknemer {letters}"


def _vraag(groep, tekst, schaal, aantallen, geen_antwoord, vervallen=False):
    totaal = sum(aantallen) + geen_antwoord
    procenten = largest_remainder([*aantallen, geen_antwoord])
    return {
        "groep": groep,
        "tekst": tekst,
        "vervallen": vervallen,
        "antwoorden": [
            {
                "label": label,
                "aantal": aantal,
                "procent": procent,
                "fractie": (aantal / totaal) if totaal else 0.0,
            }
            for label, aantal, procent in zip(schaal, aantallen, procenten, strict=False)
        ],
        "geen_antwoord": geen_antwoord,
        "geen_antwoord_procent": procenten[-1],
        "totaal": totaal,
    }


def _zijde(sleutel, cijfers, formulieren, perioden, vragen, schaal, norm="6,5"):
    """One side of the report from its raw cijfers (None = form without cijfer)."""
    gegeven = [Decimal(str(c)) for c in cijfers if c is not None]
    verdeling = half_point_bins(gegeven)
    if gegeven:
        som = sum(gegeven)
        gemiddelde = _gemiddelde(som, len(gegeven))
        voldoet = som / len(gegeven) >= Decimal(norm.replace(",", "."))
        oordeel = "voldoet aan de norm" if voldoet else "voldoet niet aan de norm"
        som_tekst = weergave(som)
        berekening = f"{som_tekst} : {len(gegeven)} = {gemiddelde}"
    else:
        som_tekst = gemiddelde = berekening = voldoet = None
        oordeel = "niet aangetoond"
    titel, enkelvoud = ("Werknemers", "werknemer") if sleutel == "werknemer" else ("Werkgevers", "werkgever")
    return {
        "sleutel": sleutel,
        "titel": titel,
        "enkelvoud": enkelvoud,
        "perioden": perioden,
        "formulieren": formulieren,
        "cijfers": len(gegeven),
        "som": som_tekst,
        "gemiddelde": gemiddelde,
        "berekening": berekening,
        "norm": norm,
        "norm_getal": float(norm.replace(",", ".")),
        "voldoet": voldoet,
        "oordeel": oordeel,
        "respons": _procent(formulieren, perioden) if perioden else None,
        "respons_tekst": f"{formulieren} van {perioden} formulieren ontvangen",
        "verdeling": verdeling,
        "schaal": schaal,
        "vragen": vragen,
    }


GEGEVENSVERSIE = "Gegevensversie 3f9c2e1a8b7d (vastgelegd op 3 juni 2019)"

_ORGANISATIE = {
    "naam": "Jobcoach Voorbeeld B.V.",
    "erkenningsdatum": "12 mei 2013",
    "accounthouder": "M. de Vries",
    "kenmerk": "JC-2013-0412",
    "contact_regels": [
        "Stationsweg 12",
        "3511 AB Utrecht",
        "Telefoon 030 123 4567",
        "info@voorbeeld.nl",
        "www.voorbeeld.nl",
    ],
}

ONDERTEKENING = {"naam": "A. Jansen", "functie": "Directeur", "plaats": "Utrecht", "datum": "20 mei 2019"}


def sample_report(concept: bool = False) -> dict:
    """sample_report_texts with the free texts as blocks, as the template receives them."""
    return with_blocks(sample_report_texts(concept))


def sample_report_texts(concept: bool = False) -> dict:
    """The UWV example of seed 000 as meetjaar 2019 (recognised 12 May 2013), with two earlier years."""
    werknemer_cijfers = [7, 7.5, 5.5, 8, 8]
    werkgever_cijfers = [7.5, 7, 7, 8, 6]
    werknemers = ["Werknemer A", "Werknemer A", "Werknemer B", "Werknemer B", "Werknemer C"]
    werkgevers = ["Werkgever 1", "Werkgever 2", "Werkgever 1", "Werkgever 1", "Werkgever 1"]
    eindes = [_datum(2018, 7, 13), _datum(2018, 10, 1), _datum(2018, 12, 21), _datum(2019, 3, 29)]
    eindes.append(_datum(2019, 4, 30))
    perioden = [
        {
            "werknemer": wn,
            "cijfer_werknemer": weergave(cwn),
            "werkgever": wg,
            "cijfer_werkgever": weergave(cwg),
            "einde": einde,
        }
        for wn, cwn, wg, cwg, einde in zip(
            werknemers, werknemer_cijfers, werkgevers, werkgever_cijfers, eindes, strict=True
        )
    ]
    wn_antwoorden = [([0, 1, 4], 0), ([0, 2, 2], 1)]
    wg_antwoorden = [
        ([0, 1, 2, 2], 0),
        ([0, 0, 3, 2], 0),
        ([0, 2, 2, 1], 0),
        ([1, 1, 2, 1], 0),
        ([0, 0, 1, 4], 0),
        ([0, 1, 3, 1], 0),
        ([0, 1, 2, 1], 1),
        ([0, 0, 3, 1], 1),
        ([1, 2, 1, 1], 0),
    ]
    wn_vragen = [
        _vraag(g, t, WERKNEMER_SCHAAL, a, n)
        for (g, t), (a, n) in zip(WERKNEMER_VRAGEN, wn_antwoorden, strict=True)
    ]
    wg_vragen = [
        _vraag(g, t, WERKGEVER_SCHAAL, a, n)
        for (g, t), (a, n) in zip(WERKGEVER_VRAGEN, wg_antwoorden, strict=True)
    ]
    return {
        "concept": concept,
        "titel": "Rapportage klanttevredenheid",
        "organisatie": dict(_ORGANISATIE),
        "meetjaar": {"jaar": 2019, "start": "12 mei 2018", "eind": "12 mei 2019", "deadline": "12 juni 2019"},
        "gemaakt_op": "20 mei 2019",
        "perioden": perioden,
        "zijden": [
            _zijde("werknemer", werknemer_cijfers, 5, 5, wn_vragen, WERKNEMER_SCHAAL),
            _zijde("werkgever", werkgever_cijfers, 5, 5, wg_vragen, WERKGEVER_SCHAAL),
        ],
        "voet": "Jobcoach Voorbeeld B.V. · Rapportage klanttevredenheid meetjaar 2019",
        "analyse": (
            "Werknemers en werkgevers zijn gemiddeld tevreden over de begeleiding: beide cijfers "
            "liggen boven de norm van 6,5.\n\n"
            "Eén werknemer gaf een 5,5. In het evaluatiegesprek gaf hij aan dat de jobcoach in de "
            "zomerperiode slecht bereikbaar was. Ook bij de werkgevers scoort de bereikbaarheid "
            "het laagst: twee van de vijf werkgevers vinden die matig."
        ),
        "conclusies": (
            "De klanttevredenheid voldoet aan beide normen van UWV.\n\n"
            "De bereikbaarheid van de jobcoaches verdient aandacht, vooral in vakantieperioden."
        ),
        "acties": (
            "1. Vanaf 1 juli 2019 is er tijdens vakanties een vaste vervanger per jobcoach.\n"
            "2. Werkgevers krijgen bij de start van een periode een overzicht van de "
            "contactmogelijkheden (telefoon, e-mail, app).\n"
            "3. In het teamoverleg van september bespreken we de resultaten."
        ),
        "trend": [
            {
                "jaar": 2017,
                "werknemer": "6,9",
                "werkgever": "7,3",
                "werknemer_getal": 6.9,
                "werkgever_getal": 7.3,
                "werknemer_voldoet": True,
                "werkgever_voldoet": True,
            },
            {
                "jaar": 2018,
                "werknemer": "6,47",
                "werkgever": "7,0",
                "werknemer_getal": 6.47,
                "werkgever_getal": 7.0,
                "werknemer_voldoet": False,
                "werkgever_voldoet": True,
            },
            {
                "jaar": 2019,
                "werknemer": "7,2",
                "werkgever": "7,1",
                "werknemer_getal": 7.2,
                "werkgever_getal": 7.1,
                "werknemer_voldoet": True,
                "werkgever_voldoet": True,
            },
        ],
        "gegevensversie": GEGEVENSVERSIE,
        "ondertekening": dict(ONDERTEKENING),
    }


def with_blocks(data: dict) -> dict:
    """The free texts as report/document_data.text_blocks hands them to the template."""
    for key in ("analyse", "conclusies", "acties", "herstelplan"):
        if isinstance(data.get(key), str):
            data[key] = text_blocks(data[key])
    return data


def sample_report_many(n: int = 300) -> dict:
    """A large organisation: n completed periods (the table must break over pages)."""
    data = sample_report()
    perioden = []
    wn_cijfers: list[float | None] = []
    wg_cijfers: list[float | None] = []
    for i in range(n):
        cwn = None if i % 17 == 5 else [6, 6.5, 7, 7.5, 8, 8.5, 9, 5.5, 10, 7][i % 10]
        cwg = None if i % 23 == 7 else [7, 7.5, 6, 8, 9, 6.5, 7, 8.5][i % 8]
        wn_cijfers.append(cwn)
        wg_cijfers.append(cwg)
        einde = datetime.date(2018, 5, 13) + datetime.timedelta(days=(i * 364) // n)
        perioden.append(
            {
                "werknemer": werknemer_label(i // 2),
                "cijfer_werknemer": weergave(cwn),
                "werkgever": f"Werkgever {1 + (i * 7) % 60}",
                "cijfer_werkgever": weergave(cwg),
                "einde": _datum(einde.year, einde.month, einde.day),
            }
        )
    data["perioden"] = perioden
    wn, wg = data["zijden"]
    wn_formulieren = sum(c is not None for c in wn_cijfers) + 3
    wg_formulieren = sum(c is not None for c in wg_cijfers)
    data["zijden"] = [
        _zijde("werknemer", wn_cijfers, wn_formulieren, n, wn["vragen"], WERKNEMER_SCHAAL),
        _zijde("werkgever", wg_cijfers, wg_formulieren, n, wg["vragen"], WERKGEVER_SCHAAL),
    ]
    return data


def sample_report_minimal() -> dict:
    """No optional data: no texts, no accounthouder, no werkgever cijfer, no earlier years, no git."""
    data = sample_report(concept=True)
    data["organisatie"]["accounthouder"] = None
    data["perioden"] = [
        {
            "werknemer": "Werknemer A",
            "cijfer_werknemer": "6",
            "werkgever": "Werkgever 1",
            "cijfer_werkgever": None,
            "einde": "3 december 2018",
        },
        {
            "werknemer": "Werknemer B",
            "cijfer_werknemer": None,
            "werkgever": "Werkgever 2",
            "cijfer_werkgever": None,
            "einde": "14 februari 2019",
        },
    ]
    wn_vragen = [_vraag(g, t, WERKNEMER_SCHAAL, [0, 1, 0], 0) for g, t in WERKNEMER_VRAGEN]
    wn_vragen.append(
        _vraag(None, "Heeft de jobcoach u goed geïnformeerd?", WERKNEMER_SCHAAL, [0, 0, 1], 0, vervallen=True)
    )
    wg_vragen = [_vraag(g, t, WERKGEVER_SCHAAL, [0, 0, 0, 0], 1) for g, t in WERKGEVER_VRAGEN]
    data["zijden"] = [
        _zijde("werknemer", [6], 1, 2, wn_vragen, WERKNEMER_SCHAAL),
        _zijde("werkgever", [None], 1, 2, wg_vragen, WERKGEVER_SCHAAL),
    ]
    data["analyse"] = None
    data["conclusies"] = None
    data["acties"] = None
    data["trend"] = [
        {
            "jaar": 2019,
            "werknemer": "6,0",
            "werkgever": None,
            "werknemer_getal": 6.0,
            "werknemer_voldoet": False,
            "werkgever_voldoet": None,
        }
    ]
    data["gegevensversie"] = None
    data["ondertekening"] = {"naam": None, "functie": None, "plaats": None, "datum": "20 mei 2019"}
    return data


def sample_report_injection() -> dict:
    """Every user string carries Typst markup that must be printed literally."""
    data = sample_report()
    data["organisatie"]["naam"] = "Org " + INJECTIE
    data["organisatie"]["accounthouder"] = INJECTIE
    data["analyse"] = text_blocks(INJECTIE)
    data["conclusies"] = text_blocks(INJECTIE + "\n\n" + INJECTIE)
    data["acties"] = text_blocks(INJECTIE)
    data["perioden"][0]["werknemer"] = INJECTIE
    data["perioden"][0]["werkgever"] = INJECTIE
    return data


def sample_melding(accounthouder: str | None = "M. de Vries") -> dict:
    """The notice for meetjaar 2018 in which no jobcoach period was completed."""
    organisatie = copy.deepcopy(_ORGANISATIE)
    organisatie["accounthouder"] = accounthouder
    return {
        "organisatie": organisatie,
        "meetjaar": {"jaar": 2018, "start": "13 mei 2017", "eind": "12 mei 2018", "deadline": "12 juni 2018"},
        "gemaakt_op": "13 mei 2018",
        "onderwerp": "Melding klanttevredenheidsmeting meetjaar 2018",
        "voet": "Jobcoach Voorbeeld B.V. · Melding klanttevredenheidsmeting meetjaar 2018",
        "te_laat": None,
        "ondertekening": {**ONDERTEKENING, "datum": "13 mei 2018"},
    }
