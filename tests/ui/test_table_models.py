"""The table models, headless: row counts, data roles, filters, sorting, and that the listings
model reads only what is on screen (a 100,000-row shop stays smooth)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from shopwatch.models import Alert, Listing, Notice
from shopwatch.store import queries
from shopwatch.ui import theme
from shopwatch.ui.models.alerts import COLUMN_KEYS as ALERT_COLUMNS
from shopwatch.ui.models.alerts import AlertFilter, AlertsModel
from shopwatch.ui.models.listings import COLUMN_KEYS, ListingsModel
from shopwatch.ui.models.notices import COLUMN_KEYS as NOTICE_COLUMNS
from shopwatch.ui.models.notices import NoticesModel
from shopwatch.ui.models.roles import (
    BADGE_COLOR_ROLE,
    OBJECT_ROLE,
    SECOND_BADGE_ROLE,
    SORT_ROLE,
    SUBTITLE_ROLE,
)

STAMP = "2026-11-20T09:00:00+08:00"


def add_listings(db, shop_id: int, n: int, *, status_of=lambda i: "active") -> None:
    rows = [Listing(shop_id=shop_id, listing_id=f"{100000 + i}", title=f"真丝围巾 item {i}",
                    status=status_of(i), price=f"{10 + i % 90}.50", quantity=i % 7,
                    outer_id=f"SW-{i}", first_seen=STAMP, last_seen=STAMP,
                    status_changed_at=STAMP, content_hash=f"h{i}",
                    search_status="suppressed" if i % 50 == 0 else "normal")
            for i in range(n)]
    with db.atomic():
        queries.write_listings(db, rows, run_id=0, now=STAMP, changed_hash=set())


@pytest.fixture
def shop(db):
    return queries.add_shop(db, "test", "taobao", now=STAMP, endpoint="http://127.0.0.1:1",
                            app_key="k")


def test_listings_model_counts_every_row_of_the_shop(qapp, english, db, shop):
    add_listings(db, shop.id, 1234)
    model = ListingsModel(db)
    model.set_filter(shop.id)
    assert model.rowCount() == 1234
    assert model.columnCount() == len(COLUMN_KEYS)


def test_listings_model_roles_give_text_badge_subtitle_and_object(qapp, english, db, shop):
    add_listings(db, shop.id, 60)
    model = ListingsModel(db)
    model.set_filter(shop.id, search="item 50")
    assert model.rowCount() == 1
    status = model.index(0, COLUMN_KEYS.index("status"))
    title = model.index(0, COLUMN_KEYS.index("title"))
    price = model.index(0, COLUMN_KEYS.index("price"))
    item = title.data(OBJECT_ROLE)
    assert isinstance(item, Listing) and item.listing_id == "100050"
    assert status.data(Qt.ItemDataRole.DisplayRole) == "On sale"
    assert status.data(BADGE_COLOR_ROLE) == "ok"  # a theme role: painted light or dark
    assert status.data(SECOND_BADGE_ROLE)[0] == "Demoted"  # listing 50 is suppressed
    assert title.data(Qt.ItemDataRole.DisplayRole) == "真丝围巾 item 50"
    assert title.data(SUBTITLE_ROLE) == "100050 · SW-50"
    assert price.data(Qt.ItemDataRole.DisplayRole) == "¥60.50"
    assert model.headerData(COLUMN_KEYS.index("price"), Qt.Orientation.Horizontal) == "Price"


def test_listings_filter_by_status_search_and_demotion(qapp, english, db, shop):
    statuses = ["active", "violation_off_shelf", "deleted", "seller_off_shelf"]
    add_listings(db, shop.id, 400, status_of=lambda i: statuses[i % 4])
    model = ListingsModel(db)
    model.set_filter(shop.id, statuses=["violation_off_shelf"])
    assert model.rowCount() == 100
    assert {model.listing(r).status for r in range(model.rowCount())} == {"violation_off_shelf"}
    model.set_filter(shop.id, statuses=["deleted", "missing"])
    assert model.rowCount() == 100
    model.set_filter(shop.id, search="真丝")
    assert model.rowCount() == 400
    model.set_filter(shop.id, search="SW-12")  # outer id, a substring
    assert {model.listing(r).outer_id for r in range(model.rowCount())} >= {"SW-12", "SW-120"}
    model.set_filter(shop.id, search_status="suppressed")
    assert model.rowCount() == 8
    model.set_filter(shop.id, search="100_")  # LIKE wildcards are taken literally
    assert model.rowCount() == 0


def test_listings_sort_runs_in_sql(qapp, english, db, shop):
    add_listings(db, shop.id, 300)
    model = ListingsModel(db)
    model.set_filter(shop.id)
    model.sort(COLUMN_KEYS.index("price"), Qt.SortOrder.DescendingOrder)
    prices = [float(model.listing(r).price) for r in range(model.rowCount())]
    assert prices == sorted(prices, reverse=True)
    model.sort(COLUMN_KEYS.index("title"), Qt.SortOrder.AscendingOrder)
    first = model.index(0, COLUMN_KEYS.index("title")).data(SORT_ROLE)
    assert first == "真丝围巾 item 0"


def test_listings_model_reads_only_the_blocks_it_shows(qapp, english, db, shop):
    add_listings(db, shop.id, 20_000)
    model = ListingsModel(db)
    model.set_filter(shop.id)
    assert model.rowCount() == 20_000
    assert model.block_reads == 0  # keys only, no row data yet
    for row in range(0, 40):
        model.index(row, 1).data()
    model.index(19_999, 1).data()
    assert model.block_reads == 2
    assert model.row_of("100007") >= 0
    assert len(model._blocks) <= 60


def test_listings_model_is_empty_without_a_shop(qapp, english, db):
    model = ListingsModel(db)
    model.set_filter(None)
    assert model.rowCount() == 0


def alert(i: int, kind: str, severity: str, title: str = "", acked: str | None = None) -> Alert:
    return Alert(id=i, shop_id=1, kind=kind, severity=severity, dedup_key=f"k{i}",
                 message="english text", created_at=STAMP, listing_id=str(i),
                 details={"title": title or f"listing {i}", "confirmed": True},
                 acknowledged_at=acked)


def test_alerts_model_renders_text_from_kind_and_details(qapp, english):
    model = AlertsModel()
    model.set_alerts([alert(1, "deleted", "critical", "Silk scarf")])
    text = model.index(0, ALERT_COLUMNS.index("text")).data()
    assert text == "“Silk scarf” was deleted by the platform"
    assert model.index(0, ALERT_COLUMNS.index("severity")).data() == "Critical"
    assert model.index(0, ALERT_COLUMNS.index("severity")).data(BADGE_COLOR_ROLE)
    assert model.index(0, 0).data(OBJECT_ROLE).id == 1


def test_alert_filter_by_kind_severity_and_text(qapp, english):
    model = AlertsModel()
    model.set_alerts([alert(1, "deleted", "critical", "Silk scarf"),
                      alert(2, "deleted", "critical", "Wool coat"),
                      alert(3, "demoted", "warning", "Wool hat"),
                      alert(4, "seller_off_shelf", "info", "Apron")])
    proxy = AlertFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 4
    proxy.set_criteria(kind="deleted")
    assert proxy.rowCount() == 2
    proxy.set_criteria(severity="warning")
    assert [proxy.alert_at(r).id for r in range(proxy.rowCount())] == [3]
    proxy.set_criteria(text="wool")
    assert sorted(proxy.alert_at(r).id for r in range(proxy.rowCount())) == [2, 3]
    proxy.set_criteria(kind="deleted", text="wool")
    assert proxy.rowCount() == 1


def test_alerts_sort_newest_first_by_id(qapp, english):
    model = AlertsModel()
    model.set_alerts([alert(i, "deleted", "critical") for i in (3, 9, 5)])
    proxy = AlertFilter()
    proxy.setSourceModel(model)
    proxy.sort(ALERT_COLUMNS.index("when"), Qt.SortOrder.DescendingOrder)
    assert [proxy.alert_at(r).id for r in range(3)] == [9, 5, 3]


def test_alerts_sort_in_the_model_by_every_column_and_keep_the_filter_and_selection(
        qapp, english):
    """The model sorts its own rows (one Python sort, not the proxy's data() per comparison);
    a new read keeps the seller's column, the filter still applies, and a selected alert
    stays selected when the order changes."""
    model = AlertsModel()
    model.set_alerts([alert(3, "deleted", "info", "Apron"),
                      alert(9, "demoted", "critical", "Silk scarf"),
                      alert(5, "deleted", "warning", "Wool coat", acked=STAMP),
                      alert(7, "deleted", "critical", "Wool hat")])
    proxy = AlertFilter()
    proxy.setSourceModel(model)

    def ids() -> list[int]:
        return [proxy.alert_at(r).id for r in range(proxy.rowCount())]

    assert ids() == [9, 7, 5, 3]  # newest first until the seller picks a column
    selection = QItemSelectionModel(proxy)
    selection.select(proxy.index(ids().index(5), 0), QItemSelectionModel.SelectionFlag.Select)
    proxy.sort(ALERT_COLUMNS.index("severity"), Qt.SortOrder.AscendingOrder)
    assert ids() == [9, 7, 5, 3]  # critical (newest first), warning, info
    proxy.sort(ALERT_COLUMNS.index("when"), Qt.SortOrder.AscendingOrder)
    assert ids() == [3, 5, 7, 9]
    assert [proxy.alert_at(i.row()).id for i in selection.selectedIndexes()] == [5]
    proxy.sort(ALERT_COLUMNS.index("text"), Qt.SortOrder.AscendingOrder)
    texts = [proxy.index(r, ALERT_COLUMNS.index("text")).data() for r in range(4)]
    assert texts == sorted(texts)
    proxy.sort(ALERT_COLUMNS.index("kind"), Qt.SortOrder.DescendingOrder)
    assert [proxy.alert_at(r).kind for r in range(4)] == ["demoted"] + ["deleted"] * 3
    proxy.set_criteria(kind="deleted")
    proxy.sort(ALERT_COLUMNS.index("when"), Qt.SortOrder.DescendingOrder)
    assert ids() == [7, 5, 3]
    model.set_alerts([alert(i, "deleted", "warning") for i in (4, 11, 6)])  # the next read
    assert ids() == [11, 6, 4]


def notice(i: int, status: str = "open", deadline: str | None = None, points: int = 2) -> Notice:
    return Notice(id=i, shop_id=1, source_id=f"N{i}", kind="false_trading", severity="warning",
                  points=points, category="general", listing_id="42", issued_at=STAMP,
                  appeal_deadline=deadline, status=status, title="虚假交易处罚通知",
                  text="您的商品因涉嫌虚假交易被删除")


def test_notices_model_shows_points_deadline_and_status(qapp, english):
    now = datetime(2026, 11, 22, 0, 0, tzinfo=timezone.utc)
    model = NoticesModel()
    model.set_notices([notice(1, deadline="2026-11-22T10:00:00+00:00"),
                       notice(2, status="revoked", points=0)], now)
    assert model.rowCount() == 2
    assert model.index(0, NOTICE_COLUMNS.index("points")).data() == "−2"
    assert model.index(0, NOTICE_COLUMNS.index("kind")).data() == "False trading"
    assert model.index(0, NOTICE_COLUMNS.index("ledger")).data() == "General"
    assert model.index(1, NOTICE_COLUMNS.index("status")).data() == "Revoked"
    assert model.index(1, NOTICE_COLUMNS.index("status")).data(BADGE_COLOR_ROLE)
    deadline = model.index(0, NOTICE_COLUMNS.index("deadline"))
    # due in 10 h: the scheme's critical text shade
    assert deadline.data(Qt.ItemDataRole.ForegroundRole) == theme.text_color("critical")
    assert model.hours_left(model.notice(0)) == pytest.approx(10)
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("您的商品")


def test_key_queries_run_off_the_gui_thread_and_only_the_newest_answer_counts(
        qtbot, english, db, shop, profile):
    from shopwatch.ui.workers import wait_idle

    add_listings(db, shop.id, 500, status_of=lambda i: ("active", "deleted")[i % 2])
    model = ListingsModel(db, profile / "shopwatch.db")
    model.set_filter(shop.id, statuses=["deleted"])
    model.set_filter(shop.id, statuses=["active"])  # supersedes the first question
    assert model.loading and model.rowCount() == 0  # nothing blocks: the answer comes later
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert model.rowCount() == 250
    assert {model.listing(r).status for r in range(model.rowCount())} == {"active"}
    assert wait_idle()


def test_a_passed_deadline_is_red_and_not_an_ordinary_open_row(qapp, english):
    now = datetime(2026, 11, 22, 0, 0, tzinfo=timezone.utc)
    model = NoticesModel()
    model.set_notices([notice(1, deadline="2026-11-21T10:00:00+00:00"),
                       notice(2, deadline="2026-11-25T10:00:00+00:00")], now)
    status = model.index(0, NOTICE_COLUMNS.index("status"))
    assert status.data() == "Deadline passed"
    assert status.data(BADGE_COLOR_ROLE) == "critical"
    assert model.index(0, NOTICE_COLUMNS.index("deadline")).data(
        Qt.ItemDataRole.ForegroundRole) == theme.text_color("critical")
    assert model.index(1, NOTICE_COLUMNS.index("status")).data() == "Open"


def test_a_painted_cell_costs_one_call_into_python_and_paints_the_same(qapp, english):
    """The models answer a cell's roles in one ``multiData`` call (Qt asks for seven at
    once); the table paints exactly as it did when Qt asked ``data()`` role by role."""
    from PySide6.QtCore import QAbstractTableModel
    from PySide6.QtWidgets import QTableView

    alerts = [alert(i, kind, severity, f"listing {i}", acked=STAMP if i == 2 else None)
              for i, (kind, severity) in enumerate(
                  [("deleted", "critical"), ("demoted", "warning"), ("seller_off_shelf", "info"),
                   ("deleted", "warning")], start=1)]

    class RoleByRole(AlertsModel):
        multiData = QAbstractTableModel.multiData  # Qt's own: data() once per role

    calls = {"data": 0, "cells": 0}

    class Counted(AlertsModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            calls["data"] += 1
            return super().data(index, role)

        def multiData(self, index, span):  # noqa: N802 - Qt's name
            calls["cells"] += 1
            super().multiData(index, span)

    images = []
    for model_class in (RoleByRole, Counted):
        model = model_class()
        model.set_alerts(alerts)
        view = QTableView()
        view.setModel(model)
        view.resize(640, 240)
        view.show()
        qapp.processEvents()
        images.append(view.grab().toImage())
        view.hide()
    assert images[0] == images[1]
    assert calls["cells"] > 0  # Qt asked for whole cells, and each came back in one call
    assert calls["data"] >= 5 * calls["cells"]
