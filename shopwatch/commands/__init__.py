"""CLI command groups. Each module exposes ``register(subparsers)``, which adds its commands
and sets ``handler`` on them; ``shopwatch.cli`` wires them up in the order listed here.
``COMMAND_OWNERS`` says which module registers each command, so a run imports only the group
it uses (the desktop app then starts without loading python-docx, Apprise…); a test keeps
it in step with what the modules register."""

COMMAND_MODULES = (
    "shopwatch.commands.gui",
    "shopwatch.commands.demo",
    "shopwatch.commands.shops",
    "shopwatch.commands.watch",
    "shopwatch.commands.appeals",
    "shopwatch.commands.imports",
    "shopwatch.commands.notify",
    "shopwatch.commands.health",
    "shopwatch.commands.messages",
    "shopwatch.commands.proof",
)

(_GUI, _DEMO, _SHOPS, _WATCH, _APPEALS, _IMPORTS, _NOTIFY, _HEALTH,
 _MESSAGES, _PROOF) = COMMAND_MODULES

COMMAND_OWNERS = {
    "gui": _GUI,
    "demo": _DEMO, "demo-server": _DEMO,
    "shop": _SHOPS,
    "sync": _WATCH, "listings": _WATCH, "alerts": _WATCH, "ack": _WATCH, "notices": _WATCH,
    "draft": _APPEALS, "poa-check": _APPEALS, "templates": _APPEALS, "appeal": _APPEALS, "evidence": _APPEALS,
    "import": _IMPORTS, "rules": _IMPORTS,
    "notify": _NOTIFY,
    "check": _HEALTH, "restore": _HEALTH, "backup": _HEALTH,
    "watch-messages": _MESSAGES,
    "verify": _PROOF, "history": _PROOF, "exhibit": _PROOF,
    "restore-kit": _PROOF,
}

#: each command's one-line help, in the order ``shopwatch --help`` lists them: the top-level
#: help and ``--version`` are answered from this without importing any group (start-up,
#: issue 16); a test holds it to what the groups register
COMMAND_HELP = {
    "gui": "open the desktop app",
    "demo": "run the demo shop headless and print each day's alerts",
    "demo-server": "serve the demo marketplace on 127.0.0.1 (TOP protocol)",
    "shop": "add, list, edit or remove shops",
    "sync": "sync one shop (or all) now",
    "listings": "show listings and their status",
    "alerts": "show alerts (unacknowledged by default)",
    "ack": "acknowledge alerts",
    "notices": "show penalty and violation notices; 'notices add' stores the text of a notice you received, 'notices edit ID' corrects one, 'notices remove ID' removes one",
    "poa-check": "check an Amazon Plan of Action's evidence file (invoices, suppliers, "
                 "units sold)",
    "draft": "draft an appeal letter for a notice",
    "templates": "list, check and copy appeal letter templates",
    "appeal": "list appeals and record their progress",
    "evidence": "show the evidence recorded for a notice",
    "import": "import export files (listings, traffic, violation records) into a shop",
    "rules": "show the platform rule data, or copy it to edit",
    "notify": "e-mail, webhook and chat alerts: channels, test, send, digest, mute",
    "check": "check the profile database for damage; list backups and free disk space (exit 3 when damaged)",
    "restore": "put back a backup of the profile database; the current file is kept aside, renamed, never deleted",
    "backup": "write a verified backup of the profile database now",
    "watch-messages": "poll the platform's punishment messages (TMC) and alert at once",
    "verify": "check the evidence ledger: every run's hash chain and every stored record (exit 3 names the first broken link)",
    "history": "a listing's whole story: versions, status changes (with the run and the source's words), notices, alerts, traffic",
    "exhibit": "an appeal's exhibit bundle: PDF summary, the raw records, evidence files and a manifest of SHA-256 hashes (.zip)",
    "restore-kit": "listings the platform deleted or delisted, as a 淘宝助理 data package (.csv) to put them back up after the appeal",
}
