"""A channel whose service Apprise knows but cannot use here -- its plugin needs a package this
installation lacks, as the bundle lacks ``cryptography`` -- is refused with the service's name
and what it needs, not called unknown; the address's secret parts stay masked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"

_AS_IN_THE_BUNDLE = """
import sys
sys.path.insert(0, {packaging!r})
import bundle_policy

class LeftOut:
    def find_spec(self, name, path=None, target=None):
        if bundle_policy.is_excluded(name):
            raise ImportError(f"{{name}} is not in the bundle")
        return None

sys.meta_path.insert(0, LeftOut())
from shopwatch.notify.channels import ChannelError, check_url
assert check_url("json://127.0.0.1:9/hook") == "JSON"
try:
    check_url("vapid://seller@example.com/SUBSCRIPTION-SECRET")
except ChannelError as exc:
    print(exc)
"""


def test_a_service_this_installation_cannot_use_is_named_with_what_it_needs() -> None:
    result = subprocess.run([sys.executable, "-c", _AS_IN_THE_BUNDLE.format(
        packaging=str(PACKAGING))], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    message = result.stdout.strip()
    assert "cannot send to Vapid Web Push Notifications (it needs cryptography)" in message
    assert "SUBSCRIPTION-SECRET" not in message and "unknown" not in message


def test_an_unknown_service_is_still_called_unknown() -> None:
    import pytest

    from shopwatch.notify.channels import ChannelError, check_url

    with pytest.raises(ChannelError, match="'nosuch' is unknown"):
        check_url("nosuch://token")
