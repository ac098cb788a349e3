"""A first sync's full pages: the path a column at a time (items as TOP sends them) must map
exactly what ``listing_values`` maps item by item, raise what it raises, and hand anything
else to it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shopwatch.connectors import taobao
from shopwatch.connectors.base import SourceError
from shopwatch.connectors.taobao import _full_page
from shopwatch.connectors.top_records import listing_values

VIA = "taobao.items.inventory.get banner=off_shelf"
_odd_text = st.sampled_from(["", "\ud800", "真丝连衣裙", "a\x00b", " "])
_text = st.one_of(st.text(max_size=12), _odd_text)
_any = st.one_of(st.none(), _text, st.integers(-(2**64), 2**64), st.booleans(),
                 st.floats(allow_nan=True), st.just("1e400"))
_field = {"title": st.one_of(_text, _any), "price": st.one_of(st.just("12.90"), _any),
          "num": st.one_of(st.integers(0, 10**6), _any), "cid": st.one_of(st.integers(1, 10**8), _any),
          "pic_url": st.one_of(st.just("https://img.alicdn.com/a.jpg"), _any),
          "outer_id": _any, "modified": st.one_of(st.just("2026-11-01 10:00:00"), _any),
          "nick": _text}
_ids = st.one_of(st.integers(10**11, 10**12), _any)
_as_top_sends = st.fixed_dictionaries(
    {"num_iid": st.integers(10**11, 10**12), "title": st.text(min_size=1, max_size=12),
     "price": st.just("12.90"), "num": st.integers(0, 10**6), "cid": st.integers(1, 10**8),
     "modified": st.just("2026-11-01 10:00:00")},
    optional={"pic_url": st.just("https://img.alicdn.com/a.jpg") | st.none(),
              "outer_id": st.text(max_size=5).filter(bool) | st.none()})


# items as TOP sends them, and now and then some other item
_rows = st.lists(st.one_of(_as_top_sends, st.fixed_dictionaries(
    {"num_iid": _ids}, optional=_field)), max_size=8)
_ODD = [None, "", "\ud800", "真丝", True, 1.5, 2**64, -(2**63) - 1, "1e400", "7", 0, []]


def item_by_item(page: list[dict], status: str) -> list[tuple]:
    out = []
    for row in page:
        values = listing_values(row, status) + (None, None, row, VIA)
        if values[0]:
            out.append(values)
    return out


def _outcome(fn, page):
    try:
        return fn(page, "sold_out") if fn is item_by_item else fn(page, "sold_out", VIA)
    except SourceError as exc:
        return ("raised", str(exc))


@given(_rows)
def test_a_full_page_maps_as_the_item_by_item_checks_map_it(page):
    fast, slow = _outcome(_full_page, page), _outcome(item_by_item, page)
    assert fast == slow
    if isinstance(fast, list):  # the raw item itself is kept, not a copy
        assert all(a[14] is b[14] for a, b in zip(fast, slow, strict=True))


@pytest.mark.parametrize("key", ["num_iid", *_field])
@given(page=st.lists(_as_top_sends, min_size=1, max_size=6), at=st.integers(0, 5),
       odd=st.one_of(st.sampled_from(_ODD), _any), absent=st.booleans())
def test_one_odd_field_on_a_page_is_read_as_item_by_item(key, page, at, odd, absent):
    page = [dict(row) for row in page]
    row = page[at % len(page)]
    if absent:
        row.pop(key, None)
    else:
        row[key] = odd
    assert _outcome(_full_page, page) == _outcome(item_by_item, page)


@given(st.lists(_as_top_sends, min_size=1, max_size=20))
def test_a_page_as_top_sends_it_takes_the_column_path(page):
    def refuse(*args):
        raise AssertionError("went item by item")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(taobao, "_full_page_by_item", refuse)
        fast = _full_page(page, "active", VIA)
    assert fast == item_by_item_active(page)


def item_by_item_active(page):
    return [listing_values(row, "active") + (None, None, row, VIA) for row in page]


def test_a_quantity_beyond_64_bits_is_refused_as_item_by_item():
    page = [{"num_iid": 1, "title": "a", "num": 2**63}]
    with pytest.raises(SourceError):
        _full_page(page, "active", VIA)


def test_half_an_emoji_in_one_title_sends_the_page_item_by_item():
    page = [{"num_iid": 6000000001, "title": "真丝", "num": 3, "cid": 50008},
            {"num_iid": 6000000002, "title": "半个\ud83d", "num": 1, "cid": 50008}]
    mapped = _full_page(page, "active", VIA)
    assert mapped == item_by_item_active(page)
    assert mapped[1][1] == "半个?" and mapped[0][7] == "50008"
