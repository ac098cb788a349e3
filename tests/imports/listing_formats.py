"""Column lists of the listing files sellers already have, as public code writes or reads them
(sources in docs/listing-files.md), and writers that produce those files byte for byte: the
淘宝助理 / 千牛 data package (宝贝数据包) and the 生意参谋 item report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


# The data package header of listing tools that write 淘宝助理's format, e.g.
# c2003070110/TBTool src/com/walk_nie/taobao/util/TaobaoUtil.java (composeTaobaoHeaderLine) and
# object/BaobeiPublishObject.java: "version 1.00", then these keys, then these names.
PACKAGE_KEYS = _words(
    "title cid seller_cids stuff_status location_state location_city item_type price "
    "auction_increment num valid_thru freight_payer post_fee ems_fee express_fee has_invoice "
    "has_warranty approve_status has_showcase list_time description cateProps postage_id "
    "has_discount modified upload_fail_msg picture_status auction_point picture video skuProps "
    "inputPids inputValues outer_id propAlias auto_fill num_id local_cid navigation_type "
    "user_name syncStatus is_lighting_consigment is_xinpin foodparame features buyareatype "
    "global_stock_type global_stock_country sub_stock_type item_size item_weight sell_promise "
    "custom_design_flag wireless_desc barcode sku_barcode newprepay subtitle cpv_memo "
    "input_custom_cpv qualification add_qualification o2o_bind_service")
PACKAGE_NAMES = _words(
    "宝贝名称 宝贝类目 店铺类目 新旧程度 省 城市 出售方式 宝贝价格 加价幅度 宝贝数量 有效期 运费承担 平邮 EMS "
    "快递 发票 保修 放入仓库 橱窗推荐 开始时间 宝贝描述 宝贝属性 邮费模版ID 会员打折 修改时间 上传状态 图片状态 "
    "返点比例 新图片 视频 销售属性组合 用户输入ID串 用户输入名-值对 商家编码 销售属性别名 代充类型 数字ID 本地ID "
    "宝贝分类 用户名称 宝贝状态 闪电发货 新品 食品专项 尺码库 采购地 库存类型 国家地区 库存计数 物流体积 物流重量 "
    "退换货承诺 定制工具 无线详情 商品条形码 sku_条形码 7天退货 宝贝卖点 属性值备注 自定义属性值 商品资质 "
    "增加商品资质 关联线下服务")
PACKAGE_NAMES = [n.replace("sku_", "sku ") for n in PACKAGE_NAMES]  # the tool writes "sku 条形码"
assert len(PACKAGE_KEYS) == len(PACKAGE_NAMES) == 63

# An older package's Chinese row, as a public PHP exporter writes it (UTF-16LE with BOM): it
# still has 付款方式 / 支付宝 / 团购价 and names a local 宝贝编号 next to the platform's 数字ID.
OLD_PACKAGE_NAMES = _words(
    "宝贝名称 宝贝类目 店铺类目 新旧程度 省 城市 出售方式 宝贝价格 加价幅度 宝贝数量 有效期 运费承担 平邮 EMS "
    "快递 付款方式 支付宝 发票 保修 自动重发 放入仓库 橱窗推荐 开始时间 心情故事 宝贝描述 宝贝图片 宝贝属性 团购价 "
    "最小团购件数 邮费模板ID 会员打折 修改时间 上传状态 图片状态 返点比例 新图片 视频 销售属性组合 用户输入ID串 "
    "用户输入名-值对 商户编码 销售属性别名 代充类型 宝贝编号 数字ID")

# 生意参谋 → 商品 → 商品排行 export "【生意参谋平台】商品_全部_<from>_<to>.xls": public readers
# skip four rows above the header (pandas header=4, SheetJS range 4) and drop rows whose 商品ID
# is "-"; the numeric columns they list:
SYCM_ITEM_COLUMNS = (
    "统计日期", "商品ID", "商品名称", "主商品ID", "货号", "商品状态", "商品标签", "商品访客数", "商品浏览量",
    "平均停留时长", "商品详情页跳出率", "商品收藏人数", "商品加购件数", "商品加购人数", "下单买家数",
    "下单件数", "下单金额", "下单转化率", "支付买家数", "支付件数", "支付金额", "商品支付转化率",
    "成功退款金额", "搜索引导访客数", "搜索引导支付买家数")


def package_row(listing_id: str, title: str, *, price: str = "128.00", num: str = "10",
                outer_id: str = "", description: str = "", approve_status: str = "0",
                sync_status: str = "1", keys: Sequence[str] = PACKAGE_KEYS) -> list[str]:
    """One listing as the tool writes it: every column, most at the tool's defaults."""
    values = dict.fromkeys(keys, "")
    values.update({
        "title": title, "cid": "50010404", "seller_cids": ",1207493017,", "stuff_status": "1",
        "location_state": "浙江", "location_city": "杭州", "item_type": "1", "price": price,
        "num": num, "valid_thru": "7", "freight_payer": "2", "approve_status": approve_status,
        "description": description, "cateProps": "1627207:28320;20509:28314;",
        "postage_id": "0", "modified": "2026/11/20 10:31:05", "upload_fail_msg": "200",
        "picture_status": "2;2;", "picture": "a1b2c3:1:0:|;d4e5f6:1:1:|;",
        "outer_id": outer_id, "num_id": listing_id, "syncStatus": sync_status,
    })
    return [values[k] for k in keys]


def tsv_cell(value: str) -> str:
    """A cell as 淘宝助理 writes it: quoted when it holds a tab, a line break or a quote."""
    if any(ch in value for ch in ('\t', '\n', '\r', '"')):
        return '"' + value.replace('"', '""') + '"'
    return value


def write_package(path: Path, rows: Sequence[Sequence[str]], *, encoding: str = "utf-16-le",
                  header: Sequence[Sequence[str]] | None = None, version: bool = True) -> Path:
    """A data package: version line, the two header rows, tab-separated CRLF rows, in
    ``encoding`` with its byte-order mark (UTF-16 LE as the tools write it, or another)."""
    lines = ["version 1.00"] if version else []
    for row in (header if header is not None else (PACKAGE_KEYS, PACKAGE_NAMES)):
        lines.append("\t".join(row))
    lines += ["\t".join(tsv_cell(c) for c in row) for row in rows]
    text = "\r\n".join(lines) + "\r\n"
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}
    path.write_bytes(bom.get(encoding, b"") + text.encode(encoding))
    return path
