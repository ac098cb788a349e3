"""The first pass's lean pages: the path without a Python step per item (ids and stamps as
TOP sends them) must read exactly what the item-by-item checks read, and hand anything else to
those checks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shopwatch.connectors.taobao import _lean_page
from shopwatch.connectors.top_records import item_id, text_or_none

ids = st.one_of(st.integers(min_value=-5, max_value=10**15), st.text(max_size=12), st.none(),
                st.booleans(), st.floats(allow_nan=False, allow_infinity=False))
stamps = st.one_of(st.just("2026-11-01 10:00:00"), st.text(max_size=20), st.none(),
                   st.integers(), st.just(""), st.just("\ud800"))
rows = st.lists(st.fixed_dictionaries({}, optional={"num_iid": ids, "modified": stamps}),
                max_size=30)


def item_by_item(page: list[dict], status: str) -> tuple[dict, list[str], list[str]]:
    seen: dict[str, tuple[str, str | None]] = {}
    taken, unstamped = [], []
    for row in page:
        lid = item_id(row)
        if lid is None:
            continue
        modified = text_or_none(row.get("modified"))
        seen[lid] = (status, modified)
        if modified is None:
            unstamped.append(lid)
        taken.append(lid)
    return seen, taken, unstamped


@given(rows)
def test_a_lean_page_reads_as_the_item_by_item_checks_read_it(page):
    seen: dict = {}
    unstamped: list[str] = []
    taken = _lean_page(page, "active", seen, unstamped)
    assert (seen, taken, unstamped) == item_by_item(page, "active")


def test_a_page_as_top_sends_it_takes_the_fast_path_and_keeps_the_later_copy():
    page = [{"num_iid": 7, "modified": "2026-11-01 10:00:00"},
            {"num_iid": 8, "modified": "2026-11-02 10:00:00"},
            {"num_iid": 7, "modified": "2026-11-03 10:00:00"}]
    seen: dict = {}
    unstamped: list[str] = []
    assert _lean_page(page, "sold_out", seen, unstamped) == ["7", "8", "7"]
    assert seen == {"7": ("sold_out", "2026-11-03 10:00:00"),
                    "8": ("sold_out", "2026-11-02 10:00:00")}
    assert unstamped == []


def test_an_item_without_a_stamp_is_marked_for_a_full_read():
    page = [{"num_iid": 7, "modified": "2026-11-01 10:00:00"}, {"num_iid": 9}]
    seen: dict = {}
    unstamped: list[str] = []
    _lean_page(page, "active", seen, unstamped)
    assert unstamped == ["9"] and seen["9"] == ("active", None)
