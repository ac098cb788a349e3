"""Channel addresses (Apprise URLs): checking them, masking them for display, keeping them in
the OS keychain, and scrubbing them out of any text that could be shown, logged or stored.

A channel URL often *is* the secret (a bot token, a webhook key, an SMTP password), so every
URL is treated as one: it lives in the keychain under the channel's id, or, where no keychain
exists, in the environment variable ``SHOPWATCH_NOTIFY_<ID>``; never in settings.json, SQLite,
logs or error messages. There is deliberately no plain-text file fallback."""

from __future__ import annotations

import ipaddress
import logging
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import quote, unquote

import keyring
import keyring.errors

from shopwatch.credentials import CredentialError, keychain_available
from shopwatch.masking import SecretMask

#: a keychain service of its own, so a channel id can never collide with a shop's secrets
KEYCHAIN_SERVICE = "shopwatch-notify"
ENV_PREFIX = "SHOPWATCH_NOTIFY_"
MASK = "****"

#: query arguments that configure behaviour rather than authenticate; their values are shown
PUBLIC_QUERY_KEYS = frozenset({
    "format", "overflow", "method", "mode", "cto", "rto", "image", "verify", "smtp", "retry",
    "wait", "optional", "priority", "from", "to", "cc", "bcc", "name", "reply", "lang",
    "emojis", "tz", "discovery",
})

#: loggers that may print a URL while sending (apprise's own, and the HTTP stack below it)
SCRUBBED_LOGGERS = ("apprise", "urllib3.connectionpool", "urllib3.connection", "requests")


class ChannelError(Exception):
    """A channel cannot be used; the message is safe to show (it never holds the URL)."""


__all__ = [
    "ChannelError", "CredentialError", "Redactor", "check_url", "delete_url", "env_name",
    "load_url", "mask_url", "scrubbed_logs", "secret_parts", "store_url", "url_source",
]


# --- what in a URL is secret -------------------------------------------------------------

def _looks_like_host(text: str) -> bool:
    """A real server name (kept in displays) rather than an opaque token in the host slot,
    as in ``tgram://<bot token>/<chat id>``."""
    if not text:
        return False
    if text.lower() == "localhost":
        return True
    try:
        ipaddress.ip_address(text.strip("[]"))
        return True
    except ValueError:
        pass
    labels = text.split(".")
    return (len(labels) >= 2 and all(re.fullmatch(r"[A-Za-z0-9-]{1,63}", label) for label in labels)
            and re.fullmatch(r"[A-Za-z]{2,24}", labels[-1]) is not None)


def _split(url: str) -> tuple[str, str, str, str, str, str]:
    """(scheme, userinfo, host, port, path, query) without normalising anything away: the
    pieces must match the text as the user typed it, or scrubbing would miss them."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "", "", "", "", url, ""
    rest = rest.partition("#")[0]
    rest, _, query = rest.partition("?")
    authority, _, path = rest.partition("/")
    userinfo, at, hostport = authority.rpartition("@")
    if not at:
        userinfo, hostport = "", authority
    host, port = hostport, ""
    if hostport.startswith("["):  # IPv6 literal
        end = hostport.find("]")
        host, port = hostport[: end + 1], hostport[end + 2:] if end >= 0 else ""
    elif hostport.count(":") == 1:
        head, tail = hostport.split(":")
        if tail.isdigit():
            host, port = head, tail
    return scheme, userinfo, host, port, path, query


#: an endpoint's name in a URL path rather than a token: a short, lower-case word
_PATH_WORD = re.compile(r"[a-z]{1,12}")


def secret_parts(url: str) -> list[str]:
    """Every piece of ``url`` that could be a secret, longest first (so a longer match is
    replaced before a piece of it)."""
    scheme, userinfo, host, port, path, query = _split(url)
    parts = {url, url.partition("://")[2]}
    if userinfo:
        parts.add(userinfo)
        parts.update(userinfo.split(":", 1))
    if not _looks_like_host(host):
        parts.add(f"{host}:{port}" if port else host)
        parts.add(host)
        parts.update(host.split(":"))
    # Behind a real server name, a path piece that is a plain word (api, send, hooks, robot)
    # names an endpoint, not a secret: masking it would cut ordinary words out of every error.
    # Behind a token in the host slot (tgram://<token>/<chat>) every piece is kept secret.
    real_host = _looks_like_host(host)
    parts.update(segment for segment in path.split("/")
                 if segment and not (real_host and _PATH_WORD.fullmatch(segment)))
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if value and key.lower() not in PUBLIC_QUERY_KEYS:
            parts.add(value)
    expanded = set()
    for part in parts:
        expanded.update({part, unquote(part), quote(unquote(part), safe="")})
    # Very short pieces ('a', 'x') would shred ordinary words and protect nothing.
    return sorted((p for p in expanded if len(p) >= 3), key=len, reverse=True)


def mask_url(url: str) -> str:
    """The URL with every possible secret masked, for lists, logs and errors:
    ``tgram://****/****``, ``mailto://****@smtp.qq.com:465?from=me@qq.com&pass=****``."""
    scheme, userinfo, host, port, path, query = _split(url)
    if not scheme:
        return MASK
    out = f"{scheme}://"
    if userinfo:
        out += f"{MASK}@"
    if _looks_like_host(host):
        out += host + (f":{port}" if port else "")
    elif host or port:
        out += MASK
    segments = [s for s in path.split("/") if s]
    if segments:
        out += "/" + "/".join(MASK for _ in segments)
    if query:
        shown = []
        for pair in query.split("&"):
            key, eq, value = pair.partition("=")
            if not key:
                continue
            shown.append(key + (eq + (value if key.lower() in PUBLIC_QUERY_KEYS else MASK)
                                if eq else ""))
        if shown:
            out += "?" + "&".join(shown)
    return out


class Redactor:
    """Replaces known secret pieces in any text; used on every error and log line. Each piece
    goes in all the forms a library may echo it in and only as a whole (``masking``): a
    piece such as "sand" never cuts "sandbox" apart."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._mask = SecretMask(secrets, mask=MASK)

    @classmethod
    def for_urls(cls, urls: Iterable[str]) -> Redactor:
        parts: list[str] = []
        for url in urls:
            parts += secret_parts(url)
        return cls(parts)

    def __bool__(self) -> bool:
        return bool(self._mask)

    def __call__(self, text: str | None) -> str:
        return self._mask(text)


class _ScrubFilter(logging.Filter):
    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self.redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        # Format once, scrub, and freeze the result so no handler re-inserts the arguments.
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken log call must not break sending
            message = str(record.msg)
        record.msg, record.args = self.redactor(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redactor(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


@contextmanager
def scrubbed_logs(redactor: Redactor, names: Iterable[str] = SCRUBBED_LOGGERS) -> Iterator[None]:
    """While active, log records of the sending libraries have the secrets masked."""
    scrub = _ScrubFilter(redactor)
    loggers = [logging.getLogger(name) for name in names]
    for logger in loggers:
        logger.addFilter(scrub)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(scrub)


# --- is it a channel at all --------------------------------------------------------------

def check_url(url: str) -> str:
    """The service's name ('E-Mail', 'Telegram', 'JSON') if Apprise can use ``url``; raises
    ChannelError otherwise. Parses only: nothing is sent and no network is touched."""
    import apprise

    url = (url or "").strip()
    if "://" not in url:
        raise ChannelError("A channel address looks like scheme://…, e.g. mailto://… or "
                           "dingtalk://…; see the Apprise list of services.")
    with scrubbed_logs(Redactor.for_urls([url])):
        plugin = apprise.Apprise.instantiate(url, asset=apprise.AppriseAsset(
            storage_mode="memory"), suppress_exceptions=True)
    if plugin is None:
        scheme = url.partition("://")[0]
        missing = _unavailable_service(scheme)
        if missing:
            raise ChannelError(f"This installation of shopwatch cannot send to {missing} "
                               f"({mask_url(url)}); choose another service.")
        raise ChannelError(f"Apprise cannot use this address ({mask_url(url)}): the service "
                           f"'{scheme}' is unknown or a required part is missing.")
    return str(getattr(plugin, "service_name", "") or url.partition("://")[0])


def _unavailable_service(scheme: str) -> str | None:
    """'<service> (it needs <packages>)' when Apprise knows ``scheme`` but its plugin is
    disabled here (a package it needs is missing: the bundle leaves out ``cryptography``,
    which a few services use); None for a scheme Apprise does not know."""
    try:
        from apprise.manager_plugins import NotificationManager

        plugin = NotificationManager()[scheme.lower()]
    except (ImportError, KeyError):
        return None
    if getattr(plugin, "enabled", True):
        return None
    requirements = getattr(plugin, "requirements", None) or {}
    packages = requirements.get("packages_required") or []
    packages = [packages] if isinstance(packages, str) else list(packages)
    name = str(getattr(plugin, "service_name", scheme))
    return f"{name} (it needs {', '.join(packages)})" if packages else name


# --- where the URL lives -----------------------------------------------------------------

def env_name(channel_id: str) -> str:
    return ENV_PREFIX + re.sub(r"[^A-Z0-9]", "_", channel_id.upper())


def store_url(channel_id: str, url: str) -> str:
    """Keep the URL in the keychain; returns where it went. Without a keychain raises
    CredentialError naming the environment variable to set instead."""
    if not keychain_available():
        raise CredentialError(
            "No system keychain is available on this machine, so the channel address was not "
            f"saved. Set the environment variable {env_name(channel_id)} to it instead.")
    try:
        keyring.set_password(KEYCHAIN_SERVICE, channel_id, url)
    except keyring.errors.KeyringError as exc:
        raise CredentialError(
            f"The system keychain refused the channel address: {type(exc).__name__}.") from None
    return "keychain"


def load_url(channel_id: str) -> str:
    """The URL from ``SHOPWATCH_NOTIFY_<ID>`` (if set) or the keychain, or raise."""
    value = os.environ.get(env_name(channel_id))
    if value:
        return value
    if keychain_available():
        try:
            value = keyring.get_password(KEYCHAIN_SERVICE, channel_id)
        except keyring.errors.KeyringError:
            value = None
        if value:
            return value
    raise CredentialError(
        f"No address is stored for the channel '{channel_id}'. Add it again in Settings "
        f"(kept in the system keychain), or set the environment variable {env_name(channel_id)}.")


def url_source(channel_id: str) -> str | None:
    """Where the URL would come from, for the settings page and `notify channels list`."""
    if os.environ.get(env_name(channel_id)):
        return f"environment variable {env_name(channel_id)}"
    if keychain_available():
        try:
            if keyring.get_password(KEYCHAIN_SERVICE, channel_id):
                return "keychain"
        except keyring.errors.KeyringError:
            return None
    return None


def delete_url(channel_id: str) -> None:
    if not keychain_available():
        return
    try:
        keyring.delete_password(KEYCHAIN_SERVICE, channel_id)
    except keyring.errors.KeyringError:
        pass
