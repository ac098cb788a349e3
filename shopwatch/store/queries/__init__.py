"""Typed reads and writes. Every function takes the database explicitly and returns
``models`` dataclasses; SQL lives only in this package. Callers use ``queries.<function>``;
the modules below group them by table."""

from shopwatch.store.queries._base import NotFound  # noqa: F401
from shopwatch.store.queries.alerts import (  # noqa: F401
    ALERT_COLUMNS,
    acknowledge_alerts,
    alerts_for_notice,
    delete_alerts,
    existing_alert_ids,
    insert_alerts,
    list_alerts,
)
from shopwatch.store.queries.appeals import (  # noqa: F401
    APPEAL_COLUMNS,
    APPEAL_TO_NOTICE_STATUS,
    delete_appeal,
    get_appeal,
    latest_appeal,
    list_appeals,
    reopen_appeal,
    save_appeal,
    set_appeal_status,
)
from shopwatch.store.queries.leases import (  # noqa: F401
    beat_lease,
    drop_lease,
    get_lease,
    holds_lease,
    put_lease,
)
from shopwatch.store.queries.ledger import (  # noqa: F401
    PackedAhead,
    RecordTexts,
    insert_ledger_run,
    known_record_hashes,
    known_record_keys,
    last_ledger_run,
    ledger_check,
    ledger_entries,
    ledger_heads,
    ledger_record_text,
    ledger_runs,
    ledger_shop_ids,
    listing_statuses,
    save_ledger_check,
    store_ledger_records,
)
from shopwatch.store.queries.listing_delta import (  # noqa: F401
    NEW_LISTING_COLUMNS,
    NEW_VERSION_COLUMNS,
    insert_new_listings,
    last_full_read,
    listing_titles,
    load_compared,
    load_lean_listings,
    load_listings_by_id,
    mark_full_read,
    set_source_modified,
)
from shopwatch.store.queries.listings import (  # noqa: F401
    LISTING_COLUMNS,
    count_by_status,
    count_versions,
    get_listing,
    list_listings,
    listing_versions,
    load_listings,
    touch_present_listings,
    write_listings,
)
from shopwatch.store.queries.metrics import (  # noqa: F401
    latest_metric_day,
    listing_metric_series,
    metrics_history,
    prune_metrics,
    upsert_metrics,
)
from shopwatch.store.queries.notices import (  # noqa: F401
    NOTICE_COLUMNS,
    NOTICE_SELECT,
    delete_notice,
    get_notice,
    list_notices,
    set_notice_status,
    update_notice,
    upsert_notices,
)
from shopwatch.store.queries.notify import (  # noqa: F401
    MESSAGE_COLUMNS,
    MESSAGE_STATUSES,
    OUTBOX_COLUMNS,
    OUTBOX_STATUSES,
    ComposeConflict,
    NotifyAttempt,
    NotifyMessage,
    OutboxItem,
    alerts_by_id,
    cancel_messages,
    claim_due_messages,
    compose_message,
    enqueue_notifications,
    get_notify_message,
    list_notify_messages,
    mark_alerts_seen,
    message_alert_ids,
    notify_attempts,
    notify_counts,
    notify_state_get,
    notify_state_set,
    notify_state_swap,
    outbox_items,
    prune_notifications,
    record_delivery_attempt,
    release_message,
    retry_failed_messages,
    set_outbox_mode,
    skip_outbox,
    unseen_alerts,
    withdraw_notifications,
)
from shopwatch.store.queries.runs import (  # noqa: F401
    failure_streak,
    finish_run,
    get_run,
    last_run,
    mark_interrupted_runs,
    newer_ok_run,
    recent_runs,
    start_run,
)
from shopwatch.store.queries.shops import (  # noqa: F401
    add_shop,
    delete_shop,
    get_shop,
    get_shop_by_id,
    list_shops,
    update_shop,
)
from shopwatch.store.queries.timeline import (  # noqa: F401
    alerts_for_listing,
    run_times,
    shops_with_listing,
)
from shopwatch.store.queries.tmc import (  # noqa: F401
    StoredMessage,
    list_messages,
    message_seen,
    permitted_topics,
    save_permit,
    store_message,
)
from shopwatch.store.queries.views import (  # noqa: F401
    LISTING_SORT_KEYS,
    active_listings_per_day,
    alerts_per_day,
    count_open_alerts,
    indexed_listing_keys,
    listing_key,
    listing_keys,
    listings_by_keys,
    notices_for_listing,
    upcoming_deadlines,
    warm_listing_search,
)
