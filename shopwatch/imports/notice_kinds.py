"""The kinds of notice the rule data names (``resources/rules/*.toml``), apart from
``notice_text``'s reader: the rules load at start-up, the reader's patterns on first use."""

from __future__ import annotations

from dataclasses import dataclass

from shopwatch.models import CRITICAL, WARNING

OTHER = "other"


@dataclass(frozen=True, slots=True)
class NoticeKind:
    """One kind of notice and the words that name it (rule data: resources/rules/*.toml)."""

    kind: str
    keywords: tuple[str, ...]
    category: str = "general"
    severity: str = WARNING
    label: str = ""
    #: a measure (search demotion) rather than a cause: a named cause wins when points are taken
    measure: bool = False
    #: broader kinds this one wins over when both are named ("counterfeit goods" is also an IP
    #: infringement, and the narrower name is the one the appeal must answer)
    outranks: tuple[str, ...] = ()


#: used when the rule data names no kinds (a user's file from an older version)
DEFAULT_KINDS: tuple[NoticeKind, ...] = (
    NoticeKind("false_trading", ("虚假交易", "刷单", "炒作信用", "虚假销量", "false trading",
                                 "false transaction", "fake transaction", "fake orders",
                                 "brushing", "irregular transactions", "sales speculation",
                                 "review manipulation", "fake reviews")),
    NoticeKind("counterfeit", ("假冒", "假货", "仿冒", "售假", "counterfeit", "fake goods",
                               "replica", "inauthentic", "not authentic"),
               category="serious", severity=CRITICAL, outranks=("ip_infringement",)),
    NoticeKind("ip_infringement", ("知识产权", "侵权", "商标权", "著作权", "专利权",
                                   "不当使用他人权利", "intellectual property", "infringement",
                                   "trademark", "copyright"), category="serious"),
    NoticeKind("misdescription", ("描述不符", "与描述不符", "描述不一致", "描述与实际不符",
                                  "实物与描述不符", "与描述不一致", "not as described",
                                  "misdescription", "misdescribed", "inaccurate description",
                                  "misleading description")),
    NoticeKind("prohibited", ("违禁", "禁售", "禁止发布", "限制发布", "prohibited", "banned item",
                              "restricted item", "restricted product", "not permitted for sale"),
               category="serious", severity=CRITICAL),
    NoticeKind("spam_listing", ("滥发信息", "重复铺货", "广告商品", "信息与实际不符", "spam",
                                "duplicate listing", "keyword stuffing")),
    NoticeKind("search_demotion", ("搜索降权", "降权", "搜索屏蔽", "单品降权", "demoted",
                                   "demotion", "lowered in search", "search ranking"),
               measure=True),
)
