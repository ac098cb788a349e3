"""`shopwatch sync` delivers what it raised to the seller's channels once the sync is saved."""

from __future__ import annotations

import json
from pathlib import Path

from shopwatch.cli import main
from shopwatch.config import ensure_demo_profile

from .support import posted


def demo_profile(capsys, profile: Path) -> Path:
    """The demo's own profile (where `shopwatch demo` puts the demo shop), after 2 days."""
    assert run(capsys, profile, "demo", "--days", "2")[0] == 0
    return ensure_demo_profile(profile)


def run(capsys, profile, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(profile), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_sync_sends_new_alerts_to_channels(capsys, profile, receiver, memory_keyring):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    profile = demo_profile(capsys, profile)
    code, _, _ = run(capsys, profile, "notify", "channels", "add", "phone",
                     f"json://127.0.0.1:{receiver.port}/hook")
    assert code == 0
    before = len(posted(receiver))
    code, out, err = run(capsys, profile, "sync", "--shop", "demo", "--json")
    assert code == 0 and json.loads(out)["status"] == "ok"
    assert len(posted(receiver)) > before
    assert "Notifications:" in err


def test_no_notify_sends_nothing(capsys, profile, receiver, memory_keyring):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    profile = demo_profile(capsys, profile)
    run(capsys, profile, "notify", "channels", "add", "phone",
        f"json://127.0.0.1:{receiver.port}/hook")
    code, _, _ = run(capsys, profile, "sync", "--shop", "demo", "--no-notify")
    assert code == 0 and posted(receiver) == []


def test_a_dead_channel_does_not_fail_the_sync(capsys, profile, memory_keyring):
    from .support import free_port

    profile = demo_profile(capsys, profile)
    run(capsys, profile, "notify", "channels", "add", "phone",
        f"json://127.0.0.1:{free_port()}/hook")
    code, out, err = run(capsys, profile, "sync", "--shop", "demo", "--json")
    assert code == 0 and json.loads(out)["status"] == "ok"
    assert "to retry" in err
