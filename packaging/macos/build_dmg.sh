#!/usr/bin/env bash
# Make the macOS disk image from the built app:
#   packaging/macos/build_dmg.sh [dist/shopwatch.app]
# -> dist/shopwatch-<version>-macos-<arch>.dmg, a compressed read-only image holding
#    shopwatch.app and a link to /Applications (drag to install). Prints the dmg's path.
# The version comes from the app's Info.plist (written from pyproject.toml by the spec), the
# architecture from its executable. Sign the app before this step and the dmg after it
# (packaging/macos/sign_and_notarize.sh).
set -euo pipefail

cd "$(dirname "$0")/../.."
APP="${1:-dist/shopwatch.app}"
[ -d "$APP" ] || { echo "build_dmg: $APP not found; run python packaging/build.py first" >&2; exit 1; }

NAME="$(basename "$APP" .app)"
VERSION="$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$APP/Contents/Info.plist")"
ARCH="$(lipo -archs "$APP/Contents/MacOS/$NAME" | tr ' ' '+')"
DMG="dist/$NAME-$VERSION-macos-$ARCH.dmg"

STAGING="$(mktemp -d)"
trap 'rm -rf "$STAGING"' EXIT
# ditto keeps symbolic links, extended attributes and code signatures intact
ditto "$APP" "$STAGING/$NAME.app"
ln -s /Applications "$STAGING/Applications"

rm -f "$DMG"
# hdiutil on CI machines sometimes fails with "Resource busy" while Spotlight or XProtect look
# at the new volume: retry a few times before giving up.
for attempt in 1 2 3 4 5; do
  if hdiutil create -volname "$NAME $VERSION" -srcfolder "$STAGING" -fs HFS+ \
       -format ULFO -ov "$DMG" >&2; then
    break
  fi
  if [ "$attempt" -eq 5 ]; then
    echo "build_dmg: hdiutil create failed $attempt times" >&2
    exit 1
  fi
  echo "build_dmg: hdiutil create failed (attempt $attempt), retrying" >&2
  sleep $((attempt * 5))
done
hdiutil verify "$DMG" >&2
echo "$DMG"
