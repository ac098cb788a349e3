"""Masking secrets in any text that could be shown, logged or stored: each secret in every form
a server might echo it back in (percent-encoded with ``+`` or ``%20``, in either hex case, twice
encoded, JSON-escaped, base64, HTML-escaped), and only whole secrets: ordinary words are never
cut into (a short secret "sand" leaves "sandbox" alone)."""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

MASK = "***"
#: shorter pieces would shred ordinary words and protect nothing
MIN_SECRET = 3
#: a form at least this long cannot be part of an ordinary word: masked wherever it occurs,
#: even glued to other text ("session%3D6100ab…" in an echoed request body)
ANYWHERE = 12

_PERCENT = re.compile(r"%[0-9A-F]{2}")


def encoded_forms(secret: str) -> set[str]:
    """``secret`` as it may come back from a server or a library."""
    forms = {secret}
    for encode in (lambda s: quote(s, safe=""), quote, quote_plus,
                   lambda s: quote_plus(s, safe="")):
        once = encode(secret)
        forms |= {once, _PERCENT.sub(lambda m: m.group(0).lower(), once),
                  quote(once, safe="")}
    raw = secret.encode("utf-8", "surrogatepass")
    for b64 in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        text = b64.decode("ascii")
        forms |= {text, text.rstrip("=")}
    for ascii_only in (True, False):
        escaped = json.dumps(secret, ensure_ascii=ascii_only)[1:-1]
        forms |= {escaped, escaped.replace("/", "\\/")}
    forms.add(html.escape(secret))
    return {form for form in forms if len(form) >= MIN_SECRET}


class SecretMask:
    """Replaces the given secrets, in all their forms, with ``***``. Built once per set of
    secrets (one regular expression); calling it on text is cheap."""

    def __init__(self, secrets: Iterable[str | None], *, mask: str = MASK) -> None:
        self._mask = mask
        forms: set[str] = set()
        for secret in secrets:
            if secret and len(secret) >= MIN_SECRET:
                forms |= encoded_forms(secret)
        # longest first, so a secret's encoded form wins over the bare secret inside it
        ordered = sorted(forms, key=lambda f: (-len(f), f))
        alternatives = [re.escape(f) if len(f) >= ANYWHERE
                        else rf"(?<![0-9A-Za-z]){re.escape(f)}(?![0-9A-Za-z])" for f in ordered]
        self._pattern = re.compile("|".join(alternatives)) if alternatives else None

    def __bool__(self) -> bool:
        return self._pattern is not None

    def __call__(self, text: str | None) -> str:
        if not text or self._pattern is None:
            return text or ""
        return self._pattern.sub(self._mask, text)
