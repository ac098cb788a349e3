"""Benchmarks: ``python -m benchmarks`` measures sync, store, detection, a simulated year and
the desktop app, each figure against a baseline measured in the same run (see README.md)."""
