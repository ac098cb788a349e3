"""Schema migrations: ordered functions in a sqlite-utils ``Migrations`` set.

``PRAGMA user_version`` mirrors how many migrations ran, so a database written by a newer
shopwatch is recognised and refused untouched. A copy of the file is made before migrating."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils import Migrations


class _MigrationSet:
    """sqlite-utils' ``Migrations`` set, registered with its decorator but made only when it is
    used: importing sqlite-utils costs ~60 ms, and opening an up-to-date profile (every
    launch of the app on the way to its first paint) only needs to know that nothing is
    pending (``up_to_date``). Everything else (``pending``, ``apply``, ``applied``) is the
    real set's."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._registered: list[tuple[str, Callable[..., Any], bool]] = []
        self._set: Migrations | None = None

    def __call__(self, *, name: str | None = None,
                 transactional: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def register(fn: Callable[..., Any]) -> Callable[..., Any]:
            self._registered.append((name or fn.__name__, fn, transactional))
            if self._set is not None:
                self._set(name=name or fn.__name__, transactional=transactional)(fn)
            return fn

        return register

    def real(self) -> Migrations:
        if self._set is None:
            from sqlite_utils import Migrations

            made = Migrations(self.name)
            for name, fn, transactional in self._registered:
                made(name=name, transactional=transactional)(fn)
            self._set = made
        return self._set

    def __getattr__(self, attr: str) -> Any:  # only for what this class does not define
        if attr.startswith("__") or attr in ("name", "_registered", "_set"):
            raise AttributeError(attr)  # not set yet (a copy being made): never recurse
        return getattr(self.real(), attr)

    def up_to_date(self, db: sqlite_utils.Database) -> bool:
        """True when every migration is recorded as applied: what ``pending(db) == []`` says,
        read with the same two queries sqlite-utils makes (does the record table exist, which
        names of this set does it hold)."""
        exists = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?",
                            [MIGRATIONS_TABLE]).fetchone()
        if exists is None:
            return not self._registered
        applied = {row[0] for row in db.execute(
            f"SELECT name FROM [{MIGRATIONS_TABLE}] WHERE migration_set = ?", [self.name])}
        return all(name in applied for name, _fn, _transactional in self._registered)


#: where sqlite-utils records the migrations applied (``Migrations.migrations_table``)
MIGRATIONS_TABLE = "_sqlite_migrations"
migrations = _MigrationSet("shopwatch")


@migrations(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    # Raw DDL: sqlite-utils' create() has no ON DELETE CASCADE or composite unique keys.
    db.executescript(
        """
        CREATE TABLE shops (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            platform TEXT NOT NULL,
            endpoint TEXT,
            app_key TEXT,
            sign_method TEXT NOT NULL DEFAULT 'md5',
            settings TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE TABLE sync_runs (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
            listings INTEGER,
            pages INTEGER,
            changed INTEGER,
            versions INTEGER,
            error TEXT,
            error_kind TEXT
        );
        CREATE INDEX idx_sync_runs_shop ON sync_runs(shop_id, id);
        CREATE TABLE listings (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            listing_id TEXT NOT NULL,
            title TEXT NOT NULL,
            price TEXT,
            currency TEXT NOT NULL DEFAULT 'CNY',
            quantity INTEGER,
            url TEXT,
            category TEXT,
            pic_url TEXT,
            outer_id TEXT,
            status TEXT NOT NULL,
            search_status TEXT NOT NULL DEFAULT 'normal',
            first_seen TEXT NOT NULL,
            last_seen TEXT,
            missing_since TEXT,
            status_changed_at TEXT,
            content_hash TEXT NOT NULL,
            last_run_id INTEGER,
            PRIMARY KEY (shop_id, listing_id)
        );
        CREATE INDEX idx_listings_status ON listings(shop_id, status);
        CREATE TABLE listing_versions (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL,
            listing_id TEXT NOT NULL,
            title TEXT NOT NULL,
            price TEXT,
            quantity INTEGER,
            status TEXT NOT NULL,
            search_status TEXT NOT NULL,
            category TEXT,
            url TEXT,
            content_hash TEXT NOT NULL,
            valid_from_run INTEGER NOT NULL,
            valid_to_run INTEGER,
            recorded_at TEXT NOT NULL,
            FOREIGN KEY (shop_id, listing_id) REFERENCES listings(shop_id, listing_id)
                ON DELETE CASCADE
        );
        CREATE INDEX idx_versions_listing ON listing_versions(shop_id, listing_id, id);
        CREATE TABLE listing_metrics (
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            listing_id TEXT NOT NULL,
            day TEXT NOT NULL,
            impressions INTEGER,
            visits INTEGER,
            page_views INTEGER,
            keyword_rank INTEGER,
            PRIMARY KEY (shop_id, listing_id, day)
        );
        CREATE INDEX idx_metrics_day ON listing_metrics(shop_id, day);
        CREATE TABLE notices (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            source_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            points INTEGER NOT NULL DEFAULT 0,
            category TEXT NOT NULL DEFAULT 'general',
            listing_id TEXT,
            issued_at TEXT,
            appeal_deadline TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (shop_id, source_id)
        );
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            listing_id TEXT,
            notice_id INTEGER REFERENCES notices(id) ON DELETE SET NULL,
            run_id INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
            dedup_key TEXT NOT NULL,
            message TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            acknowledged_at TEXT,
            UNIQUE (shop_id, dedup_key)
        );
        CREATE INDEX idx_alerts_open ON alerts(shop_id, acknowledged_at, id);
        CREATE TABLE appeals (
            id INTEGER PRIMARY KEY,
            notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
            template TEXT NOT NULL,
            language TEXT NOT NULL,
            body TEXT NOT NULL,
            evidence TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'submitted', 'accepted', 'rejected')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            submitted_at TEXT
        );
        """
    )


@migrations(name="0002_notify_outbox")
def _notify_outbox(db: sqlite_utils.Database) -> None:
    """Remote notifications (issue 9): an outbox filled at sync time without any network, and
    the messages a separate dispatcher sends, with every attempt recorded.

    One statement per execute() (not executescript, which commits on its own) so the whole
    migration stays inside the transaction Migrations.apply() opens. Channels are referred to by
    their id from the settings; their URLs (which may hold secrets) never reach this file."""
    for statement in (
        """
        CREATE TABLE notify_messages (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('alert', 'group', 'summary', 'digest')),
            severity TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'en',
            alert_count INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            claimed_at TEXT,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT
        )
        """,
        "CREATE INDEX idx_notify_messages_due ON notify_messages(status, next_attempt_at)",
        "CREATE INDEX idx_notify_messages_channel ON notify_messages(channel, id)",
        """
        CREATE TABLE notify_outbox (
            id INTEGER PRIMARY KEY,
            alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
            channel TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('immediate', 'digest')),
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'composed', 'sent', 'failed', 'skipped')),
            message_id INTEGER REFERENCES notify_messages(id) ON DELETE SET NULL,
            reason TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (alert_id, channel)
        )
        """,
        "CREATE INDEX idx_notify_outbox_pending ON notify_outbox(status, channel, mode)",
        "CREATE INDEX idx_notify_outbox_message ON notify_outbox(message_id)",
        """
        CREATE TABLE notify_attempts (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL REFERENCES notify_messages(id) ON DELETE CASCADE,
            attempted_at TEXT NOT NULL,
            ok INTEGER NOT NULL,
            error TEXT,
            elapsed_ms INTEGER
        )
        """,
        "CREATE INDEX idx_notify_attempts_message ON notify_attempts(message_id, id)",
        "CREATE TABLE notify_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ):
        db.execute(statement)


@migrations(name="0003_notify_seen")
def _notify_seen(db: sqlite_utils.Database) -> None:
    """Which alerts the notification outbox has already routed. A marker row per alert,
    deleted with its alert, rather than an id watermark: SQLite reuses the highest ids after
    deletions (a shop removed and added again, the demo reset), and a watermark would then
    silently skip the new alerts. Alerts that exist when this runs count as seen: they are
    history, not news, for channels set up from now on."""
    db.execute(
        "CREATE TABLE notify_seen (alert_id INTEGER PRIMARY KEY"
        " REFERENCES alerts(id) ON DELETE CASCADE, seen_at TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO notify_seen (alert_id, seen_at) SELECT id, created_at FROM alerts"
    )


@migrations(name="0004_run_origin")
def _run_origin(db: sqlite_utils.Database) -> None:
    """Whether a run was a sync of the shop's source or an import of notices or traffic into a
    shop that has its own source: an import must not count as that shop's last successful sync
    (the scheduler would skip a real one) nor end a streak of failing syncs."""
    db.execute("ALTER TABLE sync_runs ADD COLUMN origin TEXT NOT NULL DEFAULT 'sync'")


@migrations(name="0005_sync_leases")
def _sync_leases(db: sqlite_utils.Database) -> None:
    """One writer per shop (issue 12): the sync holding a shop's lease, with what it takes to
    tell a live owner from a dead one (process id, host, heartbeat). A row, not a lock file,
    so it is read and taken in the same transaction as the runs it guards."""
    db.execute(
        """
        CREATE TABLE sync_leases (
            shop_id INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
            token TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            owner TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL
        )
        """
    )


@migrations(name="0006_notice_listings")
def _notice_listings(db: sqlite_utils.Database) -> None:
    """Every listing a notice names (issue 13): a notice about several listings is linked to
    each of them. ``notices.listing_id`` stays the first one, the listing alerts and appeals
    refer to. Existing notices are linked to their one listing."""
    db.execute(
        "CREATE TABLE notice_listings ("
        " notice_id INTEGER NOT NULL REFERENCES notices(id) ON DELETE CASCADE,"
        " shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,"
        " listing_id TEXT NOT NULL,"
        " position INTEGER NOT NULL DEFAULT 0,"
        " PRIMARY KEY (notice_id, listing_id))"
    )
    db.execute("CREATE INDEX idx_notice_listings_listing ON notice_listings(shop_id, listing_id)")
    db.execute(
        "INSERT INTO notice_listings (notice_id, shop_id, listing_id, position)"
        " SELECT id, shop_id, listing_id, 0 FROM notices WHERE listing_id IS NOT NULL"
        " AND listing_id != ''"
    )


@migrations(name="0007_two_pass_sync")
def _two_pass_sync(db: sqlite_utils.Database) -> None:
    """Two-pass sync (issue 15): each listing keeps the source's own last-modified stamp, so a
    re-sync fetches full rows only for listings whose stamp moved; each run records whether it
    read every row in full, so the periodic full read (changes that do not move the stamp) is
    scheduled from the last one. Existing listings have no stamp yet: the next sync reads them
    in full once."""
    db.execute("ALTER TABLE listings ADD COLUMN source_modified TEXT")
    db.execute("ALTER TABLE sync_runs ADD COLUMN full_read INTEGER")


@migrations(name="0008_tmc_messages")
def _tmc_messages(db: sqlite_utils.Database) -> None:
    """Punishment messages (issue 15): every TMC message as received, kept raw, once per shop
    and message id (a redelivered or replayed message finds its row and changes nothing), with
    what it led to; and the topics each shop was subscribed to."""
    for statement in (
        """
        CREATE TABLE tmc_messages (
            id INTEGER PRIMARY KEY,
            shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
            message_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            pub_time TEXT,
            listing_id TEXT,
            raw TEXT NOT NULL,
            received_at TEXT NOT NULL,
            outcome TEXT NOT NULL,
            UNIQUE (shop_id, message_id)
        )
        """,
        "CREATE INDEX idx_tmc_messages_listing ON tmc_messages(shop_id, listing_id)",
        """
        CREATE TABLE tmc_permits (
            shop_id INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
            topics TEXT NOT NULL,
            permitted_at TEXT NOT NULL
        )
        """,
    ):
        db.execute(statement)


@migrations(name="0009_listing_amazon")
def _listing_amazon(db: sqlite_utils.Database) -> None:
    """An Amazon listing's ASIN and its Listings Items issues (JSON list of {code, severity,
    message, actions}); NULL for other platforms."""
    db.execute("ALTER TABLE listings ADD COLUMN asin TEXT")
    db.execute("ALTER TABLE listings ADD COLUMN issues TEXT")


@migrations(name="0010_ledger")
def _ledger(db: sqlite_utils.Database) -> None:
    """The evidence ledger (issue 18): the source's raw record of each listing, stored once per
    distinct content (SHA-256 of its canonical JSON, zlib-compressed), and per complete run a
    hash chaining the previous run's hash with what changed in what the run saw. Entries hold
    only a run's changes (listing -> record hash, status): the full view of any run is the
    replay of its predecessors, so an unchanged listing costs nothing."""
    db.execute(
        "CREATE TABLE ledger_records (hash TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE ledger_runs ("
        " run_id INTEGER PRIMARY KEY REFERENCES sync_runs(id) ON DELETE CASCADE,"
        " shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,"
        " recorded_at TEXT NOT NULL,"
        " seen INTEGER NOT NULL,"
        " prev_hash TEXT,"
        " run_hash TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX idx_ledger_runs_shop ON ledger_runs(shop_id, run_id)")
    db.execute(
        "CREATE TABLE ledger_entries ("
        " run_id INTEGER NOT NULL REFERENCES ledger_runs(run_id) ON DELETE CASCADE,"
        " listing_id TEXT NOT NULL,"
        " record_hash TEXT,"
        " status TEXT NOT NULL,"
        " PRIMARY KEY (run_id, listing_id)) WITHOUT ROWID"
    )


@migrations(name="0011_compact_metrics")
def _compact_metrics(db: sqlite_utils.Database) -> None:
    """Daily traffic in a third of the space (issue 16): a year of 10,000 listings with the
    default retention made the profile 131 MB, most of it ``listing_metrics`` rows that repeated
    the listing id and the day as text, plus a second index over them.

    ``metric_listings`` gives each (shop, listing id) a small integer key; ``metric_days`` holds
    one row per key and day (days since 1970-01-01) in a ``WITHOUT ROWID`` table keyed
    (shop, day, key), so each day's rows are appended in order and retention deletes the oldest
    pages. ``listing_metrics`` stays as a read-only view of the old shape for readers of the
    file (exports, tests, older tools). Every stored value is copied, zeros and NULLs as they
    were; a row whose day is not a calendar date (never written by shopwatch) could not be
    keyed by day and is left out."""
    for statement in (
        "CREATE TABLE metric_listings ("
        " key INTEGER PRIMARY KEY,"
        " shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,"
        " listing_id TEXT NOT NULL,"
        " UNIQUE (shop_id, listing_id))",
        "CREATE TABLE metric_days ("
        " shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,"
        " day INTEGER NOT NULL,"
        " key INTEGER NOT NULL,"
        " impressions INTEGER, visits INTEGER, page_views INTEGER, keyword_rank INTEGER,"
        " PRIMARY KEY (shop_id, day, key)) WITHOUT ROWID",
        "INSERT INTO metric_listings (shop_id, listing_id)"
        " SELECT DISTINCT shop_id, listing_id FROM listing_metrics ORDER BY shop_id, listing_id",
        "INSERT INTO metric_days (shop_id, day, key, impressions, visits, page_views,"
        " keyword_rank) SELECT m.shop_id, CAST(julianday(m.day) - 2440587.5 AS INTEGER), k.key,"
        " m.impressions, m.visits, m.page_views, m.keyword_rank FROM listing_metrics m"
        " JOIN metric_listings k ON k.shop_id = m.shop_id AND k.listing_id = m.listing_id"
        " WHERE julianday(m.day) IS NOT NULL ORDER BY 1, 2, 3",
        "DROP TABLE listing_metrics",
        "CREATE VIEW listing_metrics AS SELECT d.shop_id AS shop_id, k.listing_id AS listing_id,"
        " date(d.day * 86400, 'unixepoch') AS day, d.impressions AS impressions,"
        " d.visits AS visits, d.page_views AS page_views, d.keyword_rank AS keyword_rank"
        " FROM metric_days d JOIN metric_listings k ON k.key = d.key",
    ):
        db.execute(statement)


@migrations(name="0012_ledger_packs")
def _ledger_packs(db: sqlite_utils.Database) -> None:
    """The evidence ledger in a fraction of the space (issues 16 and 18): records first stored
    by the same run are compressed together in ``ledger_packs`` (store/ledger_pack.py), and
    record hashes are kept as their 32 bytes instead of 64 hex digits. Every record is carried
    over byte for byte, as its run stored it, so every chain link and record hash that held
    still holds and every one that was broken is still broken at the same run: a record whose
    body does not decompress keeps that body, a hash that is no hex digest stays as written."""
    from shopwatch.store.ledger_pack import PACK_RECORDS, hash_key, pack

    for statement in (
        "CREATE TABLE ledger_packs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)",
        # pack/part name a packed record; body holds a record stored alone (schema 10's zlib)
        "CREATE TABLE ledger_records_v12 (hash BLOB PRIMARY KEY, pack INTEGER, part INTEGER,"
        " body BLOB) WITHOUT ROWID",
        "CREATE TABLE ledger_entries_v12 ("
        " run_id INTEGER NOT NULL REFERENCES ledger_runs(run_id) ON DELETE CASCADE,"
        " listing_id TEXT NOT NULL,"
        " record_hash BLOB,"
        " status TEXT NOT NULL,"
        " PRIMARY KEY (run_id, listing_id)) WITHOUT ROWID",
    ):
        db.execute(statement)
    db.conn.executemany(
        "INSERT INTO ledger_entries_v12 VALUES (?, ?, ?, ?)",
        ((run, lid, hash_key(h) if isinstance(h, str) else h, status) for run, lid, h, status
         in db.execute("SELECT run_id, listing_id, record_hash, status FROM ledger_entries"
                       " ORDER BY run_id, listing_id").fetchall()))
    # in the order the runs first named them, so a run's records share packs as when written
    rows = db.execute(
        "SELECT r.hash, r.body FROM ledger_records r LEFT JOIN (SELECT record_hash,"
        " MIN(run_id) AS run, MIN(listing_id) AS lid FROM ledger_entries GROUP BY record_hash)"
        " f ON f.record_hash = r.hash ORDER BY f.run IS NULL, f.run, f.lid, r.hash").fetchall()
    batch: list[tuple[object, bytes]] = []

    def flush() -> None:
        pack_id = db.execute("INSERT INTO ledger_packs (body) VALUES (?)",
                             [pack([text for _, text in batch])]).lastrowid
        db.conn.executemany("INSERT INTO ledger_records_v12 (hash, pack, part) VALUES (?, ?, ?)",
                            [(key, pack_id, i) for i, (key, _) in enumerate(batch)])
        batch.clear()

    for stored, body in rows:
        key = hash_key(stored) if isinstance(stored, str) else stored
        try:
            text = zlib.decompress(body)
        except (zlib.error, TypeError):
            db.execute("INSERT INTO ledger_records_v12 (hash, body) VALUES (?, ?)", [key, body])
            continue
        batch.append((key, text))
        if len(batch) == PACK_RECORDS:
            flush()
    if batch:
        flush()
    for statement in (
        "DROP TABLE ledger_entries",
        "DROP TABLE ledger_records",
        "ALTER TABLE ledger_entries_v12 RENAME TO ledger_entries",
        "ALTER TABLE ledger_records_v12 RENAME TO ledger_records",
    ):
        db.execute(statement)


@migrations(name="0013_ledger_checks")
def _ledger_checks(db: sqlite_utils.Database) -> None:
    """The latest check of each shop's evidence ledger (issue 18: the app verifies the chain
    weekly and the Overview says when, and whether it held). One row per shop, replaced by
    each check, whether the app or ``shopwatch verify`` made it."""
    db.execute(
        "CREATE TABLE ledger_checks ("
        " shop_id INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,"
        " checked_at TEXT NOT NULL,"
        " intact INTEGER NOT NULL,"
        " runs INTEGER NOT NULL,"
        " records INTEGER NOT NULL,"
        " head TEXT,"
        " broken_run INTEGER,"
        " broken_what TEXT,"
        " message TEXT)"
    )


@migrations(name="0014_listing_presence")
def _listing_presence(db: sqlite_utils.Database) -> None:
    """A re-sync in which nothing changed rewrote every present listing's row only to move
    ``last_seen`` (with WAL and checkpoint, most of such a sync's disk writes). Instead a
    complete run records once per shop that it saw every present listing: a present listing
    last written before that run reads that run's time as its ``last_seen``
    (``store/queries/listings.py``). Rows written from now on keep their own stamp too."""
    db.execute(
        "CREATE TABLE listing_presence ("
        " shop_id INTEGER PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,"
        " run_id INTEGER NOT NULL,"
        " seen_at TEXT NOT NULL)")


#: the schema version this code writes (one per migration; a test keeps them in step); a file
#: with a higher user_version is from the future
SCHEMA_VERSION = 14


class SchemaTooNew(sqlite3.DatabaseError):
    pass


def _user_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def backup(db: sqlite_utils.Database, path: Path) -> Path:
    """A consistent, verified copy via SQLite's online backup API, in ``backups/`` beside the
    file (``shopwatch.store.backups`` writes it under a temporary name, renamed when whole)."""
    from shopwatch.store.backups import write_backup

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    return write_backup(db.conn, Path(path), f"{path.stem}-v{_user_version(db)}-{stamp}.db")


def check_version(db: sqlite_utils.Database) -> None:
    version = _user_version(db)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"this database was written by a newer shopwatch (schema {version}, "
            f"this version understands {SCHEMA_VERSION}); update shopwatch to open it. "
            "The file was not changed"
        )


def migrate(db: sqlite_utils.Database, path: Path | None = None) -> Path | None:
    """Apply pending migrations; return the backup made, if any."""
    check_version(db)
    # known without importing sqlite-utils (a test may swap in a set of its own)
    up_to_date = (migrations.up_to_date(db) if isinstance(migrations, _MigrationSet)
                  else not migrations.pending(db))
    if up_to_date:
        if _user_version(db) < SCHEMA_VERSION:
            # stopped (killed, power cut) after the last migration committed and before the
            # version below was written: nothing is pending, the version says otherwise
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return None
    made = None
    has_data = bool(db.table_names())
    if path is not None and has_data and str(path) != ":memory:":
        made = backup(db, Path(path))
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return made
