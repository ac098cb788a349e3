#!/usr/bin/env bash
# Code signing and notarisation for the macOS build. Every step runs only when its secrets
# are present and says plainly when it is skipped, so forks and local builds still produce
# an (unsigned, ad-hoc signed) app and dmg.
#
#   sign_and_notarize.sh setup        import the Developer ID certificate into a temporary
#                                     keychain; prints the signing identity and, on GitHub
#                                     Actions, exports MACOS_SIGNING_IDENTITY for later steps.
#                                     packaging/shopwatch.spec reads that variable: PyInstaller
#                                     then signs every binary and the .app with the hardened
#                                     runtime and packaging/macos/entitlements.plist.
#   sign_and_notarize.sh dmg FILE     sign the disk image, submit it to Apple's notary service,
#                                     wait for the verdict and staple the ticket to it.
#   sign_and_notarize.sh cleanup      delete the temporary keychain.
#
# Secrets (environment variables):
#   MACOS_CERTIFICATE            base64 of the "Developer ID Application" certificate (.p12)
#   MACOS_CERTIFICATE_PASSWORD   the .p12's password
#   MACOS_SIGNING_IDENTITY       optional: which identity to use (default: the certificate's)
#   notarisation, either an App Store Connect API key:
#   APPLE_API_KEY                base64 of AuthKey_<id>.p8
#   APPLE_API_KEY_ID, APPLE_API_ISSUER
#   or an Apple ID with an app-specific password:
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD
set -euo pipefail

WORK="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
KEYCHAIN="$WORK/shopwatch-signing.keychain-db"

note() { echo "sign_and_notarize: $*" >&2; }

setup() {
  if [ -z "${MACOS_CERTIFICATE:-}" ]; then
    note "no MACOS_CERTIFICATE: skipping code signing (the app stays ad-hoc signed; users" \
         "must right-click > Open the first time)"
    return 0
  fi
  local password p12 identity
  password="$(uuidgen)"
  p12="$WORK/shopwatch-certificate.p12"
  printf '%s' "$MACOS_CERTIFICATE" | base64 --decode > "$p12"
  security create-keychain -p "$password" "$KEYCHAIN"
  security set-keychain-settings -lut 21600 "$KEYCHAIN"
  security unlock-keychain -p "$password" "$KEYCHAIN"
  security import "$p12" -k "$KEYCHAIN" -P "${MACOS_CERTIFICATE_PASSWORD:-}" \
    -T /usr/bin/codesign -T /usr/bin/security
  rm -f "$p12"
  # let codesign use the key without a UI prompt
  security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$password" \
    "$KEYCHAIN" >/dev/null
  # search our keychain first, keep the user's ones
  # shellcheck disable=SC2046
  security list-keychains -d user -s "$KEYCHAIN" \
    $(security list-keychains -d user | tr -d '"')
  identity="${MACOS_SIGNING_IDENTITY:-}"
  if [ -z "$identity" ]; then
    identity="$(security find-identity -v -p codesigning "$KEYCHAIN" \
      | awk -F'"' '/Developer ID Application/ { print $2; exit }')"
  fi
  if [ -z "$identity" ]; then
    note "the certificate holds no 'Developer ID Application' identity"
    exit 1
  fi
  note "signing as: $identity"
  if [ -n "${GITHUB_ENV:-}" ]; then
    echo "MACOS_SIGNING_IDENTITY=$identity" >> "$GITHUB_ENV"
  fi
  echo "$identity"
}

json_field() {
  # json_field KEY JSON: one top-level string field of notarytool's JSON output
  python3 -c 'import json, sys
try:
    print(json.loads(sys.argv[2]).get(sys.argv[1], ""))
except ValueError:
    print("")' "$1" "$2"
}

notary_args() {
  # prints the notarytool credentials arguments, one per line; nothing if none are set
  if [ -n "${APPLE_API_KEY:-}" ] && [ -n "${APPLE_API_KEY_ID:-}" ] \
      && [ -n "${APPLE_API_ISSUER:-}" ]; then
    local key="$WORK/AuthKey_${APPLE_API_KEY_ID}.p8"
    printf '%s' "$APPLE_API_KEY" | base64 --decode > "$key"
    printf '%s\n' --key "$key" --key-id "$APPLE_API_KEY_ID" --issuer "$APPLE_API_ISSUER"
  elif [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] \
      && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
    printf '%s\n' --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
      --password "$APPLE_APP_PASSWORD"
  fi
}

sign_dmg() {
  local dmg="$1"
  [ -f "$dmg" ] || { note "$dmg not found"; exit 1; }
  local identity="${MACOS_SIGNING_IDENTITY:-}"
  if [ -z "$identity" ]; then
    note "no signing identity: skipping signing and notarisation of $(basename "$dmg")"
    return 0
  fi
  local app
  app="$(dirname "$dmg")/shopwatch.app"
  if [ -d "$app" ]; then
    codesign --verify --deep --strict --verbose=2 "$app"
  fi
  codesign --force --timestamp --sign "$identity" "$dmg"
  codesign --verify --verbose=2 "$dmg"

  local args=()
  while IFS= read -r line; do args+=("$line"); done < <(notary_args)
  if [ "${#args[@]}" -eq 0 ]; then
    note "no notarisation credentials (APPLE_API_KEY* or APPLE_ID/APPLE_TEAM_ID/" \
         "APPLE_APP_PASSWORD): skipping notarisation; the dmg is signed but Gatekeeper" \
         "will warn on first launch"
    return 0
  fi
  note "submitting $(basename "$dmg") to Apple's notary service (usually a few minutes)"
  local result status id
  result="$(xcrun notarytool submit "$dmg" "${args[@]}" --wait --timeout 45m \
    --output-format json)" || true
  status="$(json_field status "$result")"
  id="$(json_field id "$result")"
  if [ "$status" != "Accepted" ]; then
    note "notarisation ended with status '${status:-unknown}': $result"
    if [ -n "$id" ]; then
      xcrun notarytool log "$id" "${args[@]}" >&2 || true
    fi
    exit 1
  fi
  xcrun stapler staple "$dmg"
  xcrun stapler validate "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg" || true
  note "notarised and stapled: $dmg"
}

cleanup() {
  if [ -f "$KEYCHAIN" ]; then
    security delete-keychain "$KEYCHAIN" || true
  fi
  rm -f "$WORK"/AuthKey_*.p8
}

case "${1:-}" in
  setup) setup ;;
  dmg) sign_dmg "${2:?usage: sign_and_notarize.sh dmg FILE}" ;;
  cleanup) cleanup ;;
  *)
    echo "usage: $0 setup | dmg FILE | cleanup" >&2
    exit 2
    ;;
esac
