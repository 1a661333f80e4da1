"""Time: storage in UTC, "today" in Asia/Ho_Chi_Minh (effective dates are Vietnamese calendar days)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def today() -> dt.date:
    """Today's date in Việt Nam, whatever the server's time zone."""
    return dt.datetime.now(VIETNAM).date()
