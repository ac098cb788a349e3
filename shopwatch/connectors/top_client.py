"""Signed calls to a Taobao Open Platform (TOP) gateway: one request, retried the way the
platform expects, its answer unwrapped or turned into a typed connector error.

Kept apart from ``taobao.py`` so that module reads as *what* to fetch and this one as *how* to
talk to TOP. Every error raised from here carries a plain sentence a seller can act on and never
the app secret or the session key. The session key travels in the form body, never in the URL,
so it cannot leak through access logs, proxies or urllib3's debug log; and no requests exception
text is ever copied into a message or chained onto one.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Self
from urllib.parse import urlencode, urlsplit

import requests

from shopwatch import __version__
from shopwatch.connectors.base import (
    AuthError,
    CancelCheck,
    Cancelled,
    ConnectorError,
    NetworkError,
    RateLimited,
    SourceError,
)
from shopwatch.connectors.top_records import text_or_none
from shopwatch.connectors.top_sign import SIGN_METHODS, format_timestamp, sign
from shopwatch.masking import SecretMask

log = logging.getLogger(__name__)

ENDPOINT_PRODUCTION = "https://eco.taobao.com/router/rest"

# "This ban will last for 37 more seconds" (code 7, App Call Limited).
_BAN_RE = re.compile(r"ban will last for (\d+) more second", re.IGNORECASE)
_SYSTEM_KEYS = frozenset(
    {"method", "app_key", "session", "timestamp", "v", "format", "sign_method", "sign",
     "partner_id", "simplify"}
)
_DAY = 86_400  # seconds: the longest wait any answer is taken to ask for
_SESSION_CODES = {26, 27}  # missing / invalid session: only re-authorising helps
_CREDENTIAL_CODES = {25, 28, 29}  # invalid signature, missing / invalid app key
_PERMISSION_CODES = {11, 12}  # insufficient ISV / user permissions


def response_key(method: str) -> str:
    """The success envelope's key: ``taobao.items.onsale.get`` -> ``items_onsale_get_response``."""
    name = method.removeprefix("taobao.")
    return name.replace(".", "_") + "_response"


def _seconds(value: float) -> str:
    return f"{value:g}"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


class _Retry(Exception):
    """One attempt failed in a way worth trying again (internal to the retry loop)."""

    def __init__(
        self,
        reason: str,
        hint: str,
        *,
        wait: float | None = None,
        rate_limited: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint
        self.wait = wait  # None: use exponential backoff
        self.rate_limited = rate_limited
        self.retry_after = retry_after


class ItemGone(SourceError):
    """The platform says the item asked for does not exist (any more). Raised only for calls
    made with ``gone_ok=True``; the look-up turns it into ``None``."""


def _is_gone(sub_code: str) -> bool:
    s = sub_code.lower()
    return any(mark in s for mark in ("item-is-delete", "item_not_found", "item-not-exist"))


class TopClient:
    """A TOP REST client: signs, POSTs, retries, unwraps ``<method>_response``.

    System parameters go in the query string and business parameters in the urlencoded form
    body, as the official SDKs send them — except the session key, which goes in the body too so
    that no URL ever carries it; the gateway reads both places and the signature covers all.
    """

    def __init__(
        self,
        endpoint: str,
        app_key: str,
        app_secret: str,
        session: str,
        *,
        sign_method: str = "md5",
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_ban_wait: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        http: requests.Session | None = None,
        partner_id: str | None = None,
    ) -> None:
        if sign_method not in SIGN_METHODS:
            raise ValueError(f"sign_method must be one of {', '.join(SIGN_METHODS)}")
        self.endpoint = endpoint
        self.app_key = app_key
        self._secret = app_secret
        self._session = session
        # a gateway may echo either back in any encoding (url-encoded, JSON, base64)
        self._mask = SecretMask([app_secret, session])
        self.sign_method = sign_method
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_ban_wait = max_ban_wait
        self.partner_id = partner_id
        self._sleep = sleep
        self._owns_http = http is None
        self._http = http if http is not None else requests.Session()
        if self._owns_http:
            self._http.headers["User-Agent"] = f"shopwatch/{__version__}"
            read_environment_once(self._http, endpoint)
        parts = urlsplit(endpoint)
        # Only host and port go into messages: a URL may carry credentials of a proxy.
        self._where = parts.hostname or endpoint
        if parts.port:
            self._where += f":{parts.port}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} endpoint={self.endpoint!r} app_key={self.app_key!r}>"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def thread_session(self) -> requests.Session:
        """A session for one worker thread of concurrent calls: a fresh one (the caller closes
        it) when this client owns its HTTP, else the session it was given."""
        if not self._owns_http:
            return self._http
        http = requests.Session()
        http.headers.update(self._http.headers)
        http.trust_env = self._http.trust_env
        http.proxies = dict(self._http.proxies)
        http.verify = self._http.verify
        return http

    @property
    def owns_http(self) -> bool:
        return self._owns_http

    def close(self) -> None:
        """Release the HTTP connection pool (only if this client created it)."""
        if self._owns_http:
            self._http.close()

    # ----------------------------------------------------------------- public call

    def call(self, method: str, **business_params: Any) -> dict:
        """One signed call; returns the inner ``<x>_response`` dict or raises a ConnectorError."""
        return self._request(method, business_params)

    # ----------------------------------------------------------------- internals

    def _request(
        self,
        method: str,
        business_params: Mapping[str, Any],
        *,
        cancel: CancelCheck | None = None,
        gone_ok: bool = False,
        http: requests.Session | None = None,
    ) -> dict:
        """``http``: a session of the calling thread's own (concurrent calls), else the
        client's."""
        business = self._business(business_params)
        attempts = self.retries + 1
        last: _Retry | None = None
        try:
            for attempt in range(attempts):
                if last is not None:
                    delay = last.wait if last.wait is not None else self.backoff * 2 ** (attempt - 1)
                    self._wait(delay, cancel)
                try:
                    return self._attempt(method, business, gone_ok, http or self._http)
                except _Retry as failure:
                    last = failure
                    log.info("%s attempt %d/%d failed: %s", method, attempt + 1, attempts,
                             self._scrub(failure.reason))
        except ConnectorError as exc:
            self._sanitise(exc)
            raise
        # Raised outside every except block, so no requests exception (whose text includes
        # the URL with the session key) is attached as __context__.
        assert last is not None
        raise self._sanitise(self._exhausted(last, attempts))

    def _attempt(
        self, method: str, business: dict[str, str], gone_ok: bool, http: requests.Session
    ) -> dict:
        system = {
            "method": method,
            "app_key": self.app_key,
            "session": self._session,
            # Fresh for every attempt: the gateway rejects more than 10 minutes of skew and
            # ban waits can be long.
            "timestamp": format_timestamp(datetime.now(timezone.utc)),
            "v": "2.0",
            "format": "json",
            "sign_method": self.sign_method,
            "partner_id": self.partner_id or "",
        }
        system = {k: v for k, v in system.items() if v}
        body = {**business, "session": system.pop("session")} if "session" in system else business
        system["sign"] = sign({**system, **body}, self._secret, self.sign_method)
        failure: _Retry | None = None
        fatal: ConnectorError | None = None
        response: requests.Response | None = None
        try:
            response = http.post(
                self.endpoint,
                params=system,
                data=urlencode(body, encoding="utf-8"),
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"},
                timeout=self.timeout,
            )
        except requests.Timeout:
            failure = _Retry(f"Taobao did not answer in {_seconds(self.timeout)} s",
                             "Check your connection; nothing was changed.")
        except requests.exceptions.SSLError:
            failure = _Retry(f"The secure connection to {self._where} failed",
                             "Check the computer's date and time and any proxy; nothing was changed.")
        except requests.ConnectionError:
            failure = _Retry(f"Could not reach Taobao at {self._where}",
                             "Check your internet connection; nothing was changed.")
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema):
            fatal = NetworkError(f"The Taobao address {self.endpoint!r} is not a usable web address.",
                                 hint="Check the endpoint in Settings; nothing was changed.")
        except requests.RequestException:
            failure = _Retry("The connection to Taobao broke off in the middle of an answer",
                             "Check your connection; nothing was changed.")
        if failure is not None:
            raise failure
        if fatal is not None:
            raise fatal
        assert response is not None
        return self._read(method, response, gone_ok)

    def _read(self, method: str, response: requests.Response, gone_ok: bool) -> dict:
        status = response.status_code
        if status == 429:
            wait = _retry_after(response.headers.get("Retry-After"))
            if wait is not None and wait > self.max_ban_wait:
                raise RateLimited(
                    f"Taobao asked this app to pause its calls for {_seconds(wait)} s.",
                    retry_after=wait, hint="Sync again after that; nothing was changed.")
            raise _Retry("Taobao is limiting this app's calls (HTTP 429)",
                         "Wait a few minutes and sync again; nothing was changed.",
                         wait=wait, rate_limited=True, retry_after=wait)
        payload: object = None
        try:
            payload = response.json()
        except ValueError:  # invalid, truncated or not UTF-8
            payload = None
        if isinstance(payload, dict) and isinstance(payload.get("error_response"), dict):
            self._raise_error_response(method, payload["error_response"], gone_ok)
        if status >= 500:
            raise _Retry(f"Taobao's server had a problem (HTTP {status})",
                         "Try again later; nothing was changed.")
        if status >= 400:
            raise SourceError(
                f"The Taobao gateway refused the request {method} (HTTP {status}).",
                code=status, msg=response.reason or "",
                hint="Check the endpoint in Settings; nothing was changed.")
        if payload is None:
            raise _Retry("Taobao sent an answer that could not be read",
                         "Try again later; nothing was changed.")
        key = response_key(method)
        inner = payload.get(key) if isinstance(payload, dict) else None
        if not isinstance(inner, dict):
            raise SourceError(
                f"Taobao answered {method} in an unexpected form (no {key}).",
                hint="Check the endpoint in Settings; nothing was changed.")
        return inner

    def _raise_error_response(self, method: str, err: Mapping[str, Any], gone_ok: bool) -> None:
        raw_code = err.get("code")
        code: int | str | None = None if raw_code is None else _error_code(raw_code)
        # text_or_none: half an emoji in the platform's message must not make the failed run
        # unrecordable (SQLite refuses lone surrogates).
        msg = self._scrub(text_or_none(err.get("msg")) or "")
        sub_code = self._scrub(text_or_none(err.get("sub_code")) or "")
        sub_msg = self._scrub(text_or_none(err.get("sub_msg")) or "")
        fields = {"code": code, "msg": msg, "sub_code": sub_code, "sub_msg": sub_msg}
        said = sub_msg or msg or "no reason given"

        if gone_ok and _is_gone(sub_code):
            raise ItemGone("Taobao says this item no longer exists.", **fields)
        if code == 7:
            found = _BAN_RE.search(f"{msg} {sub_msg}")
            if found:
                # a day at most: more digits than int() takes must not crash the sync
                ban = min(int(found.group(1)[:9]) if len(found.group(1)) <= 9 else _DAY, _DAY)
                if ban + 1 > self.max_ban_wait:
                    raise RateLimited(
                        f"Taobao has paused this app's calls for {ban} more seconds "
                        "(App Call Limited).",
                        retry_after=ban, hint="Sync again after that; nothing was changed.")
                raise _Retry(f"Taobao paused this app's calls for {ban} s (App Call Limited)",
                             "Wait a few minutes and sync again; nothing was changed.",
                             wait=ban + 1, rate_limited=True, retry_after=ban)
            raise _Retry("Taobao is limiting this app's calls (App Call Limited)",
                         "Wait a few minutes and sync again; nothing was changed.",
                         rate_limited=True)
        if code in _SESSION_CODES:
            raise AuthError(
                "Taobao no longer accepts this shop's authorisation (the session has expired "
                "or was revoked).",
                hint="Re-authorise the shop in Settings; nothing was changed.")
        if code in _CREDENTIAL_CODES:
            what = "signature" if code == 25 else "app key"
            raise AuthError(
                f"Taobao rejected this app's credentials (invalid {what}).",
                hint="Check the app key and app secret in Settings; nothing was changed.")
        if sub_code.startswith("isp."):
            raise _Retry(f"Taobao reported a problem on its side ({sub_code}: {said})",
                         "Try again later; nothing was changed.")
        if code in _PERMISSION_CODES:
            raise SourceError(
                f"Taobao did not allow {method}: {said} (code {code}).",
                hint="Check that the app has this API permission and that the shop granted it; "
                     "nothing was changed.", **fields)
        detail = f"code {code}, {sub_code}" if sub_code else f"code {code}"
        raise SourceError(f"Taobao refused {method}: {said} ({detail}).",
                          hint="Nothing was changed.", **fields)

    def _exhausted(self, last: _Retry, attempts: int) -> ConnectorError:
        if last.rate_limited:
            return RateLimited(f"{last.reason}; tried {_times(attempts)}.",
                               retry_after=last.retry_after, hint=last.hint)
        return NetworkError(f"{last.reason} (tried {_times(attempts)}).", hint=last.hint)

    def _wait(self, seconds: float, cancel: CancelCheck | None) -> None:
        if seconds <= 0:
            return
        if cancel is None:
            self._sleep(seconds)
            return
        # A ban wait can last two minutes: keep honouring Cancel while it runs.
        remaining = seconds
        while remaining > 0:
            if cancel():
                raise Cancelled("Sync cancelled; nothing was changed.")
            step = min(remaining, 1.0)
            self._sleep(step)
            remaining -= step

    def _business(self, params: Mapping[str, Any]) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in params.items():
            if key in _SYSTEM_KEYS:
                raise ValueError(f"{key!r} is a TOP system parameter, not a business parameter")
            if value is None or value == "":
                continue  # the signature drops empty values, so the body does too
            if isinstance(value, bool):
                out[key] = "true" if value else "false"
            elif isinstance(value, datetime):
                out[key] = format_timestamp(value)
            else:
                out[key] = str(value)
        return out

    def _scrub(self, text: str) -> str:
        return self._mask(text)

    def _sanitise(self, exc: ConnectorError) -> ConnectorError:
        """Last line of defence: no secret survives in any text an error carries."""
        exc.message = self._scrub(exc.message)
        exc.hint = self._scrub(exc.hint)
        exc.args = tuple(self._scrub(a) if isinstance(a, str) else a for a in exc.args)
        if isinstance(exc, SourceError):
            exc.msg = self._scrub(exc.msg)
            exc.sub_code = self._scrub(exc.sub_code)
            exc.sub_msg = self._scrub(exc.sub_msg)
        return exc


def read_environment_once(http: requests.Session, endpoint: str) -> None:
    """Take the proxy and CA-bundle settings from the environment now, once, instead of at
    every request: requests re-reads the environment and looks for ~/.netrc on each call
    (file-system look-ups a 20,000-listing sync would make a hundred times). A .netrc login is
    never sent to the gateway: TOP authenticates by signature."""
    http.proxies.update(requests.utils.get_environ_proxies(endpoint))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    # (a CA bundle path makes requests ask the file system about it at every call: only an
    # https endpoint has any use for it)
    if bundle and urlsplit(endpoint).scheme == "https":
        http.verify = bundle
    http.trust_env = False


def _error_code(raw: object) -> int | str:
    """The gateway's error code as a number where it is a whole one, else its text
    (Infinity, NaN, 1e400 and fractions are text: they are no code we know)."""
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else str(raw)
    text = text_or_none(raw) or ""
    stripped = text.strip()
    if stripped.isascii() and stripped.lstrip("-").isdigit() and len(stripped) <= 12:
        return int(stripped)
    return text


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        # a day at most: 400 digits would be float('inf')
        return float(min(int(value[:9]) if len(value) <= 9 else _DAY, _DAY))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
