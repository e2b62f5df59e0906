"""Small widgets shared by the screens of the ktv app."""

from .answer_field import AnswerField
from .status_line import StatusLine

__all__ = ["AnswerField", "StatusLine"]
