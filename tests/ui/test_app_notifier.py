"""The app owns the remote notifier: a seller who never opens Settings still gets phone and
e-mail alerts. Proven with a real webhook receiver on 127.0.0.1 and a real demo sync."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytest.importorskip("pytestqt")

from pytest_httpserver import HTTPServer  # noqa: E402

from shopwatch.notify import channels  # noqa: E402
from shopwatch.notify.prefs import ChannelConfig, NotifyPrefs, QuietHours, write_prefs  # noqa: E402

pytestmark = pytest.mark.usefixtures("memory_keyring")


@pytest.fixture
def receiver() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    server.expect_request("/hook", method="POST").respond_with_data("ok")
    yield server
    server.clear()
    server.stop()


def test_a_syncs_alerts_reach_a_webhook_without_settings_ever_shown(
        qtbot, controller, receiver):
    profile = controller.session.profile
    channels.store_url("phone", f"json://127.0.0.1:{receiver.port}/hook")
    write_prefs(profile, NotifyPrefs(channels=[ChannelConfig("phone", "My phone")],
                                     quiet_hours=QuietHours(enabled=False)))
    controller.start(show=False, schedule=False, welcome=False)
    notifier = controller.notifier
    assert notifier.timer.isActive()
    assert "settings" not in controller.window.pages
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000) as synced:
        controller.sync_current()  # the demo moves a day on: the campaign raises alerts
    assert synced.args[1].alerts, "the demo day raised no alert to send"
    qtbot.waitUntil(lambda: any(r.path == "/hook" for r, _ in receiver.log), timeout=30_000)
    bodies = [json.loads(r.get_data(as_text=True)) for r, _ in receiver.log
              if r.path == "/hook"]
    assert bodies and all(b["title"] for b in bodies)
    assert "settings" not in controller.window.pages
