"""The Linux keychain -- the freedesktop Secret Service (GNOME Keyring, KWallet, KeePassXC) --
as a keyring backend over jeepney, without the ``cryptography`` package.

keyring's own SecretService backend goes through SecretStorage, which needs ``cryptography``
(11 MiB of the bundle) for one AES-128-CBC per secret. This backend talks the same D-Bus API
and files items exactly as keyring does (attributes ``service``, ``username`` and
``application``; the same label; the default collection), so a secret saved by either is found
by the other. The session is encrypted as with SecretStorage (``shopwatch.secret_cipher``);
"plain" is used only where the service or this machine cannot do the encrypted one.

Importing this module registers the backend with keyring (``shopwatch.credentials`` does so
on Linux). It ranks just above keyring's SecretService backend, and below KWallet on KDE,
where keyring itself would have picked KWallet."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from keyring.backend import KeyringBackend, SchemeSelectable
from keyring.compat import properties
from keyring.errors import InitError, KeyringError, KeyringLocked, PasswordDeleteError

from shopwatch import secret_cipher

BUS_NAME = "org.freedesktop.secrets"
SERVICE_PATH = "/org/freedesktop/secrets"
SERVICE_IFACE = "org.freedesktop.Secret.Service"
COLLECTION_IFACE = "org.freedesktop.Secret.Collection"
ITEM_IFACE = "org.freedesktop.Secret.Item"
PROMPT_IFACE = "org.freedesktop.Secret.Prompt"
SESSION_IFACE = "org.freedesktop.Secret.Session"
NOT_SUPPORTED = "org.freedesktop.DBus.Error.NotSupported"
#: what keyring's SecretService backend writes as the ``application`` attribute
APPLICATION = "Python keyring library"
#: seconds to wait for the service to answer (a prompt waits for the person instead)
TIMEOUT = 10.0
NO_PROMPT = "/"


class SecretServiceError(KeyringError):
    """The Secret Service answered with an error; the message names the D-Bus error only."""


class _Session:
    """An open connection with a Secret Service session on it (encrypted where possible)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.aes_key: bytes | None = None
        self.path = self._open()

    def call(self, path: str, iface: str, method: str, signature: str = "", *args: Any,
             timeout: float | None = TIMEOUT) -> tuple[Any, ...]:
        from jeepney import DBusAddress, new_method_call
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        msg = new_method_call(DBusAddress(path, BUS_NAME, iface), method, signature or None,
                              args)
        try:
            return unwrap_msg(self.connection.send_and_get_reply(msg, timeout=timeout))
        except DBusErrorResponse as exc:
            raise SecretServiceError(f"the Secret Service refused {method}: {exc.name}") from None
        except OSError as exc:  # the bus went away, or no answer in time (TimeoutError)
            raise SecretServiceError(f"the Secret Service did not answer {method}: "
                                     f"{type(exc).__name__}") from None

    def _open(self) -> str:
        if secret_cipher.available():
            agreement = secret_cipher.KeyAgreement()
            try:
                (_sig, peer), path = self.call(SERVICE_PATH, SERVICE_IFACE, "OpenSession", "sv",
                                               secret_cipher.ALGORITHM,
                                               ("ay", agreement.public_key))
            except SecretServiceError as exc:
                if NOT_SUPPORTED not in str(exc):
                    raise
            else:
                self.aes_key = agreement.aes_key(bytes(peer))
                return path
        _output, path = self.call(SERVICE_PATH, SERVICE_IFACE, "OpenSession", "sv", "plain",
                                  ("s", ""))
        return path

    def property(self, path: str, iface: str, name: str) -> Any:
        (_sig, value), = self.call(path, "org.freedesktop.DBus.Properties", "Get", "ss", iface,
                                   name)
        return value

    def prompt(self, prompt_path: str) -> tuple[bool, Any]:
        """Run a prompt (unlocking, creating a collection); (dismissed, result)."""
        from jeepney import MatchRule, message_bus

        if prompt_path == NO_PROMPT:
            return False, None
        rule = MatchRule(type="signal", interface=PROMPT_IFACE, member="Completed",
                         path=prompt_path)
        try:
            self.connection.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT)
            with self.connection.filter(rule) as queue:
                self.call(prompt_path, PROMPT_IFACE, "Prompt", "s", "")
                # the person may take their time with the password dialog
                signal = self.connection.recv_until_filtered(queue, timeout=None)
        except OSError as exc:
            raise SecretServiceError(f"the Secret Service's prompt did not finish: "
                                     f"{type(exc).__name__}") from None
        dismissed, (_sig, result) = signal.body
        return bool(dismissed), result

    def unlock(self, path: str) -> None:
        unlocked, prompt = self.call(SERVICE_PATH, SERVICE_IFACE, "Unlock", "ao", [path])
        if path in unlocked:
            return
        dismissed, result = self.prompt(prompt)
        if dismissed or path not in (result or []):
            raise KeyringLocked("The system keychain stayed locked (the unlock prompt was "
                                "dismissed).")

    def default_collection(self) -> str:
        (path,) = self.call(SERVICE_PATH, SERVICE_IFACE, "ReadAlias", "s", "default")
        if path == NO_PROMPT:
            # no default keychain yet: create one, as keyring (through SecretStorage) does
            path, prompt = self.call(
                SERVICE_PATH, SERVICE_IFACE, "CreateCollection", "a{sv}s",
                {COLLECTION_IFACE + ".Label": ("s", "Default")}, "default")
            if path == NO_PROMPT:
                dismissed, path = self.prompt(prompt)
                if dismissed or not path or path == NO_PROMPT:
                    raise InitError("The system keychain has no default collection and "
                                    "creating one was cancelled.")
        if self.property(path, COLLECTION_IFACE, "Locked"):
            self.unlock(path)
        return path

    def secret_struct(self, value: bytes) -> tuple[str, bytes, bytes, str]:
        if self.aes_key is None:
            return self.path, b"", value, "text/plain"
        iv, encrypted = secret_cipher.encrypt(self.aes_key, value)
        return self.path, iv, encrypted, "text/plain"

    def read_secret(self, item: str) -> bytes:
        ((_session, params, value, _type),) = self.call(item, ITEM_IFACE, "GetSecret", "o",
                                                          self.path)
        if self.aes_key is None:
            return bytes(value)
        try:
            return secret_cipher.decrypt(self.aes_key, bytes(params), bytes(value))
        except ValueError:
            raise SecretServiceError("the Secret Service sent a secret that does not decrypt "
                                     "with this session's key") from None

    def close(self) -> None:
        try:
            self.call(self.path, SESSION_IFACE, "Close")
        except (KeyringError, OSError, TimeoutError):
            pass
        finally:
            self.connection.close()


def service_available() -> bool:
    """Whether a Secret Service runs (or can be started) on the session bus."""
    from jeepney import message_bus
    from jeepney.io.blocking import open_dbus_connection
    from jeepney.wrappers import unwrap_msg

    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and not os.environ.get("XDG_RUNTIME_DIR"):
        return False
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            (owned,) = unwrap_msg(connection.send_and_get_reply(
                message_bus.NameHasOwner(BUS_NAME), timeout=TIMEOUT))
            if owned:
                return True
            (names,) = unwrap_msg(connection.send_and_get_reply(
                message_bus.ListActivatableNames(), timeout=TIMEOUT))
            return BUS_NAME in names
    except Exception:  # noqa: BLE001 - no bus, a refused connection, a timeout: no keychain
        return False


@contextmanager
def _session() -> Iterator[_Session]:
    from jeepney.io.blocking import open_dbus_connection

    try:
        connection = open_dbus_connection(bus="SESSION")
    except Exception as exc:  # noqa: BLE001 - the bus vanished since the check
        raise InitError(f"The session bus could not be reached: {type(exc).__name__}.") from None
    try:
        session = _Session(connection)
    except BaseException:
        connection.close()
        raise
    try:
        yield session
    finally:
        session.close()


class Keyring(SchemeSelectable, KeyringBackend):
    """The Secret Service, reached over jeepney (see the module's docstring)."""

    appid = APPLICATION

    @properties.classproperty
    def priority(cls) -> float:
        import sys

        if not sys.platform.startswith("linux"):
            raise RuntimeError("the Secret Service is a Linux keychain")
        if not service_available():
            raise RuntimeError("no Secret Service on the session bus")
        # above keyring's SecretService backend (5: same storage, needs cryptography), below
        # its KWallet backend on KDE (5.1), where keyring would have chosen KWallet
        return 5.05

    def _search(self, session: _Session, collection: str, service: str,
                username: str | None) -> list[str]:
        (items,) = session.call(collection, COLLECTION_IFACE, "SearchItems", "a{ss}",
                                self._query(service, username))
        return list(items)

    def get_password(self, service: str, username: str) -> str | None:
        with _session() as session:
            collection = session.default_collection()
            for item in self._search(session, collection, service, username):
                session.unlock(item)
                return session.read_secret(item).decode("utf-8")
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        properties_ = {
            ITEM_IFACE + ".Label": ("s", f"Password for '{username}' on '{service}'"),
            ITEM_IFACE + ".Attributes": ("a{ss}", self._query(service, username,
                                                              application=self.appid)),
        }
        with _session() as session:
            collection = session.default_collection()
            _item, prompt = session.call(
                collection, COLLECTION_IFACE, "CreateItem", "a{sv}(oayays)b", properties_,
                session.secret_struct(password.encode("utf-8")), True)
            dismissed, _result = session.prompt(prompt)
            if dismissed:
                raise KeyringLocked("Saving to the system keychain was cancelled.")

    def delete_password(self, service: str, username: str) -> None:
        with _session() as session:
            collection = session.default_collection()
            for item in self._search(session, collection, service, username):
                (prompt,) = session.call(item, ITEM_IFACE, "Delete")
                dismissed, _result = session.prompt(prompt)
                if dismissed:
                    raise PasswordDeleteError("Deleting from the system keychain was cancelled.")
                return
        raise PasswordDeleteError("No such password!")
