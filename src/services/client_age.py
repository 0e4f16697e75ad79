"""A client's age in months for choosing forms: negative during the pregnancy, from the due date."""

from __future__ import annotations

from datetime import date


def age_in_months(birth_date: date | None, due_date: date | None, today: date) -> int | None:
    """Whole months since the birth; before a birth, minus the months still to go until the due
    date (-9 early in the pregnancy, 0 at the due date); None when neither date is known."""
    if birth_date is not None:
        months = (today.year - birth_date.year) * 12 + today.month - birth_date.month
        return months - (1 if today.day < birth_date.day else 0)
    if due_date is not None:
        to_go = (due_date.year - today.year) * 12 + due_date.month - today.month
        to_go -= 1 if due_date.day < today.day else 0
        return -max(to_go, 0)
    return None
