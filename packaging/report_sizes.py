"""Print the built bundle's size and every installer/disk image in dist/ (MiB), for the
release workflow's log and job summary: ``python packaging/report_sizes.py [dist]``.
``estimate_sizes.py`` estimates the Windows and macOS bundles from a Linux build and those
platforms' wheels, to check these figures against."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_policy  # noqa: E402

# isort: split
# (packaging/build.py; a build/ folder at the root would make it look first-party to isort)
from build import bundle_paths, folder_size  # noqa: E402


def report(dist: Path) -> list[str]:
    name = bundle_policy.read_project().name
    folder, _exe = bundle_paths(dist, name)
    lines = [f"| {sys.platform} | bundle `{folder.name}` | "
             + (f"{folder_size(folder) / 2**20:.1f} MiB |" if folder.exists() else "not built |")]
    for path in sorted(dist.iterdir()) if dist.is_dir() else ():
        if path.is_file() and path.suffix.lower() in (".exe", ".dmg", ".zip", ".gz", ".appimage"):
            lines.append(f"| {sys.platform} | `{path.name}` | {path.stat().st_size / 2**20:.1f} MiB |")
    return ["| OS | What | Size |", "|---|---|---:|", *lines]


if __name__ == "__main__":
    print("\n".join(report(Path(sys.argv[1]) if len(sys.argv) > 1 else bundle_policy.ROOT
                           / "dist")))
