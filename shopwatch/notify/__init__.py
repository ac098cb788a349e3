"""Reaching the seller away from the desk: e-mail, webhooks and chat (through Apprise),
urgent alerts at once, the rest in a daily digest, quiet hours and mutes.

Layout: ``prefs`` (what the seller chose), ``channels`` (URLs: keychain, masking, scrubbing),
``policy`` (pure decisions), ``render`` (sandboxed templates), ``outbox`` (database only),
``dispatch`` + ``sender`` (the network), ``service`` (entry points for the CLI and the app).
A sync only ever enqueues; sending happens separately and can never block or fail a sync."""
