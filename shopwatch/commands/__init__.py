"""CLI command groups. Each module exposes ``register(subparsers)``, which adds its commands
and sets ``handler`` on them; ``shopwatch.cli`` wires them up in the order listed here."""

COMMAND_MODULES = (
    "shopwatch.commands.gui",
    "shopwatch.commands.demo",
    "shopwatch.commands.shops",
    "shopwatch.commands.watch",
    "shopwatch.commands.appeals",
    "shopwatch.commands.imports",
    "shopwatch.commands.notify",
)
