"""The restore kit (issue 18): listings the platform deleted or delisted, as a 淘宝助理 / 千牛
data package (宝贝数据包) the seller imports into the listing tool to put them back up once the
appeal succeeds. Format facts in docs/listing-files.md: UTF-16 LE with a byte-order mark,
tab-separated, CRLF; a ``version 1.00`` line, the English keys row, the Chinese names row, one
row per listing; a cell holding a tab, line break or quote is quoted with quotes doubled.

Each row carries the listing's last known content: title, category id (cid), price, stock
(num), outer id, the platform id (num_id: the row is the published listing, not a new draft),
and a description with the main picture and the old page's address, since the TOP item data
shopwatch reads holds no description of its own."""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from shopwatch.models import DELETED, VIOLATION_OFF_SHELF, Listing

#: what the platform did that a restore kit undoes
RESTORABLE = (DELETED, VIOLATION_OFF_SHELF)

# The 63 columns of the newest data packages (keys, then the names the tool shows), in order.
PACKAGE_KEYS = ["title", "cid", "seller_cids", "stuff_status", "location_state", "location_city", "item_type", "price", "auction_increment", "num", "valid_thru", "freight_payer", "post_fee", "ems_fee", "express_fee", "has_invoice", "has_warranty", "approve_status", "has_showcase", "list_time", "description", "cateProps", "postage_id", "has_discount", "modified", "upload_fail_msg", "picture_status", "auction_point", "picture", "video", "skuProps", "inputPids", "inputValues", "outer_id", "propAlias", "auto_fill", "num_id", "local_cid", "navigation_type", "user_name", "syncStatus", "is_lighting_consigment", "is_xinpin", "foodparame", "features", "buyareatype", "global_stock_type", "global_stock_country", "sub_stock_type", "item_size", "item_weight", "sell_promise", "custom_design_flag", "wireless_desc", "barcode", "sku_barcode", "newprepay", "subtitle", "cpv_memo", "input_custom_cpv", "qualification", "add_qualification", "o2o_bind_service"]
PACKAGE_NAMES = [n.replace("sku_", "sku ") for n in ["宝贝名称", "宝贝类目", "店铺类目", "新旧程度", "省", "城市", "出售方式", "宝贝价格", "加价幅度", "宝贝数量", "有效期", "运费承担", "平邮", "EMS", "快递", "发票", "保修", "放入仓库", "橱窗推荐", "开始时间", "宝贝描述", "宝贝属性", "邮费模版ID", "会员打折", "修改时间", "上传状态", "图片状态", "返点比例", "新图片", "视频", "销售属性组合", "用户输入ID串", "用户输入名-值对", "商家编码", "销售属性别名", "代充类型", "数字ID", "本地ID", "宝贝分类", "用户名称", "宝贝状态", "闪电发货", "新品", "食品专项", "尺码库", "采购地", "库存类型", "国家地区", "库存计数", "物流体积", "物流重量", "退换货承诺", "定制工具", "无线详情", "商品条形码", "sku_条形码", "7天退货", "宝贝卖点", "属性值备注", "自定义属性值", "商品资质", "增加商品资质", "关联线下服务"]]
assert len(PACKAGE_KEYS) == len(PACKAGE_NAMES) == 63


class RestoreKitError(ValueError):
    pass


def _cell(value: str) -> str:
    if any(ch in value for ch in ("\t", "\n", "\r", '"')):
        return '"' + value.replace('"', '""') + '"'
    return value


def _description(item: Listing) -> str:
    parts = []
    if item.pic_url:
        parts.append(f'<p><img src="{html.escape(item.pic_url, quote=True)}"></p>')
    if item.url:
        parts.append(f'<p>原商品页：{html.escape(item.url)}</p>')
    return "".join(parts)


def package_row(item: Listing) -> list[str]:
    values = dict.fromkeys(PACKAGE_KEYS, "")
    values.update({
        "title": item.title, "cid": item.category or "", "price": item.price or "",
        "num": "" if item.quantity is None else str(item.quantity),
        "outer_id": item.outer_id or "", "num_id": item.listing_id,
        "description": _description(item),
    })
    return [values[k] for k in PACKAGE_KEYS]


def restorable(listings: Sequence[Listing], since: str | None = None) -> list[Listing]:
    """Listings the platform deleted or delisted (since the ISO date ``since``)."""
    out = [item for item in listings if item.status in RESTORABLE
           and (since is None or (item.status_changed_at or "") >= since)]
    return sorted(out, key=lambda i: (i.status_changed_at or "", i.listing_id))


def package_bytes(items: Sequence[Listing]) -> bytes:
    lines = ["version 1.00", "\t".join(PACKAGE_KEYS), "\t".join(PACKAGE_NAMES)]
    lines += ["\t".join(_cell(c) for c in package_row(item)) for item in items]
    return b"\xff\xfe" + ("\r\n".join(lines) + "\r\n").encode("utf-16-le")


def write_restore_kit(items: Sequence[Listing], output: Path) -> Path:
    """Write the package atomically (a failed write never leaves half a file)."""
    if not items:
        raise RestoreKitError("no listing was deleted or delisted by the platform in that "
                              "period: there is nothing to restore")
    output = Path(output)
    folder = output.parent if str(output.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".restore-", suffix=".csv", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(package_bytes(items))
        os.replace(tmp, output)
    except OSError as exc:
        raise RestoreKitError(f"cannot write {output}: {exc}") from exc
    return output
