"""``shopwatch --self-test``: prove that this installation -- above all a packaged bundle --
carries everything the app needs, by using it end to end in a throw-away profile:

1. version      the version comes from the package metadata (bundled in a frozen app)
2. resources    appeal templates, rule data, icons and translations are where the app looks
3. demo sync    the embedded demo marketplace is served on 127.0.0.1 and synced through the
                real Taobao (TOP) client until penalty notices arrive
4. sync process the app's way to sync: this program started again as a child process
                (``--run-job`` in a bundle) syncs the demo shop once more and sends back the
                outcome
5. main window  the desktop window is built on the synced data and rendered offscreen
6. appeal       an appeal letter is drafted for a synced notice and saved as a draft (.docx
                exported too)
7. pdf          the letter is exported as PDF through Qt and read back: body text 10.5-12 pt,
                larger headings, margins, every line present; a long letter in the other
                language too, which must flow onto further pages
8. notify       Apprise finds its notification plugins
9. keychain     keyring has a backend; on Linux the Secret Service session's cipher (AES from
                the libcrypto found at run time) passes a NIST vector, and where a Secret
                Service runs a throw-away secret is stored, read back and deleted

Each step reports ok or FAIL with the reason; a step whose input is missing (a failed sync
leaves nothing to draft from) fails too -- the self-test never passes by skipping. Exit code 0
only when every step passed.

Plain Python: the Qt steps live in ``shopwatch.ui.selftest_ui`` and are imported only when they
run. ``SHOPWATCH_SELFTEST_KEEP=DIR`` copies the artefacts (screenshots, letter, PDF) to DIR."""

from __future__ import annotations

import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

#: simulated days synced at most while waiting for the demo's first penalty notice
MAX_DEMO_SYNCS = 12
#: the notice kind drafted for (its template needs only text evidence), else any
PREFERRED_KIND = "false_trading"
#: plausible evidence for the fields built-in templates require (the demo has no real orders)
SAMPLE_EVIDENCE: dict[str, str] = {
    "order_ids": "3561234567890123456",
    "logistics_company": "中通快递",
    "tracking_numbers": "ZT7302145566981",
    "chat_excerpts": "买家：已收到，质量很好。",
    "brand_name": "示例品牌",
    "supplier": "杭州示例服饰有限公司",
    "root_cause": "商品详情页描述与实物一致，系误判。",
    "corrective_actions": "已逐一核对全部在售商品的描述。",
    "preventive_actions": "上架前由两人复核商品信息。",
    "self_check": "已完成全店自查，未发现违规。",
    "statement": "本店所有交易均真实发生。",
    "notes": "自检样例。",
    "contact": "13800000000",
}
#: a 1x1 PNG, for a template that requires a file (invoice, authorisation, attachment)
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4bd0000000049454e44ae426082")


class StepFailed(Exception):
    """A step's check did not hold; the message says what was found."""


@dataclass(slots=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float = 0.0


@dataclass
class Workspace:
    """What the steps share: the temporary profile, the open database, what earlier steps
    produced (the synced shop, the drafted letter), and where artefacts go."""

    profile: Path
    artefacts: Path
    db: Any = None
    shop: Any = None
    notice: Any = None
    letter_body: str | None = None
    letter_language: str = "zh_CN"
    letter_template: str | None = None
    letter_evidence: dict[str, Any] = field(default_factory=dict)
    produced: dict[str, Path] = field(default_factory=dict)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


# --- the steps -----------------------------------------------------------------------------


def step_version(ws: Workspace) -> str:
    import shopwatch

    version = shopwatch.__version__
    if version.startswith("0.0.0"):
        raise StepFailed(f"no package metadata found (version {version!r}); a bundle must carry "
                         "shopwatch's dist-info")
    return f"shopwatch {version}" + (" (bundled metadata)" if _frozen() else "")


def step_resources(ws: Workspace) -> str:
    from shopwatch.config import resources_dir

    root = resources_dir()
    required = {
        "appeal templates": root / "templates" / "appeals",
        "rule data": root / "rules" / "taobao.toml",
        "app icon": root / "icons" / "shopwatch.svg",
        "tray icons": root / "icons" / "tray-light.png",
    }
    missing = [f"{what} ({path})" for what, path in required.items() if not path.exists()]
    templates = list((root / "templates" / "appeals").rglob("*.j2"))
    if not templates:
        missing.append("no *.j2 appeal templates")
    i18n = root / "i18n"
    sources = sorted(i18n.glob("*.ts")) if i18n.is_dir() else []
    compiled = sorted(i18n.glob("*.qm")) if i18n.is_dir() else []
    if _frozen() and sources and len(compiled) < len(sources):
        missing.append(f"compiled translations ({len(compiled)} .qm for {len(sources)} .ts)")
    if missing:
        raise StepFailed("missing: " + "; ".join(missing))
    return (f"{root}: {len(templates)} templates, rules, icons"
            + (f", {len(compiled)} translation(s)" if compiled else ""))


def step_demo_sync(ws: Workspace) -> str:
    from shopwatch.config import DetectionSettings, db_path
    from shopwatch.demo.runtime import DemoConfig, reset_demo_shop
    from shopwatch.monitor.service import sync_stored_shop
    from shopwatch.store import queries
    from shopwatch.store.db import open_db

    ws.db = open_db(db_path(ws.profile))
    config = DemoConfig(start_date=date.today() - timedelta(days=MAX_DEMO_SYNCS))
    shop = reset_demo_shop(ws.db, config)
    listings = 0
    notices: list[Any] = []
    for attempt in range(1, MAX_DEMO_SYNCS + 1):
        shop = queries.get_shop_by_id(ws.db, shop.id)
        # the app's own path: service.sync_stored_shop starts the embedded marketplace on
        # 127.0.0.1 for the sync and drives it through the TOP client
        result = sync_stored_shop(ws.db, shop, settings=DetectionSettings())
        if result.status != "ok":
            raise StepFailed(f"sync {attempt} failed: {result.error}")
        listings = result.listings
        notices = queries.list_notices(ws.db, shop_id=shop.id)
        if notices and attempt >= 2:
            break
    if not notices:
        raise StepFailed(f"{MAX_DEMO_SYNCS} syncs brought no penalty notice to draft for")
    ws.shop = queries.get_shop_by_id(ws.db, shop.id)
    ws.notice = next((n for n in notices if n.kind == PREFERRED_KIND), notices[0])
    return f"{attempt} syncs over loopback HTTP, {listings} listings, {len(notices)} notices"


def _needs(ws: Workspace, *names: str) -> None:
    missing = [name for name in names if getattr(ws, name) is None]
    if missing:
        raise StepFailed(f"not run: needs {', '.join(missing)} from an earlier step, which failed")


def step_sync_process(ws: Workspace) -> str:
    _needs(ws, "db", "shop")
    from shopwatch.config import db_path
    from shopwatch.store import queries
    from shopwatch.ui.job_process import child_command, run_in_child
    from shopwatch.ui.jobs import SyncJob

    steps: list[tuple[int, int, str]] = []
    outcome = run_in_child(SyncJob(db_path(ws.profile), ws.shop.id, profile=ws.profile),
                           lambda *step: steps.append(step), lambda: False)
    if outcome.status != "ok":
        raise StepFailed(f"the sync process's sync {outcome.status}: {outcome.error}")
    if not steps:
        raise StepFailed("the sync process sent no progress")
    ws.shop = queries.get_shop_by_id(ws.db, ws.shop.id)
    how = " ".join(child_command()[1:])
    return f"`{how}`: {outcome.listings} listings, {len(steps)} progress steps over its pipe"


def step_main_window(ws: Workspace) -> str:
    _needs(ws, "db", "shop")
    from shopwatch.ui import selftest_ui

    shots = selftest_ui.render_main_window(ws.profile, ws.db, ws.artefacts)
    ws.produced.update({path.name: path for path in shots.values()})
    return f"{len(shots)} views rendered offscreen ({', '.join(shots)})"


def step_appeal(ws: Workspace) -> str:
    _needs(ws, "db", "notice")
    from shopwatch.appeals import draft
    from shopwatch.appeals.export import export_docx
    from shopwatch.appeals.templates import TemplateLibrary
    from shopwatch.timeutil import now_utc

    notice = ws.notice
    library = TemplateLibrary.for_profile(ws.profile)
    facts = draft.load_facts(ws.db, notice.id, profile=ws.profile)
    info = draft.choose_template(library, notice, name=None, language=ws.letter_language,
                                 current=None)
    letter = draft.compose(ws.db, library, facts, info, {}, today=date.today(),
                           profile=ws.profile)
    if letter.missing:
        assignments = [(name, _sample_value(ws, notice.id, name, info)) for name in letter.missing]
        evidence = draft.add_evidence(ws.profile, notice.id, {}, assignments, info)
        letter = draft.compose(ws.db, library, facts, info, evidence, today=date.today(),
                               profile=ws.profile)
    if not letter.complete:
        raise StepFailed(f"template {info.name} still needs: {', '.join(letter.missing)}")
    saved = draft.store_letter(ws.db, letter, notice_id=notice.id, now=now_utc())
    ws.letter_body = letter.body
    ws.letter_language = info.language
    ws.letter_template = info.name
    ws.letter_evidence = dict(letter.evidence)
    text = ws.artefacts / "appeal.md"
    text.write_text(letter.body, encoding="utf-8")
    docx = export_docx(letter.body, ws.artefacts / "appeal.docx", language=info.language)
    ws.produced.update({"appeal.md": text, "appeal.docx": docx})
    return (f"{info.name} ({info.language}) for {notice.kind} notice #{notice.id}: "
            f"{len(letter.body)} characters, draft #{saved.appeal.id}, .docx {docx.stat().st_size} B")


def _sample_value(ws: Workspace, notice_id: int, name: str, info: Any) -> str:
    from shopwatch.appeals.evidence import FILES

    spec = info.spec_map().get(name) if hasattr(info, "spec_map") else None
    if spec is not None and spec.type == FILES:
        path = ws.artefacts / f"{name}.png"
        path.write_bytes(TINY_PNG)
        return str(path)
    return SAMPLE_EVIDENCE.get(name, "自检样例 self-test sample")


#: order numbers in the long letter the pdf step prints: enough for three pages or more
LONG_LETTER_ORDERS = 150


def long_letter(ws: Workspace) -> tuple[str, str]:
    """The drafted notice's letter in the other language, with many orders: (body, language)."""
    from shopwatch.appeals import draft
    from shopwatch.appeals.templates import TemplateLibrary

    language = "en" if ws.letter_language == "zh_CN" else "zh_CN"
    library = TemplateLibrary.for_profile(ws.profile)
    info = draft.choose_template(library, ws.notice, name=ws.letter_template,
                                 language=language, current=None)
    evidence = {**ws.letter_evidence,
                "order_ids": [f"35612345678{n:08d}" for n in range(LONG_LETTER_ORDERS)]}
    facts = draft.load_facts(ws.db, ws.notice.id, profile=ws.profile)
    letter = draft.compose(ws.db, library, facts, info, evidence, today=date.today(),
                           profile=ws.profile)
    if not letter.complete:
        raise StepFailed(f"the long letter ({info.name}, {language}) still needs: "
                         f"{', '.join(letter.missing)}")
    return letter.body, language


def step_pdf(ws: Workspace) -> str:
    _needs(ws, "letter_body")
    from shopwatch.ui import selftest_ui

    path, detail = selftest_ui.export_letter_pdf(ws.letter_body, ws.artefacts / "appeal.pdf",
                                                 language=ws.letter_language)
    ws.produced["appeal.pdf"] = path
    body, language = long_letter(ws)
    long_path, long_detail = selftest_ui.export_letter_pdf(
        body, ws.artefacts / "appeal-long.pdf", language=language, min_pages=2)
    ws.produced["appeal-long.pdf"] = long_path
    return f"{detail}; long letter ({language}): {long_detail}"


def step_notify(ws: Workspace) -> str:
    import apprise

    notifier = apprise.Apprise()
    # recognising a URL needs the plugin that handles its scheme: in a bundle that proves the
    # plugins were collected as files Apprise can list, not just as archived modules
    for url in ("json://127.0.0.1:9/selftest", "mailto://user:pass@example.com"):
        if not notifier.add(url):
            raise StepFailed(f"Apprise does not recognise {url.split(':')[0]}:// URLs: its "
                             "plugins are missing")
    services = len(apprise.Apprise().details().get("schemas", []))
    return f"Apprise {apprise.__version__}: {services} notification services available"


#: NIST SP 800-38A F.2.1, first block (CBC-AES128): key, IV, plaintext, ciphertext
_AES_VECTOR = tuple(bytes.fromhex(h) for h in (
    "2b7e151628aed2a6abf7158809cf4f3c", "000102030405060708090a0b0c0d0e0f",
    "6bc1bee22e409f96e93d7e117393172a", "7649abac8119b246cee98e9b12e9197d"))


def step_keychain(ws: Workspace) -> str:
    from shopwatch import credentials

    if not sys.platform.startswith("linux"):
        return f"keyring backend {credentials.keychain_backend()}"
    from shopwatch import secret_cipher, secret_service

    key, iv, plain, expected = _AES_VECTOR
    try:
        encrypted = secret_cipher._aes_cbc(True, key, iv, plain)
    except secret_cipher.CipherUnavailable as exc:
        raise StepFailed(f"the Secret Service cipher is unavailable: {exc}") from None
    if encrypted[:16] != expected or secret_cipher.decrypt(key, iv, encrypted) != plain:
        raise StepFailed("AES-128-CBC from libcrypto does not match the NIST vector")
    if not secret_service.service_available():
        return ("session cipher ok; no Secret Service on this session bus (secrets would come "
                "from environment variables)")
    backend, name = secret_service.Keyring(), f"selftest-{os.getpid()}"
    backend.set_password("shopwatch-selftest", name, "自检 secret")
    try:
        if backend.get_password("shopwatch-selftest", name) != "自检 secret":
            raise StepFailed("the Secret Service returned a different secret")
    finally:
        backend.delete_password("shopwatch-selftest", name)
    return "session cipher ok; a secret stored, read back and deleted in the Secret Service"


STEPS: tuple[tuple[str, Callable[[Workspace], str]], ...] = (
    ("version", step_version),
    ("resources", step_resources),
    ("demo sync", step_demo_sync),
    ("sync process", step_sync_process),
    ("main window", step_main_window),
    ("appeal", step_appeal),
    ("pdf", step_pdf),
    ("notify", step_notify),
    ("keychain", step_keychain),
)


# --- running ---------------------------------------------------------------------------------


def run_step(name: str, func: Callable[[Workspace], str], ws: Workspace) -> StepResult:
    started = time.monotonic()
    try:
        detail = func(ws)
        ok = True
    except StepFailed as exc:
        ok, detail = False, str(exc)
    except ModuleNotFoundError as exc:
        ok, detail = False, f"module {exc.name} is not available ({exc})"
    except Exception as exc:  # a self-test reports every failure instead of crashing
        if getattr(exc, "check_failure", False):  # a check in shopwatch.ui.selftest_ui
            return StepResult(name, False, str(exc), time.monotonic() - started)
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        ok, detail = False, f"{type(exc).__name__}: {exc} (at {where})"
    return StepResult(name, ok, detail, time.monotonic() - started)


def _header() -> str:
    import shopwatch

    kind = "frozen bundle" if _frozen() else "Python installation"
    return (f"shopwatch {shopwatch.__version__} self-test: {kind}, {platform.system()} "
            f"{platform.machine()}, Python {platform.python_version()}")


def run(out: TextIO | None = None, *, keep: Path | None = None) -> int:
    """Run every step in a temporary profile; print one line per step; 0 if all passed."""
    out = out or sys.stdout
    keep = keep or (Path(os.environ["SHOPWATCH_SELFTEST_KEEP"])
                    if os.environ.get("SHOPWATCH_SELFTEST_KEEP") else None)
    # The window is rendered, never shown: the self-test runs the same on a desktop, a
    # headless server and in CI.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    saved_home = os.environ.get("SHOPWATCH_HOME")
    results: list[StepResult] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="shopwatch-selftest-") as tmp:
        ws = Workspace(profile=Path(tmp) / "profile", artefacts=Path(tmp) / "artefacts")
        ws.profile.mkdir()
        ws.artefacts.mkdir()
        # anything that looks the profile up itself must find the temporary one
        os.environ["SHOPWATCH_HOME"] = str(ws.profile)
        print(_header(), file=out, flush=True)
        try:
            for name, func in STEPS:
                result = run_step(name, func, ws)
                results.append(result)
                mark = "ok  " if result.ok else "FAIL"
                print(f"  {mark}  {name:<12} {result.detail}  ({result.seconds:.2f} s)",
                      file=out, flush=True)
        finally:
            ws.close()
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                for name, path in ws.produced.items():
                    if path.is_file():
                        shutil.copyfile(path, keep / name)
            if saved_home is None:
                os.environ.pop("SHOPWATCH_HOME", None)
            else:
                os.environ["SHOPWATCH_HOME"] = saved_home
    failed = [r for r in results if not r.ok]
    elapsed = time.monotonic() - started
    if failed:
        print(f"self-test FAILED: {len(failed)} of {len(results)} steps "
              f"({', '.join(r.name for r in failed)}) in {elapsed:.1f} s", file=out, flush=True)
        return 1
    print(f"self-test passed: {len(results)} steps in {elapsed:.1f} s"
          + (f"; artefacts in {keep}" if keep else ""), file=out, flush=True)
    return 0


__all__ = ["STEPS", "StepFailed", "StepResult", "run", "run_step"]
