"""The app's syncs use the rule data the seller edited in the profile (thresholds, appeal
windows), like the CLI; a broken rule file is a plain message, never a crash or a sync loop."""

from __future__ import annotations

from pathlib import Path

import pytest

from shopwatch.monitor.rules import user_path
from shopwatch.store import queries
from shopwatch.timeutil import iso, now_utc
from shopwatch.ui import labels
from shopwatch.ui.dialogs.imports import ImportJob
from shopwatch.ui.workers import JobRunner, SyncJob

OVERRIDE = "[ledgers.general]\nthresholds = [6, 12, 18, 24]\n"


def write_rules(profile: Path, text: str) -> Path:
    path = user_path("taobao", profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def seen_rules(monkeypatch):
    """The rules each sync or import of the app was given."""
    from shopwatch.monitor import file_import, service

    seen = []

    def spy(real):
        def wrapper(*args, **kwargs):
            seen.append(kwargs.get("rules"))
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(service, "sync_stored_shop", spy(service.sync_stored_shop))
    monkeypatch.setattr(file_import, "sync_watched", spy(file_import.sync_watched))
    monkeypatch.setattr(file_import, "import_files", spy(file_import.import_files))
    return seen


def test_the_apps_sync_uses_the_profiles_rule_overrides(qtbot, controller, seen_rules):
    # the spies see only this process: the job runs here (in the app it runs the same
    # ``SyncJob.run`` in a child process, tests/ui/test_job_process.py)
    controller.runner.processes = False
    session = controller.session
    path = write_rules(session.profile, OVERRIDE)
    with qtbot.waitSignal(controller.runner.finished, timeout=60_000) as done:
        controller.sync_current()  # the demo shop follows Taobao's rules
    assert done.args[1].status == "ok"
    rules = seen_rules[-1]
    assert rules is not None and rules.override_path == str(path)
    assert rules.thresholds["general"] == (6, 12, 18, 24)


def test_a_watched_file_shop_and_an_import_use_them_too(qtbot, session, seen_rules, tmp_path):
    write_rules(session.profile, OVERRIDE)
    watch = tmp_path / "exports"
    watch.mkdir()
    (watch / "items.csv").write_bytes(
        "宝贝ID,宝贝标题,价格,库存,状态\r\n600123400001,围巾,128.00,5,出售中\r\n".encode("gbk"))
    shop = queries.add_shop(session.db, "f", "file", now=iso(now_utc()),
                            settings={"file": {"watch": str(watch)}})
    runner = JobRunner()
    for job in (SyncJob(session.db_path, shop.id, profile=session.profile),
                ImportJob(session.db_path, shop.id, [watch / "items.csv"],
                          profile=session.profile)):
        with qtbot.waitSignal(runner.finished, timeout=30_000):
            runner.submit(job)
    assert len(seen_rules) >= 2
    assert all(r is not None and r.thresholds["general"] == (6, 12, 18, 24) for r in seen_rules)
    assert runner.shutdown(5000)


def test_a_broken_rule_file_is_a_plain_message(qtbot, controller, seen_rules):
    session = controller.session
    write_rules(session.profile, "[ledgers.general\n")
    shop = queries.add_shop(session.db, "real", "taobao", now=iso(now_utc()),
                            endpoint="http://127.0.0.1:9/router/rest", app_key="k")
    session.reload_shops(select=shop.id)
    shop_id = shop.id
    runs_before = len(queries.recent_runs(session.db, shop_id, limit=100))
    controller.window.show()
    with qtbot.waitSignal(controller.runner.finished, timeout=30_000) as done:
        controller.sync_current()
    outcome = done.args[1]
    assert outcome.status == "rules" and "not valid TOML" in outcome.error
    assert seen_rules == []  # nothing was synced with half the rules
    banner = controller.window.error_banner
    assert banner.isVisible() and banner.text.text() == labels.sync_error("rules")
    assert "not valid TOML" in banner.toolTip()
    assert controller.window.syncbar.last.text() == labels.sync_error("rules")
    assert len(queries.recent_runs(session.db, shop_id, limit=100)) == runs_before
    # no run was recorded, yet the next try backs off instead of firing again at once
    plan = controller.scheduler.next_plan(shop_id)
    assert plan.reason == "retry" and plan.at > now_utc()


def test_the_import_dialogs_say_so_too(qtbot, controller):
    write_rules(controller.session.profile, "[ledgers.general\n")
    controller.window.show()
    assert controller.imports.import_file() is None
    assert controller.imports.paste_notice() is None
    banner = controller.window.error_banner
    assert banner.isVisible() and banner.text.text() == labels.sync_error("rules")
