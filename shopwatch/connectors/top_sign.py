"""Taobao Open Platform request signing and timestamps, shared by the client and the demo
gateway so both sides of the loopback protocol compute the same thing."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, timezone

from shopwatch.timeutil import CHINA_TZ

SIGN_METHODS = ("md5", "hmac", "hmac-sha256")
GMT8 = CHINA_TZ  # TOP's timestamps are China time (timeutil holds the one zone)
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"


def signing_string(params: Mapping[str, object]) -> str:
    """Every parameter except ``sign``, empty values dropped, sorted by key, ``k1v1k2v2…``."""
    parts = []
    for key in sorted(params):
        if key == "sign":
            continue
        value = params[key]
        if value is None or value == "":
            continue
        parts.append(f"{key}{value}")
    return "".join(parts)


def sign(params: Mapping[str, object], secret: str, method: str = "md5") -> str:
    """The upper-case hex signature TOP expects for ``params`` under ``method``."""
    s = signing_string(params).encode("utf-8")
    key = secret.encode("utf-8")
    if method == "md5":
        digest = hashlib.md5(key + s + key).hexdigest()
    elif method == "hmac":
        digest = hmac.new(key, s, hashlib.md5).hexdigest()
    elif method == "hmac-sha256":
        digest = hmac.new(key, s, hashlib.sha256).hexdigest()
    else:
        raise ValueError(f"unknown sign_method {method!r}; use one of {', '.join(SIGN_METHODS)}")
    return digest.upper()


def format_timestamp(moment: datetime) -> str:
    """``yyyy-MM-dd HH:mm:ss`` in GMT+8, the form the gateway documents."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(GMT8).strftime(TIMESTAMP_FORMAT)


def parse_timestamp(value: str) -> datetime:
    """Accept both forms the official SDKs send: GMT+8 text, or epoch milliseconds."""
    value = value.strip()
    if value.isdigit():
        return datetime.fromtimestamp(int(value) / 1000, tz=timezone.utc)
    return datetime.strptime(value, TIMESTAMP_FORMAT).replace(tzinfo=GMT8)
