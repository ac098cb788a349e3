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
    "draft": _APPEALS, "templates": _APPEALS, "appeal": _APPEALS, "evidence": _APPEALS,
    "import": _IMPORTS, "rules": _IMPORTS,
    "notify": _NOTIFY,
    "check": _HEALTH, "restore": _HEALTH, "backup": _HEALTH,
    "watch-messages": _MESSAGES,
    "verify": _PROOF, "history": _PROOF, "exhibit": _PROOF,
    "restore-kit": _PROOF,
}
