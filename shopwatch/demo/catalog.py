"""Word lists the demo marketplace builds its listing titles, categories and notice texts from.

Plain data, kept apart from the simulator so the vocabulary can grow without touching the
simulation logic. Category ids are made up but stable: the app only stores them."""

from __future__ import annotations

from typing import NamedTuple


class Product(NamedTuple):
    """One kind of thing the demo shop sells."""

    cid: int
    cn: str  # Chinese product noun
    en: str  # English product noun
    low: int  # price range in yuan
    high: int
    materials: tuple[str, ...]  # keys into MATERIALS
    wearable: bool = True  # picks the style words that make sense for it


# A small apparel and home-textile shop: the kind of seller the false-trading campaigns hit.
PRODUCTS: tuple[Product, ...] = (
    Product(50010404, "围巾", "scarf", 39, 299, ("silk", "wool", "cashmere", "cotton")),
    Product(50000671, "T恤", "T-shirt", 29, 129, ("cotton", "linen", "modal")),
    Product(162104, "衬衫", "shirt", 59, 259, ("cotton", "linen", "silk")),
    Product(50011123, "大衣", "coat", 199, 1299, ("wool", "cashmere")),
    Product(50008901, "羽绒服", "down jacket", 299, 1599, ("down",)),
    Product(50000697, "毛衣", "sweater", 89, 499, ("wool", "cashmere", "cotton")),
    Product(162116, "连衣裙", "dress", 99, 599, ("silk", "cotton", "linen", "chiffon")),
    Product(162201, "半身裙", "skirt", 69, 329, ("cotton", "linen", "chiffon")),
    Product(50010167, "牛仔裤", "jeans", 79, 359, ("denim",)),
    Product(50007068, "围裙", "apron", 19, 89, ("cotton", "linen")),
    Product(50008163, "睡衣", "pajamas", 59, 299, ("silk", "cotton", "modal")),
    Product(50012010, "帽子", "hat", 29, 159, ("wool", "cotton")),
    Product(50010850, "手套", "gloves", 25, 139, ("wool", "cashmere", "leather")),
    Product(50012027, "袜子", "socks", 9, 59, ("cotton", "wool")),
    Product(50006843, "手提包", "handbag", 89, 899, ("leather", "canvas")),
    Product(50012019, "托特包", "tote bag", 29, 129, ("canvas", "cotton")),
    Product(50008779, "枕套", "pillowcase", 29, 199, ("silk", "cotton", "linen"), wearable=False),
    Product(50002777, "四件套", "bedding set", 199, 1299, ("silk", "cotton"), wearable=False),
    Product(50008565, "桌布", "tablecloth", 39, 199, ("linen", "cotton"), wearable=False),
    Product(50001748, "毛巾", "towel", 15, 89, ("cotton",), wearable=False),
    Product(50013875, "发圈", "scrunchie", 9, 49, ("silk", "chiffon")),
    Product(50010402, "披肩", "shawl", 79, 599, ("cashmere", "wool", "silk")),
)

# material key -> (Chinese, English)
MATERIALS: dict[str, tuple[str, str]] = {
    "silk": ("真丝", "Silk"),
    "wool": ("羊毛", "Wool"),
    "cashmere": ("羊绒", "Cashmere"),
    "cotton": ("纯棉", "Cotton"),
    "linen": ("亚麻", "Linen"),
    "modal": ("莫代尔", "Modal"),
    "down": ("白鸭绒", "Down"),
    "chiffon": ("雪纺", "Chiffon"),
    "denim": ("弹力", "Denim"),
    "leather": ("真皮", "Leather"),
    "canvas": ("帆布", "Canvas"),
}

SEASONS_CN = ("春季", "夏季", "秋季", "冬季", "春秋", "四季")
SEASONS_EN = ("spring", "summer", "autumn", "winter", "all-season")
AUDIENCE_EN = ("women", "men", "unisex", "kids")
STYLES_CN = ("新款", "百搭", "复古", "韩版", "简约", "宽松", "修身", "法式", "国风", "加厚")
HOME_STYLES_CN = ("新款", "简约", "北欧", "日式", "复古", "ins风")
FEATURES_CN = (
    "高端大气",
    "送礼佳品",
    "显瘦",
    "透气舒适",
    "保暖",
    "手工",
    "原创设计",
    "大码",
    "柔软亲肤",
    "不起球",
    "可机洗",
)
# What a seller says about the material itself, e.g. "真丝围巾 春季新款 桑蚕丝".
MATERIAL_FEATURES_CN: dict[str, str] = {
    "silk": "桑蚕丝",
    "wool": "澳洲羊毛",
    "cashmere": "山羊绒",
    "cotton": "新疆棉",
    "linen": "天然亚麻",
    "down": "90白鸭绒",
    "leather": "头层牛皮",
}
FEATURES_EN = (
    "handmade",
    "gift box",
    "oversized",
    "slim fit",
    "breathable",
    "warm",
    "vintage",
    "minimalist",
    "plus size",
    "soft",
)
# What sellers bolt onto titles when they edit them.
TITLE_SUFFIXES_CN = ("包邮", "限时特惠", "2026新款", "清仓", "现货速发", "买二送一")
TITLE_SUFFIXES_EN = ("free shipping", "sale", "new 2026", "limited", "in stock")

SHOP_NICKS = ("小雅的丝绸小铺", "暖冬织物工作室", "棉麻小屋", "lily_home_textile", "锦绣衣橱")

# Penalty notice vocabulary. kind -> (notice title, what the platform says the seller did)
NOTICE_KINDS: dict[str, tuple[str, str]] = {
    "false_trading": ("虚假交易处罚通知", "涉嫌虚假交易"),
    "counterfeit": ("出售假冒商品处罚通知", "涉嫌出售假冒商品"),
    "misdescription": ("描述不符处罚通知", "涉嫌描述不符"),
    "prohibited": ("发布违禁信息处罚通知", "涉嫌发布违禁信息"),
}
CAMPAIGN_NOTICE_TITLE = "虚假交易专项整治通知"
CAMPAIGN_NOTICE_TEXT = (
    "平台近期开展虚假交易专项整治（虚假交易整治）。经排查，您的店铺存在虚假交易嫌疑，"
    "相关商品可能被删除、下架或搜索降权，违规交易产生的销量和评价将被清除。请自查并停止相关行为。"
)
