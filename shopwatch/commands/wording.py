"""The command line's wording of hints that the lower layers phrase for the desktop app.

Connectors, the keychain and the channels say where to fix a problem in the app ("Check the
endpoint in Settings"); run from the command line, the same hint names the command that fixes
it. A test reads every such hint in the package and holds this table to it."""

from __future__ import annotations

import re

#: (the app's wording, the command line's), most specific first; {shop} is the shop's name
_HINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"Check the endpoint in Settings",
     "Check the endpoint: 'shopwatch shop edit {shop} --endpoint URL'"),
    (r"Re-authorise the shop in Settings",
     "Re-authorise the shop, then store the new session key with "
     "'shopwatch shop set-secret {shop} --which session'"),
    (r"Check the app key and app secret in Settings",
     "Check the app key ('shopwatch shop edit {shop} --app-key KEY') and the app secret "
     "('shopwatch shop set-secret {shop} --which app_secret')"),
    (r"edit it in Settings",
     "set them with 'shopwatch shop edit {shop} --endpoint URL --app-key KEY'"),
    (r"Add it in Settings \(stored in the system keychain\)",
     "Store it with 'shopwatch shop set-secret {shop}' (kept in the system keychain)"),
    (r"Add it again in Settings",
     "Add it again with 'shopwatch notify channels edit NAME --url -'"),
))

_SHOP = re.compile(r"[Ss]hop '([^']+)'")


def for_cli(text: str | None, *, shop: str | None = None) -> str:
    """``text`` with each app-only hint replaced by the command that does the same. The shop
    is ``shop``, else the one the text names ("Shop 'x' …"), else a NAME placeholder."""
    if not text:
        return text or ""
    if shop is None:
        named = _SHOP.search(text)
        shop = named.group(1) if named else "NAME"
    quoted = shop if re.fullmatch(r"[\w.-]+", shop) else '"' + shop.replace('"', '\\"') + '"'
    for pattern, replacement in _HINTS:
        text = pattern.sub(lambda _m, r=replacement: r.format(shop=quoted), text)
    return text
