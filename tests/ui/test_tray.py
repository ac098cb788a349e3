"""Notifications: one per important alert when a few arrive, grouped by kind when many do
("12 listings deleted by the platform"), info stays quiet; without a tray they go to the
window."""

from __future__ import annotations

from shopwatch.models import Alert
from shopwatch.ui.tray import Tray, badge_icon, plan_notifications

STAMP = "2026-11-23T09:00:00+08:00"


def alert(i: int, kind: str, severity: str = "critical", title: str = "") -> Alert:
    return Alert(id=i, shop_id=1, kind=kind, severity=severity, dedup_key=f"k{i}", message="",
                 created_at=STAMP, listing_id=str(1000 + i),
                 details={"title": title or f"Listing {i}", "confirmed": True})


def test_a_few_important_alerts_get_one_notification_each(qapp, english):
    notes = plan_notifications([alert(1, "deleted", title="Silk scarf"),
                                alert(2, "violation_off_shelf", title="Wool coat")])
    assert [n.alert_ids for n in notes] == [(1,), (2,)]
    assert notes[0].title == "Listing deleted"
    assert notes[0].body == "“Silk scarf” was deleted by the platform"


def test_info_alerts_never_pop_up(qapp, english):
    assert plan_notifications([alert(1, "seller_off_shelf", "info"),
                               alert(2, "changed_by_platform", "info")]) == []


def test_many_deletions_are_grouped_into_one_notification(qapp, english):
    alerts = [alert(i, "deleted") for i in range(1, 13)]
    notes = plan_notifications(alerts)
    assert len(notes) == 1
    assert notes[0].title == "12 listings deleted by the platform"
    assert notes[0].alert_ids == tuple(range(1, 13))
    assert notes[0].kind == "deleted"
    assert notes[0].body.startswith("“Listing 1”, “Listing 2”, “Listing 3” and 9 more")


def test_groups_are_ordered_most_severe_first_and_singles_stay_single(qapp, english):
    alerts = ([alert(i, "demoted", "warning") for i in range(1, 4)]
              + [alert(10 + i, "deleted") for i in range(5)]
              + [alert(30, "new_penalty", "warning")])
    notes = plan_notifications(alerts)
    assert [n.kind for n in notes] == ["deleted", "demoted", "new_penalty"]
    assert notes[0].title == "5 listings deleted by the platform"
    assert notes[1].title == "Search demotion suspected on 3 listings"
    assert notes[2].alert_ids == (30,)


def test_never_more_than_four_notifications_for_one_sync(qapp, english):
    kinds = ["deleted", "violation_off_shelf", "demoted", "new_penalty", "appeal_deadline",
             "points_threshold"]
    alerts = [alert(k * 10 + i, kind) for k, kind in enumerate(kinds) for i in range(2)]
    notes = plan_notifications(alerts)
    assert len(notes) == 4
    assert notes[-1].kind is None and notes[-1].title == "6 new alerts"
    assert sum(len(n.alert_ids) for n in notes) == len(alerts)


def test_the_shop_name_prefixes_titles_when_there_are_several_shops(qapp, english):
    notes = plan_notifications([alert(1, "deleted")], shop_name="Silk shop")
    assert notes[0].title == "Silk shop: Listing deleted"


def test_grouped_titles_use_singular_and_plural(qapp, english):
    from shopwatch.ui.tray import grouped_title

    assert grouped_title("deleted", 1) == "1 listing deleted by the platform"
    assert grouped_title("new_penalty", 2) == "2 new penalty notices"


def test_without_a_tray_notifications_go_to_the_window(qtbot, qapp, english):
    tray = Tray(force_unavailable=True)
    assert not tray.available
    shown = []
    tray.in_window.connect(shown.append)
    notes = plan_notifications([alert(1, "deleted")])
    tray.notify(notes)
    assert shown == notes
    tray.set_unread(5)  # no icon to update, but no error either
    assert tray.unread == 5


def test_the_tray_menu_offers_open_sync_pause_quit(qapp, english):
    tray = Tray(force_unavailable=True)
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["Open shopwatch", "Sync now", "Pause syncing", "Quit"]
    toggled = []
    tray.pause_toggled.connect(toggled.append)
    tray.pause_action.trigger()
    assert toggled == [True]


def test_the_badge_icon_shows_a_count(qapp):
    assert not badge_icon(0).isNull()
    plain = badge_icon(0).pixmap(64, 64).toImage()
    counted = badge_icon(12).pixmap(64, 64).toImage()
    assert plain != counted
