"""Build the connector a shop needs, with its secrets from the keychain or environment.
The demo shop is not built here: ``monitor.service`` runs it through the demo marketplace
(connectors sit below demo/ and never import it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from shopwatch.connectors.base import Connector
from shopwatch.credentials import APP_SECRET, SESSION, CredentialError, get_secret
from shopwatch.models import Shop


class ConfigError(Exception):
    """The shop is not set up well enough to sync; the message says what to fix."""


@contextmanager
def open_connector(shop: Shop, *, note: Callable[[str], None] | None = None) -> Iterator[Connector]:
    """A ready connector for ``shop``; closed afterwards. ``note`` hears where secrets came from."""
    if shop.platform == "taobao":
        from shopwatch.connectors.taobao import TaobaoConnector

        if not shop.endpoint or not shop.app_key:
            raise ConfigError(f"Shop '{shop.name}' has no endpoint or app key; edit it in Settings.")
        try:
            secret = get_secret(shop.name, APP_SECRET)
            session = get_secret(shop.name, SESSION)
        except CredentialError as exc:
            raise ConfigError(str(exc)) from exc
        if note:
            note(f"Using the app secret from the {secret.source} and the session key from the "
                 f"{session.source}.")
        connector = TaobaoConnector(shop.endpoint, shop.app_key, secret.value, session.value,
                                    sign_method=shop.sign_method)
        try:
            yield connector
        finally:
            connector.close()
    elif shop.platform == "amazon":
        from shopwatch.connectors.amazon_shop import amazon_connector

        connector = amazon_connector(shop, note=note, error=ConfigError)
        try:
            yield connector
        finally:
            connector.close()
    elif shop.platform == "file":
        # A shop fed by export files: a scheduled sync re-reads the newest export in its watch
        # folder (shopwatch.monitor.file_import.sync_watched skips the run when nothing is new).
        from shopwatch.connectors.files import FileConnector, WatchError

        try:
            connector = FileConnector.from_shop(shop)
        except WatchError as exc:
            raise ConfigError(str(exc)) from exc
        try:
            yield connector
        finally:
            connector.close()
    else:
        raise ConfigError(f"Shop '{shop.name}' uses platform '{shop.platform}', which this "
                          "version of shopwatch cannot sync.")
