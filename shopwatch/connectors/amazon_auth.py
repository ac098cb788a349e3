"""Login with Amazon (LWA): trade the seller's refresh token for a short-lived access token.

SP-API calls carry that access token in the ``x-amz-access-token`` header (no AWS signature
since October 2023). The token is cached until shortly before ``expires_in`` runs out, and
dropped when SP-API says it is no longer valid, so one sync asks LWA once, not per call.
Nothing here ever puts the client secret, the refresh token or an access token into a message.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import requests

from shopwatch.connectors.base import AuthError, NetworkError

TOKEN_ENDPOINT = "https://api.amazon.com/auth/o2/token"
#: renew this long before the stated expiry, so a token never dies in the middle of a call
EXPIRY_MARGIN_S = 60.0


class LwaTokens:
    """Access tokens for one seller authorisation, fetched on demand and cached."""

    def __init__(
        self, client_id: str, client_secret: str, refresh_token: str, *,
        token_endpoint: str = TOKEN_ENDPOINT, http: requests.Session, timeout: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client_id = client_id
        self._secret = client_secret
        self._refresh = refresh_token
        self.token_endpoint = token_endpoint
        self._http = http
        self.timeout = timeout
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self.refreshes = 0  # how many times LWA was asked (tests and benchmarks read it)

    def __repr__(self) -> str:
        return f"<LwaTokens client_id={self.client_id!r} endpoint={self.token_endpoint!r}>"

    def secrets(self) -> tuple[str, ...]:
        """Every secret value this object knows, for scrubbing texts."""
        return tuple(s for s in (self._secret, self._refresh, self._token) if s)

    def invalidate(self) -> None:
        """SP-API rejected the token (revoked or expired early): the next call gets a new one."""
        self._token = None
        self._expires_at = 0.0

    def access_token(self) -> str:
        if self._token and self._clock() < self._expires_at:
            return self._token
        form = {"grant_type": "refresh_token", "refresh_token": self._refresh,
                "client_id": self.client_id, "client_secret": self._secret}
        try:
            response = self._http.post(
                self.token_endpoint, data=form, timeout=self.timeout,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"})
        except requests.Timeout:
            raise NetworkError(f"Login with Amazon did not answer in {self.timeout:g} s.",
                               hint="Check your connection; nothing was changed.") from None
        except requests.RequestException:
            raise NetworkError("Could not reach Login with Amazon to renew the access token.",
                               hint="Check your connection; nothing was changed.") from None
        payload: object = None
        try:
            payload = response.json()
        except ValueError:
            payload = None
        if response.status_code in (400, 401, 403):
            # invalid_grant = the refresh token was revoked or belongs to another app;
            # invalid_client = wrong client id / secret. Both need the seller, not a retry.
            error = payload.get("error") if isinstance(payload, dict) else None
            what = ("the app's client id or client secret" if error == "invalid_client"
                    else "this shop's authorisation (refresh token)")
            raise AuthError(
                f"Login with Amazon rejected {what}" + (f" ({error})." if error else "."),
                hint="Re-authorise the shop in Settings; nothing was changed.")
        if response.status_code >= 500 or not isinstance(payload, dict):
            raise NetworkError(
                f"Login with Amazon had a problem (HTTP {response.status_code}).",
                hint="Try again later; nothing was changed.")
        token = payload.get("access_token")
        try:
            lifetime = float(payload.get("expires_in", 3600))
        except (TypeError, ValueError):
            lifetime = 3600.0
        if not isinstance(token, str) or not token:
            raise NetworkError("Login with Amazon answered without an access token.",
                               hint="Try again later; nothing was changed.")
        self._token = token
        self._expires_at = self._clock() + max(0.0, lifetime - EXPIRY_MARGIN_S)
        self.refreshes += 1
        return token
