"""shopwatch: watches a small seller's marketplace shop and warns before it is too late."""


def __getattr__(name: str) -> str:
    # ``__version__`` on first use: importlib.metadata costs every start-up ~20 ms otherwise.
    if name != "__version__":
        raise AttributeError(f"module 'shopwatch' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("shopwatch")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0+source"
    globals()["__version__"] = found
    return found
