"""``shopwatch shop add|list|edit|set-secret|remove``."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from shopwatch.commands.context import CommandError, Context
from shopwatch.commands.output import emit_json, table
from shopwatch.connectors.top_sign import SIGN_METHODS
from shopwatch.credentials import (
    APP_SECRET,
    ENV_NAMES,
    LWA_CLIENT_SECRET,
    LWA_REFRESH_TOKEN,
    SESSION,
    CredentialError,
    delete_secrets,
    keychain_available,
    set_secret,
)
from shopwatch.models import Shop
from shopwatch.store import queries
from shopwatch.timeutil import human_time, iso, now_utc


def register(sub: argparse._SubParsersAction) -> None:
    shop = sub.add_parser("shop", help="add, list, edit or remove shops")
    shop_sub = shop.add_subparsers(dest="shop_command", metavar="ACTION", required=True)

    add = shop_sub.add_parser("add", help="add a shop")
    add.add_argument("name")
    add.add_argument("--platform", required=True, choices=["taobao", "file", "amazon"],
                     help="marketplace (taobao: Taobao/Tmall Open Platform; file: the seller "
                     "centre's export files, for shops without API access; amazon: Amazon "
                     "Selling Partner API)")
    add.add_argument("--watch", metavar="PATH",
                     help="file shops: a folder (or one file) where you save exports; the shop "
                     "syncs whenever a newer export appears there")
    add.add_argument("--endpoint", help="TOP gateway URL (default: the production gateway)")
    add.add_argument("--app-key", help="your Open Platform app key")
    add.add_argument("--sign-method", choices=SIGN_METHODS, default="md5")
    amazon = add.add_argument_group("Amazon shops (--platform amazon)")
    amazon.add_argument("--region", choices=["na", "eu", "fe"],
                        help="SP-API region (default endpoint sellingpartnerapi-REGION.amazon.com)")
    amazon.add_argument("--marketplace", metavar="MARKETPLACE_ID",
                        help="marketplace id, e.g. ATVPDKIKX0DER (amazon.com)")
    amazon.add_argument("--seller-id", metavar="SELLER_ID", help="your selling partner id")
    amazon.add_argument("--client-id", metavar="CLIENT_ID",
                        help="your SP-API app's Login with Amazon client id")
    amazon.add_argument("--token-endpoint", metavar="URL",
                        help="Login with Amazon token URL (default https://api.amazon.com/auth/o2/token)")
    add.set_defaults(handler=add_shop)

    lst = shop_sub.add_parser("list", help="list shops")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=list_shops)

    edit = shop_sub.add_parser(
        "edit", help="change a shop's connection or display name (its history is kept)",
        description="Change how a shop is reached or shown; listings, alerts, notices and "
        "appeals stay as they are. Secrets are changed with 'shopwatch shop set-secret'.")
    edit.add_argument("name")
    edit.add_argument("--endpoint", help="TOP gateway URL")
    edit.add_argument("--app-key", help="your Open Platform app key")
    edit.add_argument("--sign-method", choices=SIGN_METHODS)
    edit.add_argument("--display-name", metavar="TEXT",
                      help="the shop's name as buyers and the platform know it (used in letters)")
    edit.set_defaults(handler=edit_shop)

    sec = shop_sub.add_parser(
        "set-secret", help="store a Taobao shop's app secret and session key in the keychain")
    sec.add_argument("name")
    sec.add_argument("--which", choices=["both", APP_SECRET, SESSION, LWA_CLIENT_SECRET,
                                          LWA_REFRESH_TOKEN], default="both",
                     help="which secret to store (default: both of the shop's platform)")
    sec.add_argument("--stdin", action="store_true",
                     help="read the secret from standard input (with --which app_secret|session)")
    sec.set_defaults(handler=set_shop_secret)

    rm = shop_sub.add_parser("remove", help="remove a shop and its history")
    rm.add_argument("name")
    rm.add_argument("--yes", action="store_true", help="do not ask")
    rm.set_defaults(handler=remove_shop)


def _store_secrets(ctx: Context, name: str,
                   which: tuple[str, str] = (APP_SECRET, SESSION)) -> None:
    if not keychain_available():
        ctx.note("No system keychain is available here, so no secret is stored. Before each sync "
                 f"set {ENV_NAMES[which[0]]} and {ENV_NAMES[which[1]]} in the environment.")
        return
    for secret in which:
        value = os.environ.get(ENV_NAMES[secret])
        if not value and sys.stdin.isatty():
            value = getpass.getpass(f"{secret.replace('_', ' ').capitalize()} (not shown): ")
        if not value:
            ctx.note(f"No {secret.replace('_', ' ')} given; add it later with 'shopwatch shop "
                     f"set-secret {name} --which {secret}' or set {ENV_NAMES[secret]}.")
            continue
        try:
            set_secret(name, secret, value)
            ctx.note(f"Stored the {secret.replace('_', ' ')} in the system keychain.")
        except CredentialError as exc:
            ctx.note(str(exc))


def add_shop(ctx: Context) -> int:
    from shopwatch.connectors.taobao import ENDPOINT_PRODUCTION

    args = ctx.args
    check_shop_name(args.name)
    if queries.get_shop(ctx.db, args.name):
        raise CommandError(f"A shop named '{args.name}' already exists.")
    if args.platform == "file":
        return _add_file_shop(ctx)
    if args.platform == "amazon":
        return _add_amazon_shop(ctx)
    amazon_only = [f for f in ("region", "marketplace", "seller_id", "client_id",
                               "token_endpoint") if getattr(args, f)]
    if amazon_only:
        raise CommandError(f"--{amazon_only[0].replace('_', '-')} is for Amazon shops "
                           "(--platform amazon).")
    if args.watch:
        raise CommandError("--watch is for shops fed by export files (--platform file).")
    if args.platform == "taobao" and not args.app_key:
        raise CommandError("--app-key is required for a Taobao shop.")
    if args.endpoint is not None:
        check_endpoint(args.endpoint)
    shop = queries.add_shop(ctx.db, args.name, args.platform, now=iso(now_utc()),
                            endpoint=args.endpoint or ENDPOINT_PRODUCTION, app_key=args.app_key,
                            sign_method=args.sign_method)
    _store_secrets(ctx, shop.name)
    print(f"Added shop '{shop.name}' ({shop.platform}, {shop.endpoint}).")
    return 0


#: a shop name is typed in commands and shown in tables and messages: one line, not too long
MAX_NAME = 80
DISPLAY_NAME_KEY = "display_name"


def _printable(text: str) -> bool:
    return all(unicodedata.category(ch)[0] != "C" for ch in text)


def check_shop_name(name: str) -> None:
    if (not name.strip() or name != name.strip() or len(name) > MAX_NAME
            or not _printable(name)):
        raise CommandError(
            f"{name!r} cannot be a shop name: use 1 to {MAX_NAME} visible characters, without "
            "tabs, line breaks or spaces at either end (e.g. 我的店 or wool-shop).")


def check_endpoint(url: str) -> None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url.strip():
        raise CommandError(f"'{url}' is not an endpoint URL; give the full http:// or https:// "
                           "address, e.g. https://eco.taobao.com/router/rest.")


def display_name(shop: Shop) -> str | None:
    value = shop.settings.get(DISPLAY_NAME_KEY)
    return value if isinstance(value, str) and value else None


def edit_shop(ctx: Context) -> int:
    """Changes the shop row only (one transaction); its id, name, history and keychain entries
    (keyed by name) stay, so nothing the shop has gathered is lost."""
    args = ctx.args
    shop = ctx.shop(args.name)
    changes: dict = {}
    said: list[str] = []
    connection = [flag for flag, value in (("--endpoint", args.endpoint),
                                           ("--app-key", args.app_key),
                                           ("--sign-method", args.sign_method)) if value]
    if connection and shop.platform != "taobao":
        raise CommandError(f"'{shop.name}' is a {shop.platform} shop, which has no "
                           f"{', '.join(connection)}: only Taobao shops connect to an endpoint.")
    if args.endpoint is not None:
        check_endpoint(args.endpoint)
        changes["endpoint"] = args.endpoint.strip()
        said.append(f"endpoint {changes['endpoint']}")
    if args.app_key is not None:
        if not args.app_key.strip() or not _printable(args.app_key):
            raise CommandError("The app key is empty or has invisible characters.")
        changes["app_key"] = args.app_key.strip()
        said.append(f"app key {changes['app_key']}")
    if args.sign_method is not None:
        changes["sign_method"] = args.sign_method
        said.append(f"sign method {args.sign_method}")
    if args.display_name is not None:
        text = args.display_name.strip()
        if not text or len(text) > MAX_NAME or not _printable(text):
            raise CommandError(f"{args.display_name!r} cannot be a display name: use 1 to "
                               f"{MAX_NAME} visible characters on one line.")
        changes["settings"] = {**shop.settings, DISPLAY_NAME_KEY: text}
        said.append(f"display name {text}")
    if not changes:
        raise CommandError("Nothing to change: give --endpoint, --app-key, --sign-method or "
                           "--display-name (secrets: 'shopwatch shop set-secret "
                           f"{shop.name}').")
    queries.update_shop(ctx.db, shop.id, **changes)
    print(f"Updated shop '{shop.name}': {', '.join(said)}. Its history is unchanged.")
    if "app_key" in changes and changes["app_key"] != shop.app_key:
        ctx.note("A new app key comes with its own app secret: store it with "
                 f"'shopwatch shop set-secret {shop.name} --which app_secret'.")
    return 0


def _add_amazon_shop(ctx: Context) -> int:
    from shopwatch.connectors.amazon_client import REGION_ENDPOINTS, TOKEN_ENDPOINT
    from shopwatch.connectors.amazon_shop import AmazonSettings

    args = ctx.args
    missing = [flag for flag, value in (("--region", args.region),
                                        ("--marketplace", args.marketplace),
                                        ("--seller-id", args.seller_id),
                                        ("--client-id", args.client_id)) if not value]
    if missing:
        raise CommandError(f"An Amazon shop needs {', '.join(missing)}.")
    if args.app_key or args.watch:
        raise CommandError("--app-key and --watch are not for Amazon shops; use --client-id.")
    settings = AmazonSettings(args.region, args.marketplace, args.seller_id,
                              args.token_endpoint or TOKEN_ENDPOINT)
    shop = queries.add_shop(ctx.db, args.name, "amazon", now=iso(now_utc()),
                            endpoint=args.endpoint or REGION_ENDPOINTS[args.region],
                            app_key=args.client_id, settings=settings.as_settings())
    _store_secrets(ctx, shop.name, (LWA_CLIENT_SECRET, LWA_REFRESH_TOKEN))
    print(f"Added shop '{shop.name}' (amazon, {shop.endpoint}, marketplace "
          f"{settings.marketplace_id}).")
    return 0


def _add_file_shop(ctx: Context) -> int:
    from shopwatch.connectors.files import SETTINGS_KEY

    args = ctx.args
    if args.app_key or args.endpoint:
        raise CommandError("A file shop has no endpoint or app key; drop --endpoint/--app-key.")
    settings: dict = {}
    if args.watch:
        watch = Path(args.watch).expanduser().resolve()
        if not watch.exists():
            raise CommandError(f"The watch folder {watch} does not exist.")
        settings = {SETTINGS_KEY: {"watch": str(watch)}}
    shop = queries.add_shop(ctx.db, args.name, "file", now=iso(now_utc()), settings=settings)
    where = (f"watching {settings[SETTINGS_KEY]['watch']}" if settings else
             f"import exports with 'shopwatch import FILE --shop {shop.name}'")
    print(f"Added shop '{shop.name}' (export files; {where}).")
    return 0


def set_shop_secret(ctx: Context) -> int:
    """Secrets never come from the command line itself (shell history): from standard input,
    the environment variable, or a prompt that does not echo."""
    args = ctx.args
    shop = ctx.shop(args.name)
    if shop.platform not in ("taobao", "amazon"):
        raise CommandError(f"Shop '{shop.name}' ({shop.platform}) uses no secrets.")
    pair = [APP_SECRET, SESSION] if shop.platform == "taobao" else [LWA_CLIENT_SECRET,
                                                                    LWA_REFRESH_TOKEN]
    which = pair if args.which == "both" else [args.which]
    if any(w not in pair for w in which):
        raise CommandError(f"A {shop.platform} shop's secrets are {' and '.join(pair)}.")
    if args.stdin and len(which) > 1:
        raise CommandError(f"--stdin reads one secret: add --which {pair[0]} or --which "
                           f"{pair[1]}.")
    if not keychain_available():
        names = " and ".join(ENV_NAMES[w] for w in which)
        raise CommandError(
            "No system keychain is available on this machine, so the secret cannot be stored. "
            f"Set {names} in the environment before each sync instead (shopwatch reads them "
            "there), or install a keychain service (e.g. GNOME Keyring or KWallet).")
    for secret in which:
        what = secret.replace("_", " ").replace("session", "session key")
        if args.stdin:
            value = sys.stdin.readline().strip()
        elif os.environ.get(ENV_NAMES[secret]):
            value = os.environ[ENV_NAMES[secret]].strip()
        elif sys.stdin.isatty():
            value = getpass.getpass(f"{what.capitalize()} for '{shop.name}' (not shown): ").strip()
        else:
            raise CommandError(f"No {what} given: run this in a terminal to be asked for it, "
                               f"pipe it in with --stdin, or set {ENV_NAMES[secret]}.")
        if not value:
            raise CommandError(f"The {what} is empty; nothing was stored.")
        try:
            set_secret(shop.name, secret, value)
        except CredentialError as exc:
            raise CommandError(str(exc)) from exc
        print(f"Stored the {what} for '{shop.name}' in the system keychain.")
    return 0


def shop_json(db, shop: Shop) -> dict:
    last = queries.last_run(db, shop.id)
    return {"name": shop.name, "platform": shop.platform, "endpoint": shop.endpoint,
            "last_sync": last.finished_at if last else None,
            "last_status": last.status if last else None,
            "display_name": display_name(shop),
            "sign_method": shop.sign_method if shop.platform == "taobao" else None}


def list_shops(ctx: Context) -> int:
    rows = [shop_json(ctx.db, s) for s in queries.list_shops(ctx.db)]
    if ctx.args.json:
        emit_json(rows)
    elif not rows:
        print("No shops yet. Add one with 'shopwatch shop add NAME --platform taobao ...', "
              "or try 'shopwatch demo'.")
    else:
        table([[r["name"], r["platform"], r["endpoint"], human_time(r["last_sync"]) or "never",
                r["last_status"] or ""] for r in rows],
              ["NAME", "PLATFORM", "ENDPOINT", "LAST SYNC", "STATUS"])
    return 0


def remove_shop(ctx: Context) -> int:
    shop = ctx.shop(ctx.args.name)
    if not ctx.args.yes:
        if not sys.stdin.isatty():
            raise CommandError("Removing a shop deletes its history; add --yes to confirm.")
        answer = input(f"Remove '{shop.name}' and all its history? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing removed.")
            return 0
    queries.delete_shop(ctx.db, shop.id)
    delete_secrets(shop.name)
    print(f"Removed shop '{shop.name}'.")
    return 0
