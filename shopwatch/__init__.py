"""shopwatch: watches a small seller's marketplace shop and warns before it is too late."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("shopwatch")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
