"""``shopwatch shop set-secret``: secrets into the keychain without ever appearing on the
command line, and a specific message (exit 2) where there is no keychain."""

from __future__ import annotations

import io

import keyring

from shopwatch.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _taobao(capsys) -> None:
    assert run(capsys, "shop", "add", "t", "--platform", "taobao", "--app-key", "k")[0] == 0


def test_secrets_from_stdin_and_the_environment(capsys, memory_keyring, monkeypatch):
    _taobao(capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-session\n"))
    code, out, _ = run(capsys, "shop", "set-secret", "t", "--which", "session", "--stdin")
    assert code == 0 and "session key" in out and "s3cret" not in out
    assert keyring.get_password("shopwatch", "t:session") == "s3cret-session"
    monkeypatch.setenv("SHOPWATCH_APP_SECRET", "app-s3cret")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, _ = run(capsys, "shop", "set-secret", "t", "--which", "app_secret")
    assert code == 0 and "app-s3cret" not in out
    assert keyring.get_password("shopwatch", "t:app_secret") == "app-s3cret"


def test_no_keychain_says_what_to_do_instead(capsys, monkeypatch):
    _taobao(capsys)
    monkeypatch.setattr("shopwatch.commands.shops.keychain_available", lambda: False)
    code, _, err = run(capsys, "shop", "set-secret", "t")
    assert code == 2
    assert "No system keychain" in err and "SHOPWATCH_APP_SECRET and SHOPWATCH_SESSION" in err


def test_usage_errors(capsys, memory_keyring, monkeypatch):
    _taobao(capsys)
    assert run(capsys, "shop", "add", "f", "--platform", "file")[0] == 0
    assert run(capsys, "shop", "set-secret", "f")[0] == 2  # a file shop has no secrets
    assert run(capsys, "shop", "set-secret", "t", "--stdin")[0] == 2  # one secret per stdin
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    code, _, err = run(capsys, "shop", "set-secret", "t", "--which", "session", "--stdin")
    assert code == 2 and "empty" in err
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal, nothing given
    code, _, err = run(capsys, "shop", "set-secret", "t", "--which", "session")
    assert code == 2 and "--stdin" in err
