from datetime import datetime, timedelta, timezone

import pytest

from rollstream_client.timeparse import EPOCH, parse_time, to_millis

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("now", NOW),
    ("earliest", EPOCH),
    ("-1h", NOW - timedelta(hours=1)),
    ("-30m", NOW - timedelta(minutes=30)),
    ("-2d", NOW - timedelta(days=2)),
    ("-45s", NOW - timedelta(seconds=45)),
    ("-1w", NOW - timedelta(weeks=1)),
    ("PT1H", NOW - timedelta(hours=1)),
    ("-PT1H30M", NOW - timedelta(hours=1, minutes=30)),
    ("1767225600000", datetime(2026, 1, 1, tzinfo=timezone.utc)),
    ("2026-01-01T00:00:00Z", datetime(2026, 1, 1, tzinfo=timezone.utc)),
    ("2026-01-01T01:00:00+01:00", datetime(2026, 1, 1, tzinfo=timezone.utc)),
])
def test_accepts_the_forms_of_the_java_commands(text, expected):
    assert parse_time(text, NOW) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "-1y", "2026-01-01T00:00:00", "P"])
def test_rejects_other_text_naming_the_forms(text):
    with pytest.raises(ValueError, match="accepted:"):
        parse_time(text, NOW)


def test_millis_round_trip():
    assert to_millis(parse_time("1767225600123", NOW)) == 1767225600123
