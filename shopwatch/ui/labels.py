"""The product's vocabulary in the UI language: listing statuses, alert kinds, severities,
notice kinds and point ledgers, with the colours the UI paints them in.

The store keeps stable English words (``violation_off_shelf``); only this module turns them
into what a seller reads (违规下架). Unknown words fall back to a readable form of the word
itself, so a newer database never shows an empty cell."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from shopwatch import alert_kinds
from shopwatch.ui import i18n

# Called by this name so Qt's lupdate finds every string: translate("Context", "text").
translate = QCoreApplication.translate


def _fallback(word: str) -> str:
    return word.replace("_", " ").capitalize()


# --- colours (one palette for badges, chart and gauge) ------------------------------------
# Theme roles, not colours: ``theme`` paints them in the light or the dark scheme.

STATUS_COLORS = {
    "active": "ok",
    "seller_off_shelf": "neutral",
    "sold_out": "info",
    "violation_off_shelf": "critical",
    "missing": "warning",
    "deleted": "severe",
    "suppressed": "special",
}
SEVERITY_COLORS = {"critical": "critical", "warning": "warning", "info": "info"}
NOTICE_STATUS_COLORS = {"open": "warning", "appealed": "info", "revoked": "ok",
                        "upheld": "severe"}


def listing_status(status: str) -> str:
    names = {
        "active": translate("Labels", "On sale"),
        "seller_off_shelf": translate("Labels", "In warehouse"),
        "sold_out": translate("Labels", "Sold out"),
        "violation_off_shelf": translate("Labels", "Violation delisted"),
        "missing": translate("Labels", "Missing"),
        "deleted": translate("Labels", "Deleted"),
    }
    return names.get(status, _fallback(status))


def search_status(status: str) -> str:
    if status == "suppressed":
        return translate("Labels", "Demoted")
    return translate("Labels", "Normal")


def severity(level: str) -> str:
    names = {"critical": translate("Labels", "Critical"),
             "warning": translate("Labels", "Warning"),
             "info": translate("Labels", "Info")}
    return names.get(level, _fallback(level))


def alert_kind(kind: str) -> str:
    """The kind's title from the one vocabulary (``shopwatch.alert_kinds``)."""
    return alert_kinds.title(kind, i18n.current_language())


def notice_kind(kind: str, fallback: str = "") -> str:
    """The kind of a notice; ``fallback`` (e.g. a user rule file's own label) names kinds
    this version does not know."""
    names = {
        "false_trading": translate("Labels", "False trading"),
        "counterfeit": translate("Labels", "Counterfeit goods"),
        "ip_infringement": translate("Labels", "IP infringement"),
        "misdescription": translate("Labels", "Misdescription"),
        "prohibited": translate("Labels", "Prohibited item"),
        "search_demotion": translate("Labels", "Search demotion"),
        "deleted_without_reason": translate("Labels", "Deleted without reason"),
        "spam_listing": translate("Labels", "Listing spam"),
        "other": translate("Labels", "Other violation"),
        # Amazon's issue and account-health kinds (connectors/amazon_records.py)
        "ip_complaint": translate("Labels", "IP complaint"),
        "authenticity": translate("Labels", "Authenticity complaint"),
        "catalog_item_removed": translate("Labels", "Removed from the catalogue"),
        "listing_suppressed": translate("Labels", "Listing suppressed"),
        "search_suppressed": translate("Labels", "Search suppressed"),
        "attribute_suppressed": translate("Labels", "Attribute suppressed"),
        "account_health": translate("Labels", "Account health"),
        "listing_policy": translate("Labels", "Listing policy violation"),
        "product_condition": translate("Labels", "Product condition complaint"),
        "product_safety": translate("Labels", "Product safety"),
        "restricted_product": translate("Labels", "Restricted product"),
        "other_policy": translate("Labels", "Other policy violation"),
    }
    return names.get(kind, fallback or _fallback(kind))


def notice_status(status: str) -> str:
    names = {"open": translate("Labels", "Open"),
             "appealed": translate("Labels", "Appealed"),
             "revoked": translate("Labels", "Revoked"),
             "upheld": translate("Labels", "Upheld")}
    return names.get(status, _fallback(status))


def ledger(name: str) -> str:
    names = {"general": translate("Labels", "General violations"),
             "serious": translate("Labels", "Serious violations")}
    return names.get(name, _fallback(name))


def ledger_column(name: str) -> str:
    """The ledger in a narrow table column."""
    names = {"general": translate("Labels", "General"),
             "serious": translate("Labels", "Serious")}
    return names.get(name, _fallback(name))


def shop_name(name: str, platform: str) -> str:
    """The demo shop is called "Demo shop" in the UI language; real shops by their name."""
    if platform == "demo" and name == "demo":
        return translate("Labels", "Demo shop")
    return name


def ledger_short(name: str) -> str:
    names = {"general": translate("Labels", "general"),
             "serious": translate("Labels", "serious")}
    return names.get(name, name)


def sync_error(kind: str) -> str:
    """A plain sentence for why a sync failed (``ConnectorError.kind`` / the run's error_kind).
    The technical detail, in English, goes in a tooltip beside it."""
    sentences = {
        "auth": translate("Labels", "The platform rejected the shop's credentials or the "
                          "session expired. Authorise shopwatch again and update the session "
                          "key in Settings."),
        "network": translate("Labels", "The platform could not be reached. Check the internet "
                             "connection; shopwatch will try again."),
        "rate_limit": translate("Labels", "The platform is limiting requests right now; "
                                "shopwatch will try again later."),
        "incomplete": translate("Labels", "The platform sent an incomplete list, so nothing "
                                "was changed. shopwatch will try again."),
        "source": translate("Labels", "The platform answered with an error. Nothing was "
                            "changed."),
        "store": translate("Labels", "The results could not be saved: the disk may be full "
                           "or the data folder read-only (the details say which). Nothing was "
                           "changed."),
        "corrupt": translate("Labels", "shopwatch found damage in its data file and stopped "
                             "saving to it. Restart shopwatch to restore the newest good "
                             "backup; the damaged file is kept."),
        "cancelled": translate("Labels", "The sync was cancelled; nothing was changed."),
        "interrupted": translate("Labels", "The last sync was interrupted; nothing from it was "
                                 "saved."),
        "config": translate("Labels", "This shop is not fully set up yet. Open Settings → "
                            "Shops to complete it."),
        "file": translate("Labels", "The export file could not be read, or what it says does "
                          "not add up. Nothing was imported; the details say which file, line "
                          "and column to check."),
        "suspicious_drop": translate("Labels", "The export holds far fewer listings than the "
                                     "shop had, so nothing was imported. If it covers only part "
                                     "of the shop (one page or one tab), export all of it; if "
                                     "the listings really are gone, confirm it and import "
                                     "again."),
        "rules": translate("Labels", "Your edited rule file (in the profile's rules folder) "
                           "has a mistake, so nothing was synced. Correct it, or delete it to "
                           "use the built-in rules."),
        "internal": translate("Labels", "Something unexpected went wrong, so nothing was "
                              "changed. Please report this with the details."),
        "busy": translate("Labels", "Another sync of this shop was already running (from the "
                          "command line or another window), so this one did not start. "
                          "shopwatch will try again."),
        "superseded": translate("Labels", "A newer sync of this shop saved its results while "
                                "this one was still fetching, so this older one was set aside. "
                                "Nothing is wrong."),
    }
    return sentences.get(kind, translate("Labels", "The sync failed. Nothing was changed."))


def with_detail(sentence: str, detail: str = "") -> str:
    """``sentence`` with the technical detail under it when the UI speaks English (the detail
    always does); in another language callers show the detail in a tooltip instead."""
    if detail and QLocale().language() != QLocale.Language.Chinese:  # English is the default
        return f"{sentence}\n{detail}"
    return sentence


def failure_text(kind: str, detail: str = "") -> str:
    """The sentence for a failure of ``kind`` (see ``sync_error``), with ``with_detail``."""
    return with_detail(sync_error(kind), detail)


def consequence(text: str) -> str:
    """Rule-file consequences are data; the shipped ones have translations, a seller's own
    edited text is shown as written."""
    return translate("RuleText", text) if text else ""


# The shipped rule file's consequence texts, listed so the translation tools pick them up.
SHIPPED_CONSEQUENCES = (
    QT_TRANSLATE_NOOP("RuleText", "Shop shielding and listing restrictions for 7 days (节点处罚)"),
    QT_TRANSLATE_NOOP(
        "RuleText", "Shop shielding and restrictions for 14 days; may lose campaign eligibility"),
    QT_TRANSLATE_NOOP("RuleText", "Shop shielding and restrictions for 21 days"),
    QT_TRANSLATE_NOOP("RuleText", "Shop may be closed or the seller's account restricted"),
)


# --- platform rule data (Notices & points → Platform rules) -------------------------------

RULE_STATUS_COLORS = {"verified": "ok", "unverified": "warning", "edited": "info"}


def rule_status(status: str) -> str:
    """The badge of a rule item: verified / unverified against the rule centre, or changed
    in the user's own copy."""
    names = {"verified": translate("Labels", "verified"),
             "unverified": translate("Labels", "unverified"),
             "edited": translate("Labels", "edited by you")}
    return names.get(status, _fallback(status))


def rule_label(key: str, fallback: str = "") -> str:
    """The name of a rule item (``RuleItem.key``). The rule file's own labels are English (or
    name a ledger in both languages); known keys get the UI language, others keep the file's."""
    section, _, name = key.partition(".")
    if section == "reset":
        return translate("Labels", "Points reset every year on")
    if section == "ledger" and name in ("general", "serious"):
        return translate("Labels", "%1: point thresholds").replace("%1", ledger(name))
    if section == "consequence" and name.isdigit():
        return translate("Labels", "At %1 points").replace("%1", name)
    if section == "appeal_window":
        return notice_kind(name, fallback)
    return fallback or _fallback(key)

