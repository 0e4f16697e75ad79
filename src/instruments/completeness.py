"""How much of what an outcome counts was answered: per scope, the counted items and domains
that were answered, declined ('liever niet zeggen'), hidden or missing, and whether the form's
minimum is met. Below the minimum an outcome gives no suggestion at all."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from instruments.answers import DECLINED, AnswerValue
from instruments.model import Domain, Form, Item, ItemType, Outcome, Selector

# A complete scope has every shown counted item answered; a partial one meets the form's
# minimum without that; an incomplete one does not meet it and gets no suggestion.
Status = Literal["complete", "partial", "incomplete"]

# Item types an outcome can read; texts and agreed actions are never counted.
_READABLE = (ItemType.SCALE, ItemType.CHOICE, ItemType.YES_NO, ItemType.NUMBER,
             ItemType.MULTI_CHOICE)


@dataclass(frozen=True)
class Completeness:
    """What an outcome counted in one scope. A declined answer counts as not answered.

    `domains` are the counted domains with at least one counted item shown (the M of "N of M");
    `domains_hidden` are counted domains whose counted items are all hidden by conditions. A
    domain is answered when every counted item shown in it has an answer; declined when none is
    missing but at least one is declined; else missing. `required` is how many must be answered
    (the form's minimum, at most `domains`)."""

    items: int
    items_answered: int
    items_declined: int
    items_hidden: int
    items_missing: int
    domains: int
    domains_answered: int
    domains_declined: int
    domains_missing: int
    domains_hidden: int
    required: int
    status: Status

    @property
    def met(self) -> bool:
        """Whether the minimum is met (a level may be suggested)."""
        return self.status != "incomplete"


def _reads(sel: Selector, domain: Domain, item: Item) -> bool:
    return ((not sel.keys or item.key in sel.keys)
            and (not sel.domains or domain.id in sel.domains)
            and (not sel.groups or domain.group in sel.groups))


_CACHE: dict[int, tuple[weakref.ref[Form], dict[tuple[str, str], list[Item]]]] = {}
_CACHE_LOCK = threading.RLock()


def counted_items(form: Form, outcome: Outcome, domain: Domain) -> list[Item]:
    """The items of `domain` that any rule (or the table) of `outcome` reads, in form order
    (worked out once per form object)."""
    key = id(form)
    with _CACHE_LOCK:
        entry = _CACHE.get(key)
        if entry is None or entry[0]() is not form:

            def forget(ref: weakref.ref[Form], key: int = key) -> None:
                with _CACHE_LOCK:
                    if (current := _CACHE.get(key)) is not None and current[0] is ref:
                        del _CACHE[key]

            entry = (weakref.ref(form, forget), {})
            _CACHE[key] = entry
        found = entry[1].get((outcome.id, domain.id))
        if found is None:
            found = _counted_items(form, outcome, domain)
            entry[1][(outcome.id, domain.id)] = found
        return found


def _counted_items(form: Form, outcome: Outcome, domain: Domain) -> list[Item]:
    selectors = [sel for rule in outcome.rules for pred in rule.when
                 for sel in (pred.count, pred.sum, pred.mean) if sel is not None]
    keys = {key for rule in outcome.rules for pred in rule.when for key in pred.difference or ()}
    if outcome.table is not None:
        keys.update(outcome.table.keys)
    return [item for item in form.domain_items(domain) if item.type in _READABLE
            and (item.key in keys or any(_reads(sel, domain, item) for sel in selectors))]


class _Decided:
    """Whether an item's visibility is settled by given answers: an item hidden only because
    an answer its condition reads is missing or declined is not 'hidden' but still open."""

    def __init__(self, form: Form, answers: Mapping[str, AnswerValue],
                 shown: Mapping[str, bool]) -> None:
        self.index = form.item_index()
        self.form = form
        self.answers = answers
        self.shown = shown
        self.memo: dict[str, bool] = {}

    def __call__(self, full_id: str) -> bool:
        if full_id not in self.memo:
            self.memo[full_id] = True  # conditions only read earlier items: no cycles
            domain, item = self.index[full_id]
            if item.show_if is not None:
                for cmp in item.show_if.comparisons():
                    target = self.form.resolve(domain, cmp.item)
                    if not self(target) or (self.shown.get(target, True)
                                            and self.answers.get(target) in (None, DECLINED)):
                        self.memo[full_id] = False
                        break
        return self.memo[full_id]


def _domain_states(form: Form, outcome: Outcome, domains: list[Domain],
                   answers: Mapping[str, AnswerValue], shown: Mapping[str, bool]
                   ) -> Iterator[list[str]]:
    """Per counted domain, the state of each of its counted items."""
    decided = _Decided(form, answers, shown)
    for domain in domains:
        states = []
        for item in counted_items(form, outcome, domain):
            full_id = f"{domain.id}.{item.key}"
            value = answers.get(full_id)
            if not shown.get(full_id, True) and decided(full_id):
                states.append("hidden")
            elif not shown.get(full_id, True) or value is None:
                states.append("missing")
            elif value == DECLINED:
                states.append("declined")
            else:
                states.append("answered")
        if states:
            yield states


def completeness(form: Form, outcome: Outcome, domains: list[Domain],
                 answers: Mapping[str, AnswerValue], shown: Mapping[str, bool]) -> Completeness:
    """The completeness of `outcome` over `domains`; `shown` is the form's visibility."""
    items = {"answered": 0, "declined": 0, "hidden": 0, "missing": 0}
    doms = {"answered": 0, "declined": 0, "hidden": 0, "missing": 0}
    for states in _domain_states(form, outcome, domains, answers, shown):
        for state in states:
            items[state] += 1
        asked = [s for s in states if s != "hidden"]
        if not asked:
            doms["hidden"] += 1
        elif "missing" in asked:
            doms["missing"] += 1
        elif "declined" in asked:
            doms["declined"] += 1
        else:
            doms["answered"] += 1
    total = doms["answered"] + doms["declined"] + doms["missing"]
    wanted = outcome.minimum.domains
    required = total if wanted == "all" else min(wanted, total)
    status: Status
    if total == 0 or doms["answered"] < required:
        status = "incomplete"
    elif doms["answered"] == total:
        status = "complete"
    else:
        status = "partial"
    return Completeness(
        items=sum(items.values()), items_answered=items["answered"],
        items_declined=items["declined"], items_hidden=items["hidden"],
        items_missing=items["missing"], domains=total, domains_answered=doms["answered"],
        domains_declined=doms["declined"], domains_missing=doms["missing"],
        domains_hidden=doms["hidden"], required=required, status=status,
    )
