"""Which column holds what: the Chinese and English header names seller-centre exports use,
the user's own mapping (saved per shop), and telling a listings export from a traffic report
or a list of violation records by its header."""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LISTINGS = "listings"
METRICS = "metrics"
NOTICES = "notices"
KINDS = (LISTINGS, METRICS, NOTICES)
#: Amazon's Suppressed Listings report (imports/amazon_suppressed.py): not a whole-shop export
#: but an overlay on the shop's listings, so it is told apart before the kinds above
SUPPRESSED = "amazon_suppressed"

# Sources of these names (see docs/listing-files.md): seller-centre and 千牛 exports, the
# 淘宝助理 data package (num_id / 数字ID), 生意参谋 item reports (商品ID, 统计日期, 商品访客数 …).
# Earlier names win when a header has several: an old data package has 宝贝编号 and 数字ID,
# and only 数字ID is the listing's id on the platform; a bare "id" may be a row number.
_ID_ALIASES = ("宝贝id", "商品id", "num_iid", "numiid", "num_id", "数字id", "itemid", "item_id",
               "宝贝编号", "商品编号id", "宝贝id号",
               # Amazon's All Listings Report: the SKU is the listing's id (its listing-id
               # column is an internal number Seller Central does not show)
               "seller-sku", "listingid", "listing_id", "productid", "asin", "id")

#: field -> header names (compared after ``normalise_header``), per kind of export
FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    LISTINGS: {
        "listing_id": _ID_ALIASES,
        "title": ("宝贝标题", "商品标题", "标题", "宝贝名称", "商品名称", "title", "itemtitle",
                  "name", "productname", "listingtitle", "item-name"),
        "price": ("价格", "宝贝价格", "商品价格", "一口价", "售价", "销售价", "price", "saleprice"),
        "quantity": ("库存", "数量", "宝贝数量", "库存数量", "总库存", "可售库存", "商品库存", "num",
                     "quantity", "stock", "inventory"),
        "status": ("状态", "宝贝状态", "商品状态", "出售状态", "销售状态", "status",
                   "approve_status", "approvestatus", "listingstatus"),
        "url": ("宝贝链接", "商品链接", "链接", "url", "detail_url", "detailurl", "link"),
        "category": ("类目", "宝贝类目", "商品类目", "类目名称", "淘宝类目", "cid", "category"),
        "outer_id": ("商家编码", "商家外部编码", "外部编码", "货号", "outer_id", "outerid", "sku",
                     "asin1"),
        "pic_url": ("主图", "宝贝主图", "图片", "主图链接", "pic_url", "picurl", "image"),
        "modified": ("修改时间", "最后修改时间", "更新时间", "modified", "updated"),
    },
    METRICS: {
        "listing_id": _ID_ALIASES,
        "day": ("日期", "统计日期", "统计时间", "数据日期", "date", "day", "stat_date", "statdate"),
        "visits": ("访客数", "商品访客数", "宝贝访客数", "访客", "uv", "visitors", "visits",
                   "sessions"),
        "page_views": ("浏览量", "商品浏览量", "宝贝浏览量", "pv", "pageviews", "page_views", "views"),
        "impressions": ("曝光量", "商品曝光量", "展现量", "搜索曝光量", "曝光", "impressions",
                        "exposure", "exposures"),
        "keyword_rank": ("排名", "关键词排名", "搜索排名", "rank", "keywordrank", "keyword_rank"),
        "title": ("商品名称", "商品标题", "宝贝标题", "宝贝名称", "title", "name"),
    },
    NOTICES: {
        "source_id": ("处罚编号", "违规编号", "记录编号", "处罚单号", "通知编号", "编号", "notice_id",
                      "noticeid", "caseid", "case_id", "penaltyid"),
        "kind": ("违规类型", "处罚类型", "违规行为", "违规原因", "违规项", "type", "violation",
                 "violationtype", "kind", "wording", "reason"),
        "points": ("扣分", "扣除分数", "扣分分值", "分值", "积分", "扣分数", "points", "score",
                   "minus_score", "minusscore"),
        "listing_id": _ID_ALIASES,
        "title": ("宝贝标题", "商品标题", "宝贝名称", "商品名称", "标题", "title", "itemtitle"),
        "issued_at": ("处罚时间", "违规时间", "处罚日期", "违规日期", "生效时间", "时间", "日期",
                      "date", "time", "issued_at", "issuedat", "created"),
        "appeal_deadline": ("申诉截止时间", "申诉截止", "申诉期限", "申诉截止日期", "可申诉截止时间",
                            "appealdeadline", "appeal_deadline", "deadline"),
        "status": ("状态", "处罚状态", "申诉状态", "status"),
        "category": ("违规类别", "违规级别", "积分类型", "category", "ledger", "level"),
        "text": ("描述", "处罚描述", "违规描述", "说明", "处罚内容", "详情", "description",
                 "details", "content", "text"),
    },
}

#: a file without these (after mapping) cannot be imported as that kind
REQUIRED: dict[str, tuple[str, ...]] = {
    LISTINGS: ("listing_id", "title"),
    METRICS: ("listing_id", "day"),
    NOTICES: (),
}
METRIC_VALUES = ("visits", "page_views", "impressions", "keyword_rank")
#: header names that mean something else than the field a second name of the same column
#: suggests: in the 淘宝助理 data package 宝贝状态 is ``syncStatus`` (the tool's upload state)
#: and 放入仓库 (``approve_status``) is a 0/1 flag whose direction public writers disagree on,
#: so neither may be read as the listing's status.
NOT_A_FIELD = frozenset({"syncstatus", "放入仓库", "upload_fail_msg", "上传状态"})
#: English keys only the 淘宝助理 / 千牛 data package (宝贝数据包) header has
DATA_PACKAGE_KEYS = frozenset({"num_id", "cateprops", "seller_cids", "stuff_status",
                               "location_state", "auction_increment", "postage_id"})
#: header fields that only one kind of export has: they decide the kind
_TELLING = {
    METRICS: ("day", "visits", "page_views", "impressions"),
    NOTICES: ("kind", "points", "appeal_deadline", "source_id"),
}


def normalise_header(text: str) -> str:
    """Full-width to half-width, lower case, no spaces, units in brackets dropped:
    ``价格（元）`` and ``价格`` compare equal, as do ``Item ID`` and ``itemid``."""
    text = unicodedata.normalize("NFKC", text).strip().lower().lstrip("*").rstrip("*:")
    text = re.sub(r"[(\[【].*?[)\]】]$", "", text).strip()
    return re.sub(r"[\s\-]+", "", text)


#: kind -> normalised alias -> (field, rank of the alias among the field's names)
_ALIAS_INDEX: dict[str, dict[str, tuple[str, int]]] = {
    kind: {normalise_header(alias): (name, rank) for name, aliases in fields.items()
           for rank, alias in enumerate(aliases)}
    for kind, fields in FIELDS.items()
}


@dataclass(slots=True)
class ColumnMapping:
    """The user's own names: ``{"listings": {"listing_id": "商家货号"}}`` plus the words their
    export uses for statuses. Saved per shop once an import with it succeeds."""

    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    status_values: dict[str, str] = field(default_factory=dict)

    def for_kind(self, kind: str) -> dict[str, str]:
        return dict(self.columns.get(kind, {}))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: dict(v) for k, v in self.columns.items() if v}
        if self.status_values:
            out["status_values"] = dict(self.status_values)
        return out

    def merged(self, other: ColumnMapping | None) -> ColumnMapping:
        """``other`` wins field by field."""
        if other is None:
            return self
        columns = {k: dict(v) for k, v in self.columns.items()}
        for kind, fields in other.columns.items():
            columns.setdefault(kind, {}).update(fields)
        return ColumnMapping(columns, {**self.status_values, **other.status_values})

    @classmethod
    def from_json(cls, data: Mapping[str, Any], *, default_kind: str = LISTINGS) -> ColumnMapping:
        """Per-kind tables, or one flat table meaning ``default_kind``. Raises ValueError."""
        if not isinstance(data, Mapping):
            raise ValueError("a mapping must be a table of field = column name")
        columns: dict[str, dict[str, str]] = {}
        status_values: dict[str, str] = {}
        flat: dict[str, str] = {}
        for key, value in data.items():
            if key == "status_values":
                status_values = _status_table(value)
            elif key in KINDS:
                if not isinstance(value, Mapping):
                    raise ValueError(f"[{key}] must be a table of field = column name")
                inner = dict(value)
                if "status_values" in inner:
                    status_values.update(_status_table(inner.pop("status_values")))
                columns[key] = _field_table(key, inner)
            else:
                flat[key] = value
        if flat:
            columns.setdefault(default_kind, {}).update(_field_table(default_kind, flat))
        return cls(columns, status_values)

    @classmethod
    def load(cls, path: Path, *, default_kind: str = LISTINGS) -> ColumnMapping:
        """A mapping file (TOML or JSON). Raises ValueError with a sentence naming the file."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the mapping file {path}: {exc}") from exc
        try:
            data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
        except (ValueError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"the mapping file {path} is not valid "
                             f"{'JSON' if path.suffix.lower() == '.json' else 'TOML'}: {exc}") from exc
        try:
            return cls.from_json(data, default_kind=default_kind)
        except ValueError as exc:
            raise ValueError(f"the mapping file {path}: {exc}") from exc


def _field_table(kind: str, data: Mapping[str, Any]) -> dict[str, str]:
    known = FIELDS[kind]
    out = {}
    for name, column in data.items():
        if name not in known:
            raise ValueError(f"'{name}' is not a field of a {kind} import "
                             f"(fields: {', '.join(known)})")
        if not isinstance(column, str) or not column.strip():
            raise ValueError(f"the column for '{name}' must be a header name")
        out[name] = column.strip()
    return out


def _status_table(data: Any) -> dict[str, str]:
    from shopwatch.models import SOURCE_STATUSES

    if not isinstance(data, Mapping):
        raise ValueError("status_values must be a table of word = status")
    out = {}
    for word, status in data.items():
        if status not in SOURCE_STATUSES:
            raise ValueError(f"status_values: '{status}' is not one of {', '.join(SOURCE_STATUSES)}")
        out[str(word)] = str(status)
    return out


#: one column's header: its name, or every name it goes by when the header has two rows
Header = str | Sequence[str]


def column_names(header: Header) -> tuple[str, ...]:
    """The normalised names of one column (one, or one per header row)."""
    names = (header,) if isinstance(header, str) else tuple(header)
    return tuple(n for n in (normalise_header(h) for h in names) if n)


def match_fields(headers: Sequence[Header], kind: str, user: Mapping[str, str] | None = None
                 ) -> dict[str, int]:
    """field -> column index for one kind. The user's names win; otherwise the column with
    the best-ranked known alias (leftmost on a tie). A column that also goes by a name in
    NOT_A_FIELD is never guessed."""
    normalised = [column_names(h) for h in headers]
    found: dict[str, int] = {}
    for name, column in (user or {}).items():
        target = normalise_header(column)
        for i, names in enumerate(normalised):
            if target in names:
                found[name] = i
                break
    taken = set(found.values())
    index = _ALIAS_INDEX[kind]
    candidates = sorted((hit[1], i, hit[0]) for i, names in enumerate(normalised)
                        if not any(n in NOT_A_FIELD for n in names)
                        for hit in (index.get(n) for n in names) if hit)
    for _, i, name in candidates:  # the best-ranked name first, then the leftmost column
        if name not in found and i not in taken:
            found[name] = i
            taken.add(i)
    return found


def is_data_package(headers: Sequence[Header]) -> bool:
    """Whether a header is the 淘宝助理 / 千牛 data package's (its English field keys)."""
    keys = {n for h in headers for n in column_names(h)}
    return len(keys & DATA_PACKAGE_KEYS) >= 3


def header_score(cells: Sequence[Header], user: ColumnMapping | None = None) -> int:
    """How many distinct known fields a header row names, for the kind it names most of."""
    if sum(1 for c in cells if column_names(c)) < 2:
        return 0
    return max(len(match_fields(cells, kind, (user.for_kind(kind) if user else None)))
               for kind in KINDS)


#: header names only Amazon's Suppressed Listings report has (GET_MERCHANTS_LISTINGS_FYP_REPORT:
#: Status, Reason, SKU, ASIN, Product name, Condition, Status Change Date, Issue Description)
SUPPRESSED_MARKS = frozenset({"reason", "statuschangedate", "issuedescription",
                              "statuschangereason"})


def is_amazon_suppressed(headers: Sequence[Header]) -> bool:
    """Whether a header is Amazon's Suppressed Listings report's. Its Reason column would read
    as a violation type and its ASIN as a listing id, and either reading would be wrong."""
    names = {n for h in headers for n in column_names(h)}
    return "status" in names and len(names & SUPPRESSED_MARKS) >= 2


def detect_kind(headers: Sequence[Header], user: ColumnMapping | None = None) -> str | None:
    """What a header row belongs to, or None when it is not clear."""
    if is_amazon_suppressed(headers):
        return SUPPRESSED
    fields = {kind: match_fields(headers, kind, user.for_kind(kind) if user else None)
              for kind in KINDS}
    metric = fields[METRICS]
    if "day" in metric and "listing_id" in metric and any(v in metric for v in METRIC_VALUES):
        return METRICS
    notice = fields[NOTICES]
    if sum(1 for f in _TELLING[NOTICES] if f in notice) >= 1 and (
            "kind" in notice or "points" in notice):
        return NOTICES
    listing = fields[LISTINGS]
    if "listing_id" in listing and "title" in listing:
        return LISTINGS
    return None
