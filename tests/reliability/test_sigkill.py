"""The process killed (SIGKILL) at random moments during real syncs: the file stays sound, the
store holds either the state before the run or the run's complete result, never a mixture, and
the next sync is correct.

Each sync runs in a child process (``sync_worker.py``) against a demo gateway served by this
test process. Kill moments are drawn from a calibrated sync duration: half uniformly over the
whole run, half over the stretch from the end of the fetch (the worker says when) to the
commit, where a torn write would do harm. Besides, every fourth kill lands while the worker
is held in the fetch and every fourth inside the open write transaction, so both moments are
always covered however fast or loaded the machine is. The next worker is started while the previous kill is checked, so Python's
start-up costs no wall time."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from shopwatch.store import queries
from shopwatch.store.db import open_db

from .support import (
    DemoShop,
    integrity,
    listing_state,
    mismatches,
    sim_now,
    table_digest,
    version_chain_problems,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

KILLS = 50
SEED = 20261123
WORKER = Path(__file__).with_name("sync_worker.py")


class Worker:
    """One child process, imported and waiting for the word to sync."""

    def __init__(self, demo: DemoShop) -> None:
        env = {**os.environ, "SW_APP_KEY": demo.market.app_key,
               "SW_APP_SECRET": demo.market.app_secret, "SW_SESSION": demo.market.session}
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), "--db", str(demo.path), "--shop", demo.shop.name,
             "--endpoint", demo.server.endpoint],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=env,
        )
        self.last_word = ""

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise AssertionError(f"worker died: {self.proc.stderr.read() if self.proc.stderr else ''}")
        self.last_word = line.strip()
        return self.last_word

    def start_sync(self, now_iso: str, hold: str | None = None) -> None:
        assert self._line() == "ready"
        assert self.proc.stdin is not None
        self.proc.stdin.write(now_iso + (f" hold={hold}" if hold else "") + "\n")
        self.proc.stdin.flush()
        assert self._line() == "go"

    def finish(self) -> dict[str, Any]:
        line = self._line()
        while not line.startswith("{"):  # progress words before the report
            line = self._line()
        report = json.loads(line)
        self.proc.wait(timeout=30)
        return report

    def kill(self) -> str:
        """SIGKILL; returns the last word the worker said: ``go`` (fetching), ``fetched``,
        ``writing`` (inside the transaction), ``committing``, or ``finished``."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        assert self.proc.stdout is not None
        said = [self.last_word, *self.proc.stdout.read().splitlines()]
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        if self.proc.returncode != -signal.SIGKILL or said[-1].startswith("{"):
            return "finished"
        return said[-1].strip()


def observable(db: sqlite_utils.Database, shop_id: int) -> dict[str, Any]:
    """Everything a run writes, minus the bookkeeping every run moves (last_run_id)."""
    return {
        "listings": listing_state(db, shop_id),
        "versions": queries.count_versions(db),
        "notices": table_digest(db, "notices"),
        "metrics": table_digest(db, "listing_metrics"),
    }


def test_sigkill_at_random_moments_never_corrupts_or_tears_a_run(tmp_path: Path):
    rng = random.Random(SEED)
    demo = DemoShop.start(tmp_path, n_listings=300)
    try:
        assert demo.sync().status == "ok"
        demo.db.close()

        # Calibrate: one sync in a worker, run to completion, timed from "go".
        demo.market.advance()
        worker = Worker(demo)
        worker.start_sync(sim_now(demo.market).isoformat())
        timing = worker.finish()
        assert timing["status"] == "ok", timing
        fetched, saved = timing["fetched"], timing["saved"]

        outcomes: Counter[str] = Counter()
        worker = Worker(demo)
        for kill_no in range(KILLS):
            demo.market.advance()
            now = sim_now(demo.market)
            db = open_db(demo.path)
            before = observable(db, demo.shop.id)
            db.close()

            held = {0: "fetch", 1: "write"}.get(kill_no % 4)
            worker.start_sync(now.isoformat(), hold=held)
            if held == "fetch":
                aim, delay = "the fetch (held)", 0.0
            elif held == "write":
                aim, delay = "the open transaction (held)", 0.0
                assert worker._line() == "fetched"
                assert worker._line() == "writing"
            elif rng.random() < 0.5:
                aim = "anywhere"
                delay = rng.uniform(0, saved * 1.2)
            else:
                aim = "the write"
                assert worker._line() == "fetched"
                delay = rng.uniform(0, (saved - fetched) * 2.0)
            if delay:
                try:
                    worker.proc.wait(timeout=delay)
                except subprocess.TimeoutExpired:
                    pass
            moment = worker.kill()
            next_worker = Worker(demo)  # imports while we check this kill

            where = f"kill {kill_no}, aimed at {aim}, after {delay:.3f}s (seed {SEED})"
            assert integrity(demo.path) == "ok", where
            db = open_db(demo.path)
            after_kill = observable(db, demo.shop.id)
            killed_run = queries.recent_runs(db, demo.shop.id, limit=1)[0]

            following = demo.sync(db=db)
            assert following.status == "ok", (where, following.error)
            assert mismatches(db, demo.shop.id, demo.market) == [], where
            assert version_chain_problems(db, demo.shop.id) == [], where
            complete = observable(db, demo.shop.id)
            where += f", worker last said {moment!r}"
            if held:
                assert moment == {"fetch": "go", "write": "writing"}[held], where
                assert after_kill == before, f"{where}: a held run left changes"
            if after_kill == before:
                assert moment != "finished", where
                assert killed_run.status in ("running", "ok"), where
                if killed_run.status == "running":
                    assert queries.get_run(db, killed_run.id).error_kind == "interrupted", where
                outcomes[f"killed at {moment}: rolled back"] += 1
            else:
                assert after_kill == complete, f"{where}: a run was saved in part"
                assert killed_run.status == "ok", where
                outcomes[f"killed at {moment}: committed"] += 1
            gone_alerts = Counter(a.listing_id for a in queries.list_alerts(
                db, shop_id=demo.shop.id, include_acknowledged=True) if a.kind == "deleted")
            assert max(gone_alerts.values(), default=1) == 1, f"{where}: a deletion alerted twice"
            db.close()
            worker = next_worker

        worker.proc.stdin.close()  # type: ignore[union-attr]
        worker.proc.wait(timeout=30)
        print(f"SIGKILL outcomes over {KILLS} syncs: {dict(outcomes)}; "
              f"calibrated fetch {fetched:.3f}s, saved at {saved:.3f}s")
        # The held kills alone cover the fetch and the open write transaction.
        assert outcomes["killed at go: rolled back"] >= KILLS // 4, outcomes
        assert outcomes["killed at writing: rolled back"] >= KILLS // 4, outcomes
    finally:
        demo.server.stop()
