"""A small real shop in a real SQLite file: one listing and one notice per notice kind, plus
traffic metrics for the demoted listing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from shopwatch.appeals.templates import TemplateLibrary
from shopwatch.models import Listing, MetricRecord, Notice, NoticeRecord, Shop
from shopwatch.store import queries

NOW = "2026-11-20T03:00:00+00:00"
KINDS = ("false_trading", "counterfeit", "ip_infringement", "misdescription", "prohibited",
         "search_demotion", "deleted_without_reason", "other")
TITLES = {
    "false_trading": ("虚假交易处罚通知", "真丝围巾 春季新款 桑蚕丝"),
    "counterfeit": ("出售假冒商品处罚通知", "羊绒披肩 经典格纹"),
    "ip_infringement": ("知识产权侵权处罚通知", "棉麻抱枕套 北欧风"),
    "misdescription": ("描述不符处罚通知", "纯棉枕套 秋季日式"),
    "prohibited": ("发布违禁信息处罚通知", "艾草足贴 助眠"),
    "search_demotion": ("搜索降权通知", "Wool coat winter classic"),
    "deleted_without_reason": ("商品删除通知", "亚麻围裙 冬季国风"),
    "other": ("违规处理通知", "帆布手提包 法式"),
}

#: every known field filled in, as a seller would
FULL_EVIDENCE = {
    "order_ids": ["3561234567890123456", "3561234567890123457"],
    "logistics_company": "顺丰速运",
    "tracking_numbers": ["SF1234567890123"],
    "chat_excerpts": ["买家：请问什么时候发货？\n客服：今天下午发出。"],
    "invoices": [{"name": "invoice-2026-10.pdf", "sha256": "a" * 64, "size": 10,
                  "path": "evidence/notice-1/aaaa-invoice-2026-10.pdf"}],
    "brand_authorisations": [{"name": "authorisation.pdf", "sha256": "b" * 64, "size": 10,
                              "path": "evidence/notice-1/bbbb-authorisation.pdf"}],
    "attachments": [{"name": "label-photo.jpg", "sha256": "c" * 64, "size": 10,
                     "path": "evidence/notice-1/cccc-label-photo.jpg"}],
    "brand_name": "锦绣 Jinxiu",
    "supplier": "杭州锦绣丝绸有限公司",
    "root_cause": "详情页写的面料成分为 100% 桑蚕丝，而本批实物为 92% 桑蚕丝与 8% 氨纶。",
    "corrective_actions": ["已将详情页面料成分更正为 92% 桑蚕丝、8% 氨纶"],
    "preventive_actions": ["上新前由两人对照实物核对规格参数"],
    "self_check": ["标题、主图和详情页不含极限词或违禁词"],
    "statement": "该商品为正常销售，未违反平台规则。",
    "notes": "本店经营五年，无其他违规记录。",
    "contact": "138 0000 0000",
}


@dataclass
class ShopData:
    db: object
    shop: Shop
    notices: dict[str, Notice]
    listings: dict[str, Listing]


def listing_for(shop_id: int, kind: str, n: int) -> Listing:
    return Listing(
        shop_id=shop_id, listing_id=f"6000000000{n:02d}", title=TITLES[kind][1],
        status="deleted" if kind == "deleted_without_reason" else "violation_off_shelf",
        price="128.00", first_seen="2026-01-05T00:00:00+00:00", last_seen=NOW,
        missing_since="2026-11-19T16:00:00+00:00", content_hash=f"hash{n}",
    )


@pytest.fixture
def shop_data(db) -> ShopData:
    shop = queries.add_shop(db, "小雅的丝绸小铺", "taobao", now=NOW)
    run_id = queries.start_run(db, shop.id, NOW)
    listings = {kind: listing_for(shop.id, kind, n) for n, kind in enumerate(KINDS, start=1)}
    with db.atomic():
        queries.write_listings(db, listings.values(), run_id=run_id, now=NOW, changed_hash=set())
    records = [
        NoticeRecord(source_id=f"PN-{n}", kind=kind, points=12 if kind != "search_demotion" else 0,
                     listing_id=listings[kind].listing_id,
                     issued_at="2026-11-20T10:30:00+08:00",
                     appeal_deadline="2026-11-23T10:30:00+08:00", title=TITLES[kind][0],
                     text=f"您的商品「{TITLES[kind][1]}」涉嫌违规。")
        for n, kind in enumerate(KINDS, start=1)
    ]
    with db.atomic():
        notices = {n.kind: n for n in queries.upsert_notices(db, shop.id, records, now=NOW)}
    # the demoted listing: ~100 visits a day, then ~10 from the notice's day on
    start = date(2026, 11, 10)
    metrics = [MetricRecord(listings["search_demotion"].listing_id,
                            (start + timedelta(days=d)).isoformat(),
                            visits=100 + d if d < 10 else 10)
               for d in range(13)]
    with db.atomic():
        queries.upsert_metrics(db, shop.id, metrics)
    return ShopData(db, shop, notices, listings)


@pytest.fixture
def library(profile: Path) -> TemplateLibrary:
    return TemplateLibrary.for_profile(profile)


def write_template(folder: Path, name: str, body: str, *, title: str = "My letter",
                   applies_to: str = '["*"]', required: str = "[]", optional: str = "[]",
                   extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md.j2"
    path.write_text(
        "{#-\n"
        f'title = "{title}"\napplies_to = {applies_to}\nrequired = {required}\n'
        f"optional = {optional}\n{extra}"
        "-#}\n" + body, encoding="utf-8")
    return path
