"""A Chinese explanation beside each section of an English Plan of Action, for sellers who read
Chinese: what the section tells Amazon and what a good one contains. The letter itself stays
English (Amazon reads English); the editor shows ``side_by_side`` next to it.

Data plus two functions: ``explanation(section, kind)`` for one section, and ``side_by_side``
for a rendered letter split at its headings. Pure, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: the sections of every built-in Amazon POA template, in letter order
SECTIONS = ("title", "opening", "notice", "root_cause", "corrective_actions",
            "preventive_actions", "evidence", "request", "closing")

#: English heading words -> section (the templates' "## 2. Root cause" and the like)
HEADINGS = {"the notice": "notice", "root cause": "root_cause",
            "corrective actions taken": "corrective_actions",
            "preventive measures": "preventive_actions", "evidence": "evidence"}

EXPLANATIONS: dict[str, str] = {
    "title": "标题：说明这是一份针对哪类问题的行动计划（Plan of Action，简称 POA）。亚马逊只审阅英文，"
             "所以信件保持英文，这里的中文只供您理解。",
    "opening": "开头：说明您是哪个卖家账户、亚马逊在何时对哪个商品（SKU）采取了什么措施，并说明本信将依次"
               "回答三个问题：根本原因、已经完成的整改、防止再次发生的措施。",
    "notice": "通知内容：列出卖家账户、通知标题、涉及的 SKU 和亚马逊通知的原文。请核对 SKU 和 ASIN 是否与"
              "通知完全一致，每个受影响的商品都要写到。",
    "root_cause": "根本原因：用一两句话如实说明问题为什么会发生，要具体到流程上的漏洞（例如“上架前没有核对品牌授权”），"
                  "不要辩解、不要情绪化，也不要把责任推给买家或亚马逊。",
    "corrective_actions": "已完成的整改：写已经做完的事（用过去时），例如已删除侵权内容、已下架问题库存、已联系"
                          "受影响的买家。每一条都要具体、可核实；还没做的事不要写在这里。",
    "preventive_actions": "预防措施：说明今后用什么制度或流程防止同类问题再次发生，例如上架前的检查清单、"
                          "供应商审核、员工培训、定期自查，最好写明由谁负责、多久检查一次。",
    "evidence": "证据清单：列出随信附上的文件。亚马逊会逐项核对，文件名要清楚，相关内容（SKU、ASIN、数量、日期）"
                "最好用记号标出。",
    "request": "请求：简短地请亚马逊恢复商品或账户，并表示愿意补充任何需要的材料。语气要礼貌、克制。",
    "closing": "落款：结束语、店铺名称、联系方式和日期。请确认联系方式可用，亚马逊可能会回信索取更多材料。",
}

#: what the root cause and the evidence must show for a particular kind of notice
BY_KIND: dict[str, dict[str, str]] = {
    "ip_complaint": {
        "root_cause": "知识产权投诉：说明为什么会使用他人的商标、图片或专利（例如跟卖了带品牌名的商品、"
                      "使用了网上找到的图片），以及为什么当时没有发现。",
        "evidence": "知识产权投诉：附品牌授权书、许可协议或从权利人处直接进货的发票；如果权利人同意撤诉，"
                    "撤诉必须由权利人直接发给亚马逊。",
    },
    "authenticity": {
        "root_cause": "真实性投诉：说明货源（从哪个供应商进货）以及可能导致买家认为是假货的原因，"
                      "例如包装不同、来源无法追溯。",
        "evidence": "真实性投诉：附最近 365 天内开具的进货发票，数量要覆盖已售出的件数；"
                    "附供应商的名称、地址、电话和邮箱或网址，亚马逊可能会致电核实；价格可以遮盖，其余内容必须清晰。",
    },
    "product_safety": {
        "root_cause": "商品安全：说明安全问题出在设计、材料、生产、包装还是说明书，以及质检为什么没有发现。",
        "evidence": "商品安全：附检测报告、合格证书（例如 CPC、CE）、质检记录或召回处理记录。",
    },
    "account_deactivated": {
        "root_cause": "账户被停用：逐一回答通知中列出的每个违规原因，找到共同的根本原因，不要只谈个别订单。",
        "evidence": "账户被停用：按通知的要求附材料；若与商品真实性有关，附 365 天内的发票和供应商联系方式。",
    },
    "account_health": {
        "root_cause": "账户有停用风险：说明导致账户状况评级下降的具体违规，并尽快处理，避免账户被停用。",
    },
    "listing_policy": {
        "root_cause": "商品发布政策：指出违反的是哪一条政策（标题、图片、类目、定价等），以及为什么上架时没有发现。",
        "evidence": "商品发布政策：修改后的商品页面本身就是证据，可附修改前后的截图。",
    },
}
#: kinds that read like another one's explanations
_SAME_AS = {"listing_suppressed": "listing_policy", "catalog_item_removed": "listing_policy",
            "restricted_product": "listing_policy", "listing_removed": "listing_policy",
            "product_condition": "listing_policy", "search_suppressed": "listing_policy"}


def explanation(section: str, kind: str | None = None) -> str:
    """The Chinese explanation of one POA section, with what the notice's kind adds."""
    if section not in EXPLANATIONS:
        raise ValueError(f"unknown POA section '{section}' (one of {', '.join(SECTIONS)})")
    text = EXPLANATIONS[section]
    extra = BY_KIND.get(_SAME_AS.get(kind or "", kind or ""), {}).get(section)
    return f"{text}\n{extra}" if extra else text


@dataclass(frozen=True, slots=True)
class SectionPair:
    """One section of the letter (English, as written) and its Chinese explanation."""

    section: str
    heading: str
    english: str
    chinese: str


_HEADING = re.compile(r"^##\s+(?:\d+\.\s*)?(.+?)\s*$")
_LIST_LINE = re.compile(r"^\s*(?:\d+\.|[-*])\s")
_CLOSING = re.compile(r"^(?:Yours faithfully|Yours sincerely|Sincerely|Best regards|Regards),?\s*$",
                      re.I)


def split_letter(body: str) -> list[tuple[str, str, str]]:
    """(section, heading, text) for a rendered POA: its title line, the opening, each "## "
    section, the request after the evidence list, and the closing."""
    parts: list[tuple[str, str, list[str]]] = []
    current = ("opening", "", [])
    for line in body.splitlines():
        if line.startswith("# ") and not parts and not any(current[2]):
            parts.append(("title", line[2:].strip(), [line]))
            continue
        heading = _HEADING.match(line)
        if heading:
            parts.append(current)
            name = heading.group(1).strip()
            current = (HEADINGS.get(name.lower(), "evidence" if "evidence" in name.lower()
                                    else name.lower().replace(" ", "_")), name, [line])
            continue
        if _CLOSING.match(line.strip()):
            parts.append(current)
            current = ("closing", "", [line])
            continue
        if (current[0] == "evidence" and line.strip() and not _LIST_LINE.match(line)
                and any(_LIST_LINE.match(x) for x in current[2])):
            parts.append(current)
            current = ("request", "", [line])
            continue
        current[2].append(line)
    parts.append(current)
    return [(name, heading, "\n".join(lines).strip()) for name, heading, lines in parts
            if "\n".join(lines).strip()]


def side_by_side(body: str, kind: str | None = None) -> list[SectionPair]:
    """The letter in sections, each with its Chinese explanation (a section the templates do
    not know, e.g. one the seller added, gets the general advice of the closest: none)."""
    out = []
    for section, heading, text in split_letter(body):
        chinese = explanation(section, kind) if section in EXPLANATIONS else \
            "这一部分是您自己添加的内容：请确认它用英文写成、陈述事实、与通知相关。"
        out.append(SectionPair(section, heading, text, chinese))
    return out
