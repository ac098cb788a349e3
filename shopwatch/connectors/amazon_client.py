"""Calls to the Selling Partner API (SP-API): an LWA access token on every call, a token bucket
per operation, retries the way the TOP client retries, and answers unwrapped or turned into the
typed connector errors of ``base.py``.

Rates and bursts start from the usage plans published in Amazon's API models and follow the
``x-amzn-RateLimit-Limit`` header whenever SP-API sends one (a seller's plan can differ).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Self
from urllib.parse import quote, urlsplit

import requests

from shopwatch import __version__
from shopwatch.connectors.amazon_auth import TOKEN_ENDPOINT, LwaTokens
from shopwatch.connectors.base import (
    AuthError,
    CancelCheck,
    Cancelled,
    ConnectorError,
    NetworkError,
    RateLimited,
    SourceError,
)
from shopwatch.connectors.top_client import _retry_after

log = logging.getLogger(__name__)

REGION_ENDPOINTS = {
    "na": "https://sellingpartnerapi-na.amazon.com",
    "eu": "https://sellingpartnerapi-eu.amazon.com",
    "fe": "https://sellingpartnerapi-fe.amazon.com",
}
__all__ = ["REGION_ENDPOINTS", "TOKEN_ENDPOINT", "ItemNotFound", "SpApiClient"]

#: (requests per second, burst) per operation, from the models' usage-plan tables
#: (listingsItems_2021-08-01.json, reports_2021-06-30.json).
USAGE_PLANS: dict[str, tuple[float, int]] = {
    "searchListingsItems": (5.0, 5),
    "getListingsItem": (5.0, 10),
    "createReport": (0.0167, 15),
    "getReport": (2.0, 15),
    "getReportDocument": (0.0167, 15),
}


class ItemNotFound(SourceError):
    """SP-API answered 404 for a call made with ``gone_ok=True`` (the SKU no longer exists)."""


class TokenBucket:
    """A client-side token bucket: ``rate`` tokens a second, holding at most ``burst``."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float]) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self._clock = clock
        self._tokens = float(self.burst)
        self._at = clock()

    def wait_time(self) -> float:
        """Seconds until one token is available (0 when one is there now)."""
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now
        return 0.0 if self._tokens >= 1 else (1 - self._tokens) / self.rate

    def take(self) -> None:
        self._tokens -= 1

    def set_rate(self, rate: float) -> None:
        if rate > 0:
            self.wait_time()  # settle the tokens earned at the old rate first
            self.rate = rate


@dataclass(slots=True)
class _Retry(Exception):
    reason: str
    hint: str
    wait: float | None = None
    rate_limited: bool = False


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


class SpApiClient:
    """One seller's SP-API: ``get``/``post`` JSON calls and report-document downloads."""

    def __init__(
        self, endpoint: str, client_id: str, client_secret: str, refresh_token: str, *,
        token_endpoint: str = TOKEN_ENDPOINT, timeout: float = 20.0, retries: int = 3,
        backoff: float = 1.0, max_wait: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic, http: requests.Session | None = None,
    ) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_wait = max_wait
        self._sleep = sleep
        self._clock = clock
        self._owns_http = http is None
        self._http = http if http is not None else requests.Session()
        self._http.headers["User-Agent"] = f"shopwatch/{__version__} (Language=Python)"
        self.tokens = LwaTokens(client_id, client_secret, refresh_token,
                                token_endpoint=token_endpoint, http=self._http, timeout=timeout,
                                clock=clock)
        self._buckets: dict[str, TokenBucket] = {}
        parts = urlsplit(self.endpoint)
        self._where = parts.hostname or self.endpoint
        if parts.port:
            self._where += f":{parts.port}"
        self.calls: dict[str, int] = {}  # per operation, for progress lines and benchmarks
        self._renewed = False  # an access token rejected once is renewed once per client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} endpoint={self.endpoint!r}>"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    # ----------------------------------------------------------------- public calls

    def call(
        self, operation: str, method: str, path: str, *, params: Mapping[str, Any] | None = None,
        body: Any = None, cancel: CancelCheck | None = None, gone_ok: bool = False,
    ) -> dict:
        """One SP-API operation; returns its JSON object or raises a ConnectorError."""
        url = self.endpoint + path
        query = {k: (",".join(v) if isinstance(v, list | tuple) else v)
                 for k, v in (params or {}).items() if v not in (None, "", [], ())}
        return self._retrying(operation, cancel, lambda: self._attempt(
            operation, method, url, query, body, gone_ok))

    def download(self, url: str, *, cancel: CancelCheck | None = None) -> bytes:
        """A report document from its presigned URL. The access token is NOT sent: the URL
        carries its own short-lived signature and points outside SP-API."""
        return self._retrying("report download", cancel, lambda: self._fetch_document(url))

    @staticmethod
    def quote(segment: str) -> str:
        """A path segment (a SKU may hold '/', spaces or non-ASCII)."""
        return quote(segment, safe="")

    # ----------------------------------------------------------------- internals

    def _bucket(self, operation: str) -> TokenBucket:
        bucket = self._buckets.get(operation)
        if bucket is None:
            rate, burst = USAGE_PLANS.get(operation, (1.0, 1))
            bucket = self._buckets[operation] = TokenBucket(rate, burst, self._clock)
        return bucket

    def _retrying(self, operation: str, cancel: CancelCheck | None, attempt: Callable[[], Any]):
        attempts = self.retries + 1
        last: _Retry | None = None
        try:
            for n in range(attempts):
                if last is not None:
                    delay = last.wait if last.wait is not None else self.backoff * 2 ** (n - 1)
                    self._wait(delay, cancel)
                if operation in USAGE_PLANS:
                    bucket = self._bucket(operation)
                    self._wait(bucket.wait_time(), cancel)
                    bucket.wait_time()
                    bucket.take()
                try:
                    return attempt()
                except _Retry as failure:
                    last = failure
                    log.info("%s attempt %d/%d failed: %s", operation, n + 1, attempts,
                             self._scrub(failure.reason))
        except ConnectorError as exc:
            raise self._sanitise(exc) from None
        assert last is not None
        if last.rate_limited:
            raise self._sanitise(RateLimited(f"{last.reason}; tried {_times(attempts)}.",
                                             retry_after=last.wait, hint=last.hint))
        raise self._sanitise(NetworkError(f"{last.reason} (tried {_times(attempts)}).",
                                          hint=last.hint))

    def _send(self, method: str, url: str, **kw: Any) -> requests.Response:
        failure: _Retry | None = None
        try:
            return self._http.request(method, url, timeout=self.timeout, **kw)
        except requests.Timeout:
            failure = _Retry(f"Amazon did not answer in {self.timeout:g} s",
                             "Check your connection; nothing was changed.")
        except requests.exceptions.SSLError:
            failure = _Retry(f"The secure connection to {self._where} failed",
                             "Check the computer's date and time and any proxy; nothing was "
                             "changed.")
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema):
            raise NetworkError("The Amazon address is not a usable web address.",
                               hint="Check the endpoint in Settings; nothing was changed.") from None
        except requests.RequestException:
            failure = _Retry(f"Could not reach Amazon at {self._where}",
                             "Check your internet connection; nothing was changed.")
        raise failure

    def _attempt(self, operation: str, method: str, url: str, query: dict, body: Any,
                 gone_ok: bool) -> dict:
        try:
            token = self.tokens.access_token()
        except NetworkError as exc:  # LWA unreachable or 5xx: worth the same retries
            raise _Retry(exc.message.rstrip("."), exc.hint) from None
        self.calls[operation] = self.calls.get(operation, 0) + 1
        response = self._send(method, url, params=query, json=body,
                              headers={"x-amz-access-token": token, "Accept": "application/json"})
        limit = response.headers.get("x-amzn-RateLimit-Limit")
        if limit:
            try:
                self._bucket(operation).set_rate(float(limit))
            except ValueError:
                pass
        return self._read(operation, response, gone_ok)

    def _read(self, operation: str, response: requests.Response, gone_ok: bool) -> dict:
        status = response.status_code
        payload: object = None
        try:
            payload = response.json()
        except ValueError:
            payload = None
        errors = payload.get("errors") if isinstance(payload, dict) else None
        first = errors[0] if isinstance(errors, list) and errors and isinstance(errors[0], dict) \
            else {}
        code = self._scrub(str(first.get("code") or ""))
        message = self._scrub(str(first.get("message") or ""))
        if status == 429:
            wait = _retry_after(response.headers.get("Retry-After"))
            if wait is not None and wait > self.max_wait:
                raise RateLimited(f"Amazon asked this app to pause {operation} for {wait:g} s.",
                                  retry_after=wait, hint="Sync again after that; nothing was "
                                  "changed.")
            raise _Retry(f"Amazon is limiting this app's {operation} calls (HTTP 429)",
                         "Wait a few minutes and sync again; nothing was changed.", wait=wait,
                         rate_limited=True)
        if status == 403 and code == "Unauthorized" or status == 401:
            # An access token that expired early or was revoked: renew it once, then give up.
            if not self._renewed:
                self._renewed = True
                self.tokens.invalidate()
                raise _Retry("Amazon no longer accepted the access token", "", wait=0.0)
            raise AuthError("Amazon refused this shop's authorisation"
                            + (f" ({message})." if message else "."),
                            hint="Re-authorise the shop in Settings; nothing was changed.")
        if status == 403:
            raise AuthError(f"Amazon did not allow {operation}"
                            + (f": {message}" if message else "") + ".",
                            hint="Check the app's roles and the shop's authorisation; nothing "
                                 "was changed.")
        if status == 404 and gone_ok:
            raise ItemNotFound("Amazon says this SKU no longer exists.", code=status,
                               msg=message)
        if status >= 500:
            raise _Retry(f"Amazon's server had a problem (HTTP {status})",
                         "Try again later; nothing was changed.")
        if status >= 400:
            said = f"{message} ({code})" if message else f"HTTP {status}"
            raise SourceError(f"Amazon refused {operation}: {said}.", code=status, msg=message,
                              sub_code=code, hint="Nothing was changed.")
        if not isinstance(payload, dict):
            raise _Retry("Amazon sent an answer that could not be read",
                         "Try again later; nothing was changed.")
        return payload

    def _fetch_document(self, url: str) -> bytes:
        response = self._send("GET", url, headers={"Accept": "*/*"})
        if response.status_code >= 500:
            raise _Retry(f"The report download failed (HTTP {response.status_code})",
                         "Try again later; nothing was changed.")
        if response.status_code >= 400:
            # Presigned URLs expire after a few minutes: a fresh getReportDocument is needed.
            raise SourceError(f"The report document could not be downloaded (HTTP "
                              f"{response.status_code}).", code=response.status_code,
                              hint="Sync again; nothing was changed.")
        return response.content

    def _wait(self, seconds: float, cancel: CancelCheck | None) -> None:
        remaining = seconds
        while remaining > 0:
            if cancel is not None and cancel():
                raise Cancelled("Sync cancelled; nothing was changed.")
            step = min(remaining, 1.0)
            self._sleep(step)
            remaining -= step

    def _scrub(self, text: str) -> str:
        for secret in self.tokens.secrets():
            text = text.replace(secret, "***")
        return text

    def _sanitise(self, exc: ConnectorError) -> ConnectorError:
        exc.message = self._scrub(exc.message)
        exc.hint = self._scrub(exc.hint)
        exc.args = tuple(self._scrub(a) if isinstance(a, str) else a for a in exc.args)
        if isinstance(exc, SourceError):
            exc.msg = self._scrub(exc.msg)
            exc.sub_code = self._scrub(exc.sub_code)
        return exc
