"""TIME arguments as ``rollstream audit`` and ``rollstream export`` read them."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

FORMS = ("accepted: ISO-8601 instant (2026-01-01T00:00:00Z), a duration ago (-1h, -30m, -2d, PT1H), "
         "epoch millis, earliest, now")

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

_SHORT_AGO = re.compile(r"-(\d+)(ms|s|m|h|d|w)")
_ISO_DURATION = re.compile(r"-?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?", re.IGNORECASE)
_UNITS = {"ms": timedelta(milliseconds=1), "s": timedelta(seconds=1), "m": timedelta(minutes=1),
          "h": timedelta(hours=1), "d": timedelta(days=1), "w": timedelta(weeks=1)}


def parse_time(text: str, now: datetime) -> datetime:
    """Resolves ``text`` against ``now`` (timezone-aware); raises ValueError naming the accepted forms."""
    t = (text or "").strip()
    if not t:
        raise ValueError("a time is required; " + FORMS)
    lower = t.lower()
    if lower == "now":
        return now
    if lower == "earliest":
        return EPOCH
    if t.isdigit():
        return EPOCH + timedelta(milliseconds=int(t))
    ago = _SHORT_AGO.fullmatch(lower)
    if ago:
        return now - int(ago.group(1)) * _UNITS[ago.group(2)]
    iso = _ISO_DURATION.fullmatch(t)
    if iso and any(iso.groups()):
        days, hours, minutes, seconds = (float(g) if g else 0.0 for g in iso.groups())
        return now - timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    try:
        instant = datetime.fromisoformat(t[:-1] + "+00:00" if t.endswith(("Z", "z")) else t)
    except ValueError:
        raise ValueError(f"cannot read time '{t}'; {FORMS}") from None
    if instant.tzinfo is None:
        raise ValueError(f"time '{t}' has no offset (end it with Z for UTC); {FORMS}")
    return instant


def to_millis(instant: datetime) -> int:
    """Epoch milliseconds of a timezone-aware instant, as Kafka timestamps count them."""
    return (instant - EPOCH) // timedelta(milliseconds=1)
