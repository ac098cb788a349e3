"""The Linux keychain without ``cryptography`` (shopwatch.secret_service): its cipher agrees
with NIST's published vectors and with SecretStorage's key agreement, and against a real GNOME
Keyring daemon on a private session bus it stores, finds and deletes secrets -- the same items
keyring's own SecretService backend reads and writes, so nothing stored before is lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the Secret Service is the Linux keychain")

from shopwatch import secret_cipher  # noqa: E402

# NIST SP 800-38A, appendix F.2.1 (CBC-AES128.Encrypt), the first two blocks
NIST_KEY = bytes.fromhex("2b7e151628aed2a6abf7158809cf4f3c")
NIST_IV = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
NIST_PLAIN = bytes.fromhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51")
NIST_CIPHER = bytes.fromhex("7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2")


def test_aes_cbc_matches_the_nist_vectors() -> None:
    encrypted = secret_cipher._aes_cbc(True, NIST_KEY, NIST_IV, NIST_PLAIN)
    # the vectors stop before the padding block PKCS#7 adds to whole blocks
    assert encrypted[:32] == NIST_CIPHER and len(encrypted) == 48
    assert secret_cipher.decrypt(NIST_KEY, NIST_IV, encrypted) == NIST_PLAIN


def test_a_secret_encrypted_here_is_what_cryptography_decrypts() -> None:
    ciphers = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    padding = pytest.importorskip("cryptography.hazmat.primitives.padding")
    key, secret = os.urandom(16), "店铺会话密钥 session-key".encode()
    iv, encrypted = secret_cipher.encrypt(key, secret)
    decryptor = ciphers.Cipher(ciphers.algorithms.AES(key), ciphers.modes.CBC(iv)).decryptor()
    unpadder = padding.PKCS7(128).unpadder()
    padded = decryptor.update(encrypted) + decryptor.finalize()
    assert unpadder.update(padded) + unpadder.finalize() == secret


def test_damaged_ciphertext_is_an_error_not_garbage() -> None:
    # the NIST ciphertext carries no PKCS#7 padding block: its last byte is no valid padding
    with pytest.raises(ValueError):
        secret_cipher.decrypt(NIST_KEY, NIST_IV, NIST_CIPHER)


def test_the_key_agreement_matches_secretstorages() -> None:
    dhcrypto = pytest.importorskip("secretstorage.dhcrypto")
    ours, theirs = secret_cipher.KeyAgreement(), dhcrypto.Session()
    theirs.set_server_public_key(int.from_bytes(ours.public_key, "big"))
    assert ours.aes_key(theirs.my_public_key.to_bytes(128, "big")) == theirs.aes_key


def test_an_invalid_peer_key_is_refused() -> None:
    with pytest.raises(ValueError):
        secret_cipher.KeyAgreement().aes_key((1).to_bytes(128, "big"))


# --- against a real Secret Service ------------------------------------------------------

_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
#: nothing is activatable on this bus: no password prompt can appear, so a prompt is dismissed


def _wait_for(predicate, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout:.0f} s")
        time.sleep(0.05)


@pytest.fixture
def session_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if not shutil.which("dbus-daemon"):
        pytest.skip("dbus-daemon is not installed")
    socket = tmp_path / "bus"
    config = tmp_path / "bus.conf"
    config.write_text(_BUS_CONFIG.format(socket=socket), encoding="utf-8")
    daemon = subprocess.Popen(["dbus-daemon", "--nofork", f"--config-file={config}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(socket.exists, "the session bus starting")
        address = f"unix:path={socket}"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


@pytest.fixture
def gnome_keyring(session_bus: str, tmp_path: Path) -> Iterator[None]:
    """GNOME Keyring's daemon serving the Secret Service, its login keyring unlocked."""
    if not shutil.which("gnome-keyring-daemon"):
        pytest.skip("gnome-keyring-daemon is not installed (apt install gnome-keyring)")
    from shopwatch.secret_service import service_available

    home, runtime = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_RUNTIME_DIR": str(runtime), "DBUS_SESSION_BUS_ADDRESS": session_bus}
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--components=secrets", "--unlock"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        daemon.stdin.write(b"login password")
        daemon.stdin.close()
        _wait_for(service_available, "the Secret Service appearing on the bus")
        yield
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


@pytest.fixture
def ours(gnome_keyring):
    import keyring

    from shopwatch.secret_service import Keyring

    previous = keyring.get_keyring()
    backend = Keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_without_a_secret_service_the_backend_is_not_offered(session_bus: str) -> None:
    from shopwatch.secret_service import Keyring, service_available

    assert not service_available()
    assert not Keyring.viable


def test_shop_secrets_round_trip_through_the_keychain(ours) -> None:
    from shopwatch.credentials import (
        APP_SECRET,
        SESSION,
        CredentialError,
        delete_secrets,
        get_secret,
        save_shop_secrets,
    )

    save_shop_secrets("淘宝小店", {APP_SECRET: "app-secret-1", SESSION: "会话-2"})
    assert get_secret("淘宝小店", APP_SECRET).value == "app-secret-1"
    assert get_secret("淘宝小店", SESSION).value == "会话-2"
    assert get_secret("淘宝小店", SESSION).source == "keychain"
    save_shop_secrets("淘宝小店", {SESSION: "会话-3"})  # replaced, not added beside
    assert get_secret("淘宝小店", SESSION).value == "会话-3"
    delete_secrets("淘宝小店")
    with pytest.raises(CredentialError):
        get_secret("淘宝小店", APP_SECRET)


def test_channel_addresses_round_trip_through_the_keychain(ours) -> None:
    from shopwatch.notify.channels import delete_url, load_url, store_url, url_source

    url = "tgram://123456:ABCdef/987"
    assert store_url("phone", url) == "keychain"
    assert load_url("phone") == url and url_source("phone") == "keychain"
    delete_url("phone")
    assert url_source("phone") is None


def test_the_session_is_encrypted(gnome_keyring) -> None:
    from shopwatch.secret_service import _session

    with _session() as session:
        assert session.aes_key is not None and len(session.aes_key) == 16


def _stored_items(query: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(label, attributes) of every item in the default collection matching ``query``."""
    from shopwatch.secret_service import COLLECTION_IFACE, ITEM_IFACE, _session

    with _session() as session:
        collection = session.default_collection()
        (items,) = session.call(collection, COLLECTION_IFACE, "SearchItems", "a{ss}", query)
        return [(session.property(item, ITEM_IFACE, "Label"),
                 dict(session.property(item, ITEM_IFACE, "Attributes"))) for item in items]


def test_secrets_stored_by_keyrings_own_backend_are_found_and_vice_versa(ours) -> None:
    stock_module = pytest.importorskip("keyring.backends.SecretService")
    pytest.importorskip("secretstorage")
    stock = stock_module.Keyring()
    stock.set_password("shopwatch", "shop:session", "saved-before-the-upgrade")
    as_keyring_files_it = _stored_items({"service": "shopwatch"})
    assert ours.get_password("shopwatch", "shop:session") == "saved-before-the-upgrade"
    ours.set_password("shopwatch", "shop:session", "saved-after")
    assert stock.get_password("shopwatch", "shop:session") == "saved-after"
    # one item, replaced in place, labelled and attributed as keyring's backend does it
    assert _stored_items({"service": "shopwatch"}) == as_keyring_files_it
    stock.delete_password("shopwatch", "shop:session")
    assert ours.get_password("shopwatch", "shop:session") is None


def test_deleting_what_is_not_there_is_keyrings_error(ours) -> None:
    from keyring.errors import PasswordDeleteError

    with pytest.raises(PasswordDeleteError):
        ours.delete_password("shopwatch", "nobody:session")


@pytest.mark.parametrize("gone", ["the service", "the bus"])
def test_a_keychain_that_goes_away_is_an_error_not_a_crash(
        gone: str, session_bus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.errors import KeyringError

    from shopwatch.secret_service import Keyring

    if gone == "the bus":
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    backend = Keyring()  # as keyring holds it after the service was there
    with pytest.raises(KeyringError):
        backend.get_password("shopwatch", "shop:session")
    with pytest.raises(KeyringError):
        backend.set_password("shopwatch", "shop:session", "value")


def test_a_locked_keychain_whose_prompt_is_dismissed_is_an_error(ours) -> None:
    from keyring.errors import KeyringLocked

    from shopwatch.credentials import SESSION, CredentialError, get_secret
    from shopwatch.secret_service import COLLECTION_IFACE, SERVICE_IFACE, SERVICE_PATH, _session

    ours.set_password("shopwatch", "shop:session", "kept")
    with _session() as session:
        collection = session.default_collection()
        session.call(SERVICE_PATH, SERVICE_IFACE, "Lock", "ao", [collection])
        assert session.property(collection, COLLECTION_IFACE, "Locked")
    with pytest.raises(KeyringLocked):
        ours.get_password("shopwatch", "shop:session")
    with pytest.raises(CredentialError):
        get_secret("shop", SESSION)


_AS_IN_THE_BUNDLE = """
import sys
sys.path.insert(0, {packaging!r})
import bundle_policy

class LeftOut:
    # what PyInstaller leaves out of the bundle cannot be imported there either
    def find_spec(self, name, path=None, target=None):
        if bundle_policy.is_excluded(name):
            raise ImportError(f"{{name}} is not in the bundle")
        return None

sys.meta_path.insert(0, LeftOut())
from shopwatch import credentials
import keyring
assert credentials.keychain_available()
credentials.set_secret("shop", credentials.SESSION, "in-the-bundle")
assert credentials.get_secret("shop", credentials.SESSION).value == "in-the-bundle"
assert "cryptography" not in sys.modules and "secretstorage" not in sys.modules
print(type(keyring.get_keyring()).__module__)
"""


def test_the_keychain_works_without_what_the_bundle_leaves_out(gnome_keyring) -> None:
    packaging = Path(__file__).resolve().parents[1] / "packaging"
    result = subprocess.run([sys.executable, "-c", _AS_IN_THE_BUNDLE.format(
        packaging=str(packaging))], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "shopwatch.secret_service"
