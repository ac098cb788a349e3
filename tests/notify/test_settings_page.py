"""The "Phone & e-mail" settings page, offscreen: channels with masked addresses, a test
message that never blocks the window, quiet hours / digest / mutes saved as they change, the
delivery log, and the background notifier the app runs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QObject, QTime, Signal  # noqa: E402

from shopwatch.config import Settings, load_settings, save_settings  # noqa: E402
from shopwatch.notify import channels  # noqa: E402
from shopwatch.notify.prefs import ChannelConfig, NotifyPrefs, read_prefs, write_prefs  # noqa: E402
from shopwatch.store import queries  # noqa: E402
from shopwatch.store.db import open_db  # noqa: E402
from shopwatch.ui.pages.notify_settings import (  # noqa: E402
    ChannelDialog,
    NotifySettingsPage,
    RemoteNotifier,
    settings_tab,
)

from .support import add_shop, deleted, posted, raise_alerts  # noqa: E402

SECRET = "V3RYSECRETTOKEN"

pytestmark = pytest.mark.usefixtures("memory_keyring")


def url(receiver, path: str = "/hook") -> str:
    return f"json://127.0.0.1:{receiver.port}{path}?token={SECRET}"


@pytest.fixture
def page(qtbot, profile: Path, db) -> NotifySettingsPage:
    add_shop(db)
    widget = NotifySettingsPage(profile / "shopwatch.db", profile)
    qtbot.addWidget(widget)
    return widget


def add(page: NotifySettingsPage, name: str, address: str, **kw) -> None:
    assert page._store_channel(ChannelConfig(id="", name=name, **kw), address)


def table_text(table) -> str:
    return "\n".join(table.item(r, c).text() for r in range(table.rowCount())
                     for c in range(table.columnCount()) if table.item(r, c))


def test_a_channel_is_listed_with_its_address_masked_and_stored_in_the_keychain(
        page, profile, receiver, memory_keyring):
    add(page, "My phone", url(receiver))
    text = table_text(page.channel_table)
    assert "My phone" in text and "token=****" in text and SECRET not in text
    assert SECRET not in (profile / "settings.json").read_text(encoding="utf-8")
    assert memory_keyring.store[("shopwatch-notify", "my-phone")] == url(receiver)
    assert "Nothing sent yet" in text


def test_the_channel_dialog_builds_what_the_seller_chose(qtbot, profile, receiver):
    dialog = ChannelDialog(None, ["A", "B"], profile)
    qtbot.addWidget(dialog)
    dialog.name.setText("Boss")
    dialog.url.setText(url(receiver))
    dialog.mode.setCurrentIndex(dialog.mode.findData("digest"))
    for i in range(dialog.kinds.count()):
        item = dialog.kinds.item(i)
        if item.data(256) != "new_penalty":
            item.setCheckState(dialog.kinds.item(i).checkState().Unchecked)
    dialog.severities["info"].setChecked(False)
    dialog.shops.item(1).setCheckState(dialog.shops.item(1).checkState().Unchecked)
    dialog.quiet.setChecked(False)
    channel, address = dialog.result_channel()
    assert address == url(receiver)
    assert (channel.name, channel.mode, channel.kinds, channel.shops) == (
        "Boss", "digest", ["new_penalty"], ["A"])
    assert channel.severities == ["warning", "critical"] and channel.quiet_hours is False


def test_the_dialog_refuses_a_bad_address_in_plain_words(qtbot, profile):
    dialog = ChannelDialog(None, [], profile)
    qtbot.addWidget(dialog)
    dialog.name.setText("x")
    dialog.url.setText(f"nosuch://{SECRET}")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "Apprise" in dialog.error.text() and SECRET not in dialog.error.text()


def test_editing_keeps_the_stored_address_when_the_field_is_left_empty(page, receiver,
                                                                      memory_keyring):
    add(page, "phone", url(receiver))
    channel = read_prefs(page.profile).channels[0]
    dialog = ChannelDialog(channel, [], page.profile)
    assert dialog.url.text() == ""  # the secret is never read back into a widget
    edited, address = dialog.result_channel()
    assert address is None
    edited.mode = "immediate"
    page._store_channel(edited, address)
    assert read_prefs(page.profile).channels[0].mode == "immediate"
    assert memory_keyring.store[("shopwatch-notify", "phone")] == url(receiver)


def test_send_test_runs_off_the_gui_thread(qtbot, page, receiver):
    release = threading.Event()

    def slow(request):
        release.wait(10)  # the service takes its time answering
        from werkzeug import Response

        return Response("ok")

    receiver.expect_request("/hook", method="POST").respond_with_handler(slow)
    add(page, "phone", url(receiver))
    page.send_test()
    # back in the event loop at once, while the receiver is still holding the request
    assert not page.test_button.isEnabled()
    assert "Sending" in page.test_result.text()
    release.set()
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=15000)
    assert "“phone”: test message sent." in page.test_result.text()
    assert posted(receiver)[0]["title"] == "shopwatch test message"


def test_a_failed_test_shows_the_reason_without_the_secret(qtbot, page, receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("no", status=403)
    add(page, "phone", url(receiver))
    page.send_test()
    qtbot.waitUntil(lambda: page.test_button.isEnabled(), timeout=15000)
    text = page.test_result.text()
    assert "failed" in text and "403" in text and SECRET not in text


def test_quiet_hours_digest_language_and_zone_are_saved_as_they_change(page, profile):
    page.quiet_on.setChecked(True)
    page.quiet_start.setTime(QTime(21, 30))
    page.quiet_end.setTime(QTime(7, 15))
    page.digest_time.setTime(QTime(8, 45))
    page.digest_empty.setChecked(True)
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    page.timezone.setCurrentIndex(page.timezone.findData("Asia/Shanghai"))
    page._commit()
    prefs = read_prefs(profile)
    assert prefs.quiet_hours.enabled and (prefs.quiet_hours.start, prefs.quiet_hours.end) == (
        "21:30", "07:15")
    assert (prefs.digest_time, prefs.digest_when_empty) == ("08:45", True)
    assert (prefs.language, prefs.timezone) == ("zh_CN", "Asia/Shanghai")
    assert "08:45" in page.next_digest.text()


def test_muting_kinds_and_listings(page, profile, db):
    shop = queries.list_shops(db)[0]
    with db.atomic():
        db.execute("INSERT INTO listings (shop_id, listing_id, title, status, first_seen,"
                   " content_hash) VALUES (?, '1001', 'Silk scarf', 'active', 'x', 'h')",
                   [shop.id])
    page.muted_kinds.item(3).setCheckState(page.muted_kinds.item(3).checkState().Checked)
    assert [m.kind for m in read_prefs(profile).muted_kinds] == ["demoted"]
    page.mute_listing("1001", shop.name)
    (mute,) = read_prefs(profile).muted_listings
    assert (mute.listing_id, mute.title) == ("1001", "Silk scarf")
    assert page.muted_listings.item(0).text() == "1001 · Silk scarf"
    page.muted_listings.setCurrentRow(0)
    page.unmute_listing()
    assert read_prefs(profile).muted_listings == []


def test_settings_saved_elsewhere_survive_the_page(page, profile):
    settings = load_settings(profile)
    settings.sync_interval_minutes = 45
    save_settings(profile, settings)
    page.digest_time.setTime(QTime(7, 0))
    assert load_settings(profile).sync_interval_minutes == 45


def test_the_log_shows_deliveries_and_failures_can_be_retried(qtbot, page, profile, db,
                                                              receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    add(page, "phone", url(receiver))
    raise_alerts(db, queries.list_shops(db)[0], [deleted("1", "Silk scarf")])
    page.send_now()
    qtbot.waitUntil(lambda: page.send_button.isEnabled(), timeout=15000)
    text = table_text(page.log_table)
    assert "Silk scarf" in text and "500" in text and SECRET not in text
    assert "Waiting to be sent or retried: 1" in page.counts.text()
    with db.atomic():
        db.execute("UPDATE notify_messages SET status = 'failed'")
    page.reload()
    assert page.retry_button.isEnabled() and "Could not be delivered: 1" in page.counts.text()


class FakeSession(QObject):
    """What the app's Session offers the tab: profile, settings, a read connection."""

    data_changed = Signal()

    def __init__(self, profile: Path, db) -> None:
        super().__init__()
        self.profile, self.db_path, self.db = profile, profile / "shopwatch.db", db
        self.settings = Settings(sync_interval_minutes=20)
        self.saved = 0

    def save_settings(self) -> None:
        save_settings(self.profile, self.settings)
        self.saved += 1


def test_inside_the_app_the_tab_shares_the_sessions_settings(qtbot, profile, db, receiver):
    session = FakeSession(profile, db)
    title, tab = settings_tab(session)
    qtbot.addWidget(tab)
    assert title == "Phone & e-mail"
    tab.digest_time.setTime(QTime(6, 30))
    assert session.saved >= 1 and session.settings.extra["notify"]["digest_time"] == "06:30"
    assert load_settings(profile).sync_interval_minutes == 20  # nothing overwritten
    notifier = session.findChild(RemoteNotifier)
    assert notifier is not None and notifier.timer.isActive()
    title2, tab2 = settings_tab(session)  # a rebuilt Settings page reuses the notifier
    qtbot.addWidget(tab2)
    assert session.findChildren(RemoteNotifier) == [notifier]
    notifier.stop()


def test_the_background_notifier_delivers_off_the_gui_thread(qtbot, profile, db, receiver):
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    channels.store_url("phone", url(receiver))
    write_prefs(profile, NotifyPrefs(channels=[ChannelConfig("phone", "phone")]))
    raise_alerts(db, add_shop(db), [deleted("1", "Silk scarf")])
    notifier = RemoteNotifier(profile)
    with qtbot.waitSignal(notifier.dispatched, timeout=15000) as blocker:
        assert notifier.run_now()
        assert not notifier.run_now()  # one dispatch at a time
    assert blocker.args[0].sent == 1
    assert posted(receiver)[0]["title"].endswith("“Silk scarf” was deleted by the platform · "
                                                 "小店")
    notifier.stop()


def test_without_channels_the_notifier_stays_idle(profile):
    notifier = RemoteNotifier(profile)
    assert not notifier.run_now()


def test_a_deleted_page_does_not_break_the_notifier(qtbot, profile, db):
    session = FakeSession(profile, db)
    _, tab = settings_tab(session)
    notifier = session.findChild(RemoteNotifier)
    tab.deleteLater()
    qtbot.wait(50)
    notifier.dispatched.emit(None)  # must not reach the deleted page
    notifier.stop()


def test_every_visible_string_goes_through_tr():
    source = (Path(__file__).resolve().parents[2] / "shopwatch" / "ui" / "pages" /
              "notify_settings.py").read_text(encoding="utf-8")
    import re

    for call in ("QLabel(", "QCheckBox(", "QPushButton(", "QGroupBox("):
        for match in re.finditer(re.escape(call) + r'"[^"]', source):
            pytest.fail(f"untranslated literal at {source[match.start():match.start() + 60]}")


def test_the_page_with_an_empty_profile(qtbot, tmp_path):
    profile = tmp_path / "fresh"
    profile.mkdir()
    widget = NotifySettingsPage(profile / "shopwatch.db", profile)
    qtbot.addWidget(widget)
    assert widget.channel_table.rowCount() == 0 and not widget.test_button.isEnabled()
    open_db(profile / "shopwatch.db").close()
