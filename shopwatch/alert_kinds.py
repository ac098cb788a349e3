"""The words for each alert kind, defined once per language: its title, what it means and
what to do next. The CLI, the desktop app (tables, detail pane, tray, settings) and the
notification templates all read them from here, so one kind is never worded two ways.

Plain Python: no Qt, no I/O. Languages are the app's (``en``, ``zh_CN``); Chinese text uses
Chinese punctuation."""

from __future__ import annotations

from dataclasses import dataclass

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)


@dataclass(frozen=True, slots=True)
class KindWords:
    title: str  # a short name: table cells, filters, notification titles
    description: str  # what happened, in one phrase: settings lists, tooltips
    next_step: str  # what the seller should do now


WORDS: dict[str, dict[str, KindWords]] = {
    ENGLISH: {
        "deleted": KindWords(
            "Listing deleted", "A listing was deleted by the platform",
            "Look for the penalty notice in the seller centre. If the deletion is wrong, "
            "appeal before the deadline with order numbers, tracking numbers and chat records."),
        "violation_off_shelf": KindWords(
            "Violation delisting", "A listing was delisted for a violation",
            "Open the notice, fix the listing (title, images, description) or appeal with "
            "evidence. Do not relist an identical copy: that counts as repeat violation."),
        "seller_off_shelf": KindWords(
            "Moved to warehouse", "A listing was taken off the shelf",
            "If nobody in your team took it down, check who has access to the shop."),
        "demoted": KindWords(
            "Search demotion", "Search traffic of a listing collapsed",
            "Check the listing for keyword stuffing, misleading prices or unusual orders; "
            "correct it and watch traffic for a few days before changing more."),
        "new_penalty": KindWords(
            "New penalty", "The platform issued a penalty notice",
            "Read the notice, collect evidence and decide whether to appeal. The deadline is "
            "usually a few days."),
        "points_threshold": KindWords(
            "Penalty points", "Penalty points near or at a threshold",
            "Avoid any new violation until the points reset. Appeal open notices where you "
            "can: each revoked notice gives its points back."),
        "appeal_deadline": KindWords(
            "Appeal deadline", "An appeal deadline is coming up",
            "Draft and submit the appeal now; after the deadline the penalty stands."),
        "changed_by_platform": KindWords(
            "Changed by platform", "A title or price was changed by the platform",
            "If nobody in your team changed it, compare with your records and correct it in "
            "the seller centre."),
        "mass_disappearance": KindWords(
            "Mass disappearance", "Many listings disappeared at once",
            "This looks like a platform campaign. Check your notices now and appeal each wrong "
            "deletion; keep evidence for every listing."),
        "sync_failing": KindWords(
            "Sync failing", "Syncing keeps failing: the shop is not being watched",
            "Open Settings and test the shop's connection. An expired session must be "
            "authorised again."),
    },
    CHINESE: {
        "deleted": KindWords(
            "宝贝被删除", "宝贝被平台删除",
            "请到卖家中心查找对应的处罚通知。如果删除有误，请在截止前提交申诉，并附上订单号、物流单号和聊天记录。"),
        "violation_off_shelf": KindWords(
            "违规下架", "宝贝因违规被下架",
            "查看处罚通知，修改宝贝（标题、图片、描述），或带上证据申诉。不要重新发布一模一样的宝贝，否则会被视为重复违规。"),
        "seller_off_shelf": KindWords(
            "下架到仓库", "宝贝被下架到仓库",
            "如果团队里没有人下架过它，请检查都有谁能登录店铺后台。"),
        "demoted": KindWords(
            "搜索降权", "宝贝的搜索流量骤降",
            "检查宝贝是否存在关键词堆砌、价格误导或异常订单；修正后先观察几天流量，再决定是否继续调整。"),
        "new_penalty": KindWords(
            "新处罚", "平台发出了处罚通知",
            "阅读处罚通知，收集证据，决定是否申诉。申诉期限通常只有几天。"),
        "points_threshold": KindWords(
            "违规扣分", "扣分接近或达到处罚节点",
            "积分清零前要避免任何新的违规。能申诉的处罚尽量申诉：每撤销一条处罚，扣掉的分就会退回。"),
        "appeal_deadline": KindWords(
            "申诉截止", "申诉即将截止",
            "请现在就起草并提交申诉；过了截止时间，处罚将无法撤销。"),
        "changed_by_platform": KindWords(
            "平台修改", "标题或价格被平台修改",
            "如果团队里没有人修改过，请对照你的记录，在卖家中心改回来。"),
        "mass_disappearance": KindWords(
            "大批宝贝消失", "大批宝贝同时消失",
            "这很可能是平台的集中整治。请立即查看处罚通知，对每一个误删的宝贝提出申诉，并为每个宝贝保留好证据。"),
        "sync_failing": KindWords(
            "同步失败", "同步持续失败：店铺没有被监控",
            "打开“设置”测试店铺连接。会话过期需要重新授权。"),
    },
}

#: several alerts of different kinds together (a notification summary)
SUMMARY_NEXT_STEP = {
    ENGLISH: "Deal with the urgent ones first: appeal windows are short. Every alert's details "
             "and advice are in shopwatch.",
    CHINESE: "请先处理紧急事项：申诉期限很短。每条提醒的详情和处理建议都在 shopwatch 中。",
}


#: what to do about a kind this version does not know
UNKNOWN_NEXT_STEP = {ENGLISH: "Open shopwatch for the details.",
                     CHINESE: "详情请打开 shopwatch 查看。"}


def words(kind: str, language: str = ENGLISH) -> KindWords:
    """The words for ``kind`` in ``language`` (English for an unknown language; a readable
    form of the kind itself for a kind this version does not know)."""
    table = WORDS.get(language) or WORDS[ENGLISH]
    found = table.get(kind)
    if found is not None:
        return found
    readable = kind.replace("_", " ").capitalize()
    return KindWords(readable, readable, UNKNOWN_NEXT_STEP.get(language, UNKNOWN_NEXT_STEP[ENGLISH]))


def title(kind: str, language: str = ENGLISH) -> str:
    return words(kind, language).title


def next_step(kind: str, language: str = ENGLISH) -> str:
    return words(kind, language).next_step
