"""What a stored answer value is, the declined marker and the answer error, without the form model
(so the store can hold answers without loading pydantic)."""

from __future__ import annotations

# A stored answer value: a scale point value (int), yes/no (bool), text (str), a number (int,
# or float with decimals), a list of agreed actions (list[str]), the chosen points of a
# multi-choice item (list[int]), or DECLINED ("ik wil dit liever niet zeggen").
DECLINED = "__declined__"
AnswerValue = int | float | bool | str | list[str] | list[int]


class AnswerError(ValueError):
    """An answer that does not fit its form: unknown item, wrong type, out of range."""
