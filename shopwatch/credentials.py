"""Shop secrets (app secret, session key, channel tokens) in the OS keychain via keyring.

Where no keychain backend exists (a headless Linux box), secrets come from environment
variables and we say so plainly; there is deliberately no plain-text file fallback. Secrets
never go to SQLite, logs, exports or error messages."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

SERVICE = "shopwatch"
APP_SECRET = "app_secret"
SESSION = "session"
#: an Amazon shop's Login with Amazon client secret and refresh token
LWA_CLIENT_SECRET = "lwa_client_secret"
LWA_REFRESH_TOKEN = "lwa_refresh_token"
#: environment variables used when there is no keychain (or to override it for one run)
ENV_NAMES = {APP_SECRET: "SHOPWATCH_APP_SECRET", SESSION: "SHOPWATCH_SESSION",
             LWA_CLIENT_SECRET: "SHOPWATCH_LWA_CLIENT_SECRET",
             LWA_REFRESH_TOKEN: "SHOPWATCH_LWA_REFRESH_TOKEN"}


class CredentialError(Exception):
    """A secret is missing; the message says how to provide it (and never contains one)."""


@dataclass(frozen=True, slots=True)
class Secret:
    value: str
    source: str  # "keychain" or "environment variable NAME"


def _keyring():
    """keyring, loaded on first use (its backends take ~0.1 s to import: not on the way to
    the app's first paint, nor for commands that touch no secret)."""
    import keyring
    import keyring.errors

    if sys.platform.startswith("linux"):
        # the Secret Service without the cryptography package (registers itself with keyring)
        import shopwatch.secret_service  # noqa: F401

    return keyring


def _account(shop_name: str, name: str) -> str:
    return f"{shop_name}:{name}"


def keychain_backend() -> str:
    """The keyring backend in use, by its module (for the self-test and diagnostics)."""
    return type(_keyring().get_keyring()).__module__


def keychain_available() -> bool:
    try:
        backend = _keyring().get_keyring()
    except Exception:  # noqa: BLE001 - a broken backend is the same as none
        return False
    priority = getattr(backend, "priority", 0)
    module = type(backend).__module__
    return priority > 0 and not module.startswith(("keyring.backends.fail", "keyring.backends.null"))


def get_secret(shop_name: str, name: str) -> Secret:
    """The secret from the environment variable (if set) or the keychain, or raise."""
    env_name = ENV_NAMES.get(name)
    if env_name and os.environ.get(env_name):
        return Secret(os.environ[env_name], f"environment variable {env_name}")
    if keychain_available():
        keyring = _keyring()
        try:
            value = keyring.get_password(SERVICE, _account(shop_name, name))
        except keyring.errors.KeyringError:
            value = None
        if value:
            return Secret(value, "keychain")
    where = f" or set the environment variable {env_name}" if env_name else ""
    raise CredentialError(
        f"No {name.replace('_', ' ')} stored for shop '{shop_name}'. "
        f"Add it in Settings (stored in the system keychain){where}."
    )


def set_secret(shop_name: str, name: str, value: str) -> str:
    """Store in the keychain; returns where it went. Raises CredentialError without one."""
    if not keychain_available():
        env_name = ENV_NAMES.get(name, "")
        raise CredentialError(
            "No system keychain is available on this machine, so the secret was not saved. "
            + (f"Set the environment variable {env_name} instead." if env_name else "")
        )
    keyring = _keyring()
    try:
        keyring.set_password(SERVICE, _account(shop_name, name), value)
    except keyring.errors.KeyringError as exc:
        raise CredentialError(f"The system keychain refused the secret: {type(exc).__name__}.") from None
    return "keychain"


def delete_secrets(shop_name: str, names: tuple[str, ...] = tuple(ENV_NAMES)) -> None:
    if not keychain_available():
        return
    keyring = _keyring()
    for name in names:
        try:
            keyring.delete_password(SERVICE, _account(shop_name, name))
        except keyring.errors.KeyringError:
            pass


def save_shop_secrets(shop_name: str, secrets: dict[str, str], *,
                      renamed_from: str | None = None) -> None:
    """Store the secrets given (empty ones are left as stored). Secrets are filed under the
    shop's name, so a renamed shop carries over those not given anew and the old name's are
    deleted. Raises CredentialError (nothing half-moved is deleted)."""
    secrets = dict(secrets)
    if renamed_from:
        for name, value in secrets.items():
            if not value:
                try:
                    secrets[name] = get_secret(renamed_from, name).value
                except CredentialError:
                    pass
    for name, value in secrets.items():
        if value:
            set_secret(shop_name, name, value)
    if renamed_from:
        delete_secrets(renamed_from)
