"""A shop's app secret and session key, once given, appear nowhere else: not in the database
(nor its WAL or backups), not in any file of the profile, not in logs captured at DEBUG (the
HTTP library's included), not in exported letters, not in any message of any failure — even
when the gateway echoes them back in an error."""

from __future__ import annotations

import base64
import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopwatch.cli import main
from shopwatch.connectors.top_client import TopClient
from shopwatch.demo.marketplace import Marketplace
from shopwatch.demo.server import DemoServer
from shopwatch.store.db import open_db

from .support import START

SHOP = "secret-shop"
NOTICE = ("您的商品（ID: {lid}）因涉嫌虚假交易被删除，扣除一般违规积分12分。"
          "如有异议请于2026-11-26 18:00前申诉。")


def faults(secret: str, session: str) -> list[dict]:
    """Failures whose messages reach the user, two of them carrying the secrets back."""
    return [
        {"expired_session": True},
        {"error_on_page": 1, "error_code": 15, "error_sub_code": "isv.invalid-parameter",
         "error_sub_msg": f"session {session} and secret {secret} rejected"},
        {"error_on_page": 1, "error_msg": f"bad sign for {secret}",
         "error_sub_code": "isp.remote-service-error", "error_sub_msg": session},
        # the request body echoed url-encoded, the secrets base64-encoded (issue 12)
        {"error_on_page": 1, "error_sub_code": "isv.invalid-parameter",
         "error_sub_msg": f"bad body method%3Dx%26session%3D{session}%26v%3D2.0 "
                          f"{b64(session)} {b64(secret)}"},
        {"http_500_on_page": 1},
        {"reset_mid_body_page": 1},
        {"invalid_json_page": 1},
        {"ban_seconds": 600},
        {"http_429_retry_after": 600},
        {"short_page": 1},
    ]


@pytest.fixture
def gateway() -> Iterator[tuple[Marketplace, DemoServer]]:
    market = Marketplace(seed=5, n_listings=150, start_date=START)
    with DemoServer(market) as server:
        yield market, server


def cli(capsys: pytest.CaptureFixture[str], outputs: list[str], *argv: str) -> int:
    code = main(list(argv))
    out, err = capsys.readouterr()
    outputs += [out, err]
    return code


def b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


def leaks(blob: bytes, secrets: dict[str, str]) -> list[str]:
    found = []
    for name, value in secrets.items():
        if b64(value).encode() in blob:
            found.append(f"{name} (base64)")
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if value.encode(encoding) in blob:
                found.append(f"{name} ({encoding})")
        if value.upper().encode() in blob.upper():
            found.append(f"{name} (any case)")
    return found


def file_blobs(folder: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file's bytes, and the members of zip containers (.docx) unpacked."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        yield path, data
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield path / member, archive.read(member)


def test_secrets_appear_nowhere_after_good_and_failed_runs(
    capsys, caplog, memory_keyring, gateway, tmp_path: Path, monkeypatch
):
    market, server = gateway
    # The client's back-off between retries is not under test here: no sleeping.
    monkeypatch.setattr(TopClient, "_wait", lambda self, seconds, cancel: None)
    secrets = {"app secret": market.app_secret, "session key": market.session}
    profile, exports = tmp_path / "profile", tmp_path / "exports"
    exports.mkdir()
    caplog.set_level(logging.DEBUG)  # the root and every library logger, urllib3 included
    outputs: list[str] = []
    base = ["--data-dir", str(profile), "-v"]

    # Added the way a seller adds a shop: secrets typed in (here: the environment) once.
    monkeypatch.setenv("SHOPWATCH_APP_SECRET", market.app_secret)
    monkeypatch.setenv("SHOPWATCH_SESSION", market.session)
    assert cli(capsys, outputs, *base, "shop", "add", SHOP, "--platform", "taobao",
               "--endpoint", server.endpoint, "--app-key", market.app_key,
               "--sign-method", "hmac-sha256") == 0
    monkeypatch.delenv("SHOPWATCH_APP_SECRET")
    monkeypatch.delenv("SHOPWATCH_SESSION")
    assert sorted(memory_keyring.store.values()) == sorted(secrets.values())

    assert cli(capsys, outputs, *base, "sync", "--shop", SHOP, "--json") == 0
    market.advance(4)
    assert cli(capsys, outputs, *base, "sync", "--shop", SHOP, "--json") == 0
    for switches in faults(market.app_secret, market.session):
        server.set_faults(**switches)
        assert cli(capsys, outputs, *base, "sync", "--shop", SHOP, "--json") == 3, switches
    server.clear_faults()
    assert cli(capsys, outputs, *base, "sync", "--shop", SHOP) == 0

    # A notice pasted in and an appeal exported, as the seller would.
    listing = str(next(iter(market.deleted_ids())))
    assert cli(capsys, outputs, *base, "notices", "add", "--shop", SHOP,
               "--text", NOTICE.format(lid=listing)) == 0
    for suffix in ("txt", "md", "docx"):
        code = cli(capsys, outputs, *base, "draft", "1", "--lang", "en", "--evidence",
                   "order_ids=3561234567890123456", "tracking_numbers=SF1234567890",
                   "logistics_company=SF Express", "--output", str(exports / f"appeal.{suffix}"))
        assert code == 0, outputs[-1]
    for command in (["listings", "--json"], ["alerts", "--all", "--json"], ["notices", "--json"],
                    ["shop", "list", "--json"], ["appeal", "list"], ["evidence", "1"]):
        cli(capsys, outputs, *base, *command)

    db = open_db(profile / "shopwatch.db")
    errors = [row[0] for row in db.execute("SELECT error FROM sync_runs WHERE error IS NOT NULL")]
    assert len(errors) >= len(faults("", ""))
    found: dict[str, list[str]] = {}
    # Read while a connection is open, so the write-ahead log is still there to be read too.
    for path, data in [*file_blobs(profile), *file_blobs(exports)]:
        if leaks(data, secrets):
            found[str(path)] = leaks(data, secrets)
    db.close()
    for path, data in file_blobs(profile):  # and again once checkpointed into the main file
        if leaks(data, secrets):
            found[str(path)] = leaks(data, secrets)
    log_text = "\n".join(
        f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records).encode()
    for name, blob in (("logs", log_text), ("output", "\n".join(outputs).encode()),
                       ("run errors", "\n".join(errors).encode())):
        if leaks(blob, secrets):
            found[name] = leaks(blob, secrets)
    assert found == {}
    assert any("urllib3" in r.name for r in caplog.records), "HTTP debug logging was not captured"
    assert list(exports.iterdir()), "no letter was exported"
