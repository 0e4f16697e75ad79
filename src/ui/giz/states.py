"""A factor's state on the triangle, read from its status answer: the first point of the status
scale is 'going well', the last 'concern', any point between 'point of attention'."""

from __future__ import annotations

from instruments.answers import AnswerValue
from instruments.model import Domain, Form, ItemType

STATUS_KEY = "status"


def status_item(form: Form, domain: Domain) -> str | None:
    """The full id of a factor's status item, if it has one."""
    for item in form.domain_items(domain):
        if item.key == STATUS_KEY and item.type in (ItemType.SCALE, ItemType.CHOICE):
            return f"{domain.id}.{item.key}"
    return None


def factor_state(form: Form, domain: Domain, value: AnswerValue | None) -> str:
    """'open', 'good', 'attention' or 'concern'."""
    item_id = status_item(form, domain)
    if item_id is None or not isinstance(value, int) or isinstance(value, bool):
        return "open"
    item = form.item_index()[item_id][1]
    assert item.scale is not None
    values = form.scale(item.scale).values()
    if value not in values:
        return "open"
    if value == values[0]:
        return "good"
    if value == values[-1]:
        return "concern"
    return "attention"
