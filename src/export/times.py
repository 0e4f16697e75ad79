"""Times on documents: kept in UTC, shown in a named local zone (zoneinfo, tzdata on Windows)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Europe/Amsterdam"


@cache
def zone(name: str) -> tzinfo:
    """The zone called `name`; an unknown name is a clear ValueError."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def local(moment: datetime, zone_name: str = DEFAULT_ZONE) -> datetime:
    """`moment` in the zone; a naive moment is taken as UTC (the store keeps UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(zone_name))


def local_text(moment: datetime | None, zone_name: str = DEFAULT_ZONE) -> str:
    """'02-11-2026 11:30 CET' (day, local time, the zone's abbreviation); '-' when unknown."""
    if moment is None:
        return "-"
    shown = local(moment, zone_name)
    return f"{shown:%d-%m-%Y %H:%M} {shown.tzname()}"


def local_date_text(moment: datetime | None, zone_name: str = DEFAULT_ZONE) -> str:
    """The local day '02-11-2026'; '' when unknown."""
    return f"{local(moment, zone_name):%d-%m-%Y}" if moment is not None else ""
