"""The built-in questionnaires: UWV's two assessment forms (seed 000), written by `ktv init`."""

from __future__ import annotations

from .model import Question, Questionnaire

_OPINION = "Wat is uw mening over:"
_ATTENTION = "Wat vindt u van de aandacht van de jobcoach voor:"

EMPLOYEE_QUESTIONNAIRE = Questionnaire(
    side="werknemer",
    title="Beoordeling ondersteuning jobcoach door werknemer",
    scale=("nee", "niet helemaal", "ja"),
    questions=(
        Question("begeleiding", "Bent u tevreden over de begeleiding van de jobcoach?"),
        Question(
            "bereikbaarheid",
            "Bent u tevreden over de bereikbaarheid van de jobcoach (per telefoon/email/app)?",
        ),
    ),
)

EMPLOYER_QUESTIONNAIRE = Questionnaire(
    side="werkgever",
    title="Beoordeling ondersteuning jobcoach door werkgever",
    scale=("onvoldoende", "matig", "voldoende", "goed"),
    questions=(
        Question(
            "contact_werknemer",
            "Het aantal keren dat de jobcoach contact heeft gehad met de werknemer?",
            _OPINION,
        ),
        Question(
            "contact_leiding",
            "Het aantal keren dat de jobcoach contact heeft gehad met betrokken leidinggevende en collega's?",
            _OPINION,
        ),
        Question(
            "bereikbaarheid",
            "De bereikbaarheid en de beschikbaarheid van de jobcoach (per telefoon/email/app)?",
            _OPINION,
        ),
        Question(
            "bezoeken",
            "Het aantal keren dat de coach een bezoek aan uw bedrijf heeft gebracht?",
            _OPINION,
        ),
        Question("benadering", "De benadering door de jobcoach?", _OPINION),
        Question("persoonlijke_ontwikkeling", "De persoonlijke ontwikkeling van de werknemer?", _ATTENTION),
        Question("werknemersvaardigheden", "De ontwikkeling van de werknemersvaardigheden?", _ATTENTION),
        Question("werkomgeving", "De werkomgeving?", _ATTENTION),
        Question("loopbaanperspectief", "Het loopbaanperspectief van de werknemer?", _ATTENTION),
    ),
)

DEFAULT_QUESTIONNAIRES = {"werknemer": EMPLOYEE_QUESTIONNAIRE, "werkgever": EMPLOYER_QUESTIONNAIRE}
