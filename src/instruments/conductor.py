"""Who held a conversation (name, role, organisation, AGB/BIG, contact), as recorded at its
start: kept by the store and named on the documents, one type for both."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Conductor:
    """Who held a conversation, as recorded at its start (from the professional's settings;
    never the settings of whoever exports later)."""

    name: str
    role: str = ""
    organisation: str = ""
    agb: str = ""  # AGB code, when the professional has one
    big: str = ""  # BIG registration number, when the professional has one
    phone: str = ""
    email: str = ""

    def line(self) -> str:
        """Name, role and organisation in one line (the parts that are known)."""
        return ", ".join(x for x in (self.name, self.role, self.organisation) if x.strip())
