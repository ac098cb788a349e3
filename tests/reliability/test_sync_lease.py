"""The per-shop sync lease: a live owner is never displaced, a dead or silent one always is,
two contenders never both win, and the refusal says who holds it and since when — in the CLI
(exit 3) and in the app's sync job alike."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shopwatch.cli import main
from shopwatch.models import SyncLease
from shopwatch.monitor.lease import (
    STALE_AFTER,
    ShopLease,
    SyncBusy,
    busy_message,
    owner_gone,
    pid_alive,
    process_label,
)
from shopwatch.store import queries
from shopwatch.store.db import open_db
from shopwatch.timeutil import iso, now_utc

from .support import DemoShop

NOW = datetime(2026, 11, 23, 1, 30, tzinfo=timezone.utc)
HOST = socket.gethostname()


def lease(pid: int, *, host: str = HOST, beat: datetime = NOW, owner: str = "shopwatch sync",
          shop_id: int = 1) -> SyncLease:
    return SyncLease(shop_id=shop_id, token="t", pid=pid, host=host, owner=owner,
                     started_at=iso(beat), heartbeat_at=iso(beat))


def dead_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- who is gone (pure policy) -------------------------------------------------------------

def test_a_live_owner_with_a_fresh_heartbeat_keeps_its_lease():
    assert not owner_gone(lease(os.getpid()), now=NOW + timedelta(minutes=1), host=HOST)
    assert not owner_gone(lease(os.getppid()), now=NOW, host=HOST)


def test_an_owner_whose_process_is_gone_from_this_computer_is_gone_at_once():
    assert not pid_alive(dead_pid())
    assert owner_gone(lease(dead_pid()), now=NOW, host=HOST)


def test_a_killed_process_nobody_reaped_yet_counts_as_gone():
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs POSIX signals")
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert pid_alive(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while pid_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.01)  # the kernel turns it into a zombie; we do not reap it yet
        assert not pid_alive(proc.pid)
    finally:
        proc.kill()
        proc.wait()


def test_a_silent_owner_is_gone_after_the_timeout_even_if_its_pid_lives():
    # a frozen process, or a pid reused by another program
    assert not owner_gone(lease(os.getpid()), now=NOW + STALE_AFTER, host=HOST)
    assert owner_gone(lease(os.getpid()), now=NOW + STALE_AFTER + timedelta(seconds=1),
                      host=HOST)
    # a heartbeat far in the future (the clock was set back) proves nothing either
    assert owner_gone(lease(os.getpid()), now=NOW - STALE_AFTER - timedelta(seconds=1),
                      host=HOST)


def test_an_owner_on_another_computer_is_judged_by_its_heartbeat_only():
    never = lambda pid: False  # noqa: E731 - any pid would look dead here
    assert not owner_gone(lease(1234, host="other-pc"), now=NOW, host=HOST, alive=never)
    assert owner_gone(lease(1234, host="other-pc"), now=NOW + STALE_AFTER * 2, host=HOST,
                      alive=never)


def test_the_refusal_names_the_owner_and_its_local_start_time():
    held = lease(4242, beat=NOW)
    at = NOW.astimezone().strftime("%H:%M")
    assert busy_message(held, host=HOST) == (
        f"a sync of this shop is already running (started {at} by shopwatch sync, process "
        "4242); nothing was changed. Try again when it has finished.")
    assert "by shopwatch sync, process 4242 on other-pc)" in busy_message(
        lease(4242, host="other-pc"), host=HOST)


@pytest.mark.parametrize("argv,label", [
    (["/usr/bin/shopwatch", "--data-dir", "p", "sync", "--shop", "a"], "shopwatch sync"),
    (["/x/shopwatch/__main__.py", "sync"], "shopwatch sync"),
    (["C:\\Program Files\\shopwatch\\shopwatch.exe"], "the shopwatch app"),
    (["/usr/bin/shopwatch", "gui", "--demo"], "the shopwatch app"),
    (["/usr/bin/shopwatch", "import", "f.csv"], "shopwatch import"),
    (["/venv/lib/pytest/__main__.py", "-q"], "pytest"),
])
def test_the_owner_is_named_after_the_command_that_syncs(argv, label):
    assert process_label(argv) == label


# --- taking the lease in the store ---------------------------------------------------------

@pytest.fixture
def shop_db(tmp_path: Path):
    db = open_db(tmp_path / "shopwatch.db")
    shop = queries.add_shop(db, "s", "taobao", now=iso(NOW), endpoint="http://127.0.0.1:9",
                            app_key="k", sign_method="md5")
    yield db, shop
    db.close()


def test_a_dead_owners_lease_is_taken_over_and_a_live_ones_is_not(shop_db):
    db, shop = shop_db
    with db.atomic():
        queries.put_lease(db, lease(dead_pid(), shop_id=shop.id, beat=now_utc()))
    taken = ShopLease.acquire(db, shop.id, owner="test")
    assert queries.get_lease(db, shop.id).token == taken.lease.token
    with pytest.raises(SyncBusy) as busy:
        ShopLease.acquire(db, shop.id, owner="second")
    assert busy.value.holder.token == taken.lease.token
    taken.release()
    assert queries.get_lease(db, shop.id) is None


def test_of_many_syncs_starting_at_once_exactly_one_gets_the_lease(shop_db, tmp_path: Path):
    _db, shop = shop_db
    n = 6
    start = threading.Barrier(n, timeout=30)
    won: list[str] = []
    refused: list[str] = []

    def contend(i: int) -> None:
        db = open_db(tmp_path / "shopwatch.db")
        try:
            start.wait()
            try:
                ShopLease.acquire(db, shop.id, owner=f"contender {i}")
                won.append(str(i))
            except SyncBusy as exc:
                refused.append(exc.holder.owner)
        finally:
            db.close()

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(won) == 1 and len(refused) == n - 1
    assert set(refused) == {f"contender {won[0]}"}


def test_a_heartbeat_of_a_lease_that_was_taken_over_stops_the_stale_sync(shop_db, monkeypatch):
    from shopwatch.monitor import lease as lease_module
    from shopwatch.monitor.lease import Superseded

    monkeypatch.setattr(lease_module, "BEAT_EVERY_S", 0.0)  # beat at every check
    db, shop = shop_db
    mine = ShopLease.acquire(db, shop.id, owner="stalled")
    mine.beat(force=True)  # still ours
    db.execute("UPDATE sync_leases SET heartbeat_at = ?",
               [iso(now_utc() - STALE_AFTER - timedelta(minutes=1))])
    db.conn.commit()
    theirs = ShopLease.acquire(db, shop.id, owner="newer")
    with pytest.raises(Superseded):
        mine.guard(None)()  # the cancel check the connectors call
    with pytest.raises(Superseded):
        mine.beat(force=True)
    mine.release()  # leaves the new owner's lease alone
    assert queries.get_lease(db, shop.id).token == theirs.lease.token


# --- a real `shopwatch sync` process holding the lease -------------------------------------

@pytest.fixture
def gateway_shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoShop]:
    demo = DemoShop.start(tmp_path, n_listings=200)
    monkeypatch.setenv("SHOPWATCH_APP_SECRET", demo.market.app_secret)
    monkeypatch.setenv("SHOPWATCH_SESSION", demo.market.session)
    try:
        assert demo.sync().status == "ok"
        demo.market.advance(3)
        yield demo
    finally:
        demo.close()


def wait_for(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_cli_refuses_with_exit_3_while_another_process_syncs_and_takes_over_once_it_died(
    gateway_shop: DemoShop, capsys: pytest.CaptureFixture[str]
):
    demo = gateway_shop
    profile = demo.path.parent
    # the child's look-ups hang at the gateway: it stands in its look-up phase holding the lease
    demo.server.set_faults(slow_page=1, slow_seconds=15, fault_method="taobao.item.seller.get")
    child = subprocess.Popen(
        [sys.executable, "-m", "shopwatch", "--data-dir", str(profile), "sync", "--shop",
         demo.shop.name, "--no-notify"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ))
    try:
        wait_for(lambda: demo.server.method_counts.get("taobao.item.seller.get", 0) > 0,
                 "the child's first look-up")
        held = queries.get_lease(demo.db, demo.shop.id)
        assert held is not None and held.pid == child.pid and held.owner == "shopwatch sync"
        [child_run] = [r for r in queries.recent_runs(demo.db, demo.shop.id)
                       if r.status == "running"]

        code = main(["--data-dir", str(profile), "sync", "--shop", demo.shop.name,
                     "--no-notify"])
        out = capsys.readouterr().out
        at = datetime.fromisoformat(held.started_at).astimezone().strftime("%H:%M")
        assert code == 3
        assert out.strip() == (
            f"{demo.shop.name}: a sync of this shop is already running (started {at} by "
            f"shopwatch sync, process {child.pid}); nothing was changed. Try again when it "
            "has finished.")
        code = main(["--data-dir", str(profile), "sync", "--shop", demo.shop.name, "--json",
                     "--no-notify"])
        result = json.loads(capsys.readouterr().out)
        assert code == 3 and result["status"] == "busy" and result["run_id"] == 0
        # the refused attempts touched nothing: the child's run still runs, no run was added
        assert [r.id for r in queries.recent_runs(demo.db, demo.shop.id)
                if r.status == "running"] == [child_run.id]

        child.send_signal(signal.SIGKILL)
        child.wait(30)
        demo.server.clear_faults()
        code = main(["--data-dir", str(profile), "sync", "--shop", demo.shop.name,
                     "--no-notify"])
        assert code == 0, capsys.readouterr().out
        # the dead owner's run, and only now, is marked interrupted
        assert queries.get_run(demo.db, child_run.id).error_kind == "interrupted"
        assert queries.get_lease(demo.db, demo.shop.id) is None
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)


def test_the_apps_sync_job_reports_a_busy_shop_without_recording_a_run(
    gateway_shop: DemoShop,
):
    """The GUI's path (JobRunner -> SyncJob -> monitor.service) respects the lease: a busy
    outcome of its own, not a failed run, and not a 'store' error."""
    from shopwatch.ui.workers import SyncJob

    demo = gateway_shop
    holder = ShopLease.acquire(demo.db, demo.shop.id, owner="shopwatch sync")
    runs_before = len(queries.recent_runs(demo.db, demo.shop.id))
    try:
        outcome = SyncJob(demo.path, demo.shop.id).run(lambda *a: None, lambda: False)
    finally:
        holder.release()
    assert (outcome.status, outcome.error_kind, outcome.recorded) == ("busy", "busy", False)
    assert outcome.error.startswith("a sync of this shop is already running (started ")
    assert "by shopwatch sync, process" in outcome.error
    assert len(queries.recent_runs(demo.db, demo.shop.id)) == runs_before
    assert SyncJob(demo.path, demo.shop.id).run(lambda *a: None, lambda: False).status == "ok"


def test_an_import_into_a_shop_being_synced_is_refused_with_exit_3(tmp_path: Path, capsys):
    """`shopwatch import` writes a shop like a sync does (one run): it takes the same lease."""
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    db = open_db(profile / "shopwatch.db")
    shop = queries.add_shop(db, "files", "file", now=iso(NOW))
    export = tmp_path / "onsale.csv"
    export.write_bytes(("宝贝ID,宝贝标题,价格,库存,状态\r\n"
                        "600123400001,围巾,128.00,3,出售中\r\n").encode("gbk"))
    holder = ShopLease.acquire(db, shop.id, owner="the shopwatch app")
    try:
        code = main(["--data-dir", str(profile), "import", str(export), "--shop", "files"])
        err = capsys.readouterr().err
        assert code == 3
        assert "a sync of this shop is already running (started " in err
        assert "by the shopwatch app, process" in err
        assert queries.load_listings(db, shop.id) == {}
    finally:
        holder.release()
    assert main(["--data-dir", str(profile), "import", str(export), "--shop", "files"]) == 0
    assert list(queries.load_listings(db, shop.id)) == ["600123400001"]
    db.close()
