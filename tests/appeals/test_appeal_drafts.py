"""Drafts in the store: evidence and edits kept, hand edits never overwritten, the life cycle
draft → submitted → accepted | rejected moving the notice along, and deadline warnings that
stop once an appeal is submitted."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from shopwatch.appeals import draft
from shopwatch.appeals.templates import TemplateLibrary
from shopwatch.models import NoticeRecord
from shopwatch.monitor.sync import check_deadlines
from shopwatch.store import queries
from shopwatch.timeutil import iso

from .conftest import FULL_EVIDENCE

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=timezone.utc)
TODAY = date(2026, 11, 21)
FALSE_TRADING = {k: FULL_EVIDENCE[k] for k in ("order_ids", "logistics_company",
                                              "tracking_numbers")}


def _compose(shop_data, library, kind="false_trading", evidence=None, language="zh_CN"):
    facts = draft.load_facts(shop_data.db, shop_data.notices[kind].id)
    info = library.suggest(kind, language)
    return draft.compose(shop_data.db, library, facts, info,
                         FALSE_TRADING if evidence is None else evidence, today=TODAY)


def test_a_draft_stores_template_language_evidence_and_the_letter(shop_data, library):
    letter = _compose(shop_data, library)
    notice_id = shop_data.notices["false_trading"].id
    saved = draft.store_letter(shop_data.db, letter, notice_id=notice_id, now=NOW)
    appeal = queries.get_appeal(shop_data.db, saved.appeal.id)
    assert (appeal.template, appeal.language, appeal.status) == ("false_trading", "zh_CN", "draft")
    assert appeal.body == letter.body
    assert draft.clean_evidence(appeal.evidence) == FALSE_TRADING
    assert not draft.is_edited(appeal)
    assert draft.stored_evidence(shop_data.db, notice_id) == FALSE_TRADING


def test_an_incomplete_attempt_keeps_its_evidence_but_writes_no_letter(shop_data, library):
    letter = _compose(shop_data, library, evidence={"logistics_company": "顺丰速运"})
    notice_id = shop_data.notices["false_trading"].id
    saved = draft.store_letter(shop_data.db, letter, notice_id=notice_id, now=NOW)
    assert saved.appeal.body == ""
    assert draft.stored_evidence(shop_data.db, notice_id) == {"logistics_company": "顺丰速运"}
    # the next attempt updates the same draft
    complete = _compose(shop_data, library)
    again = draft.store_letter(shop_data.db, complete, notice_id=notice_id, now=NOW)
    assert again.appeal.id == saved.appeal.id and again.appeal.body == complete.body


def test_a_hand_edited_letter_is_never_regenerated_over(shop_data, library):
    notice_id = shop_data.notices["false_trading"].id
    first = draft.store_letter(shop_data.db, _compose(shop_data, library), notice_id=notice_id,
                               now=NOW).appeal
    edited_body = first.body.replace("恳请平台复核", "恳请平台尽快复核")
    draft.save_draft(shop_data.db, notice_id=notice_id, template=first.template,
                     language=first.language, evidence=first.evidence, body=edited_body,
                     generated=None, now=NOW, appeal_id=first.id)
    assert draft.is_edited(queries.get_appeal(shop_data.db, first.id))
    evidence = dict(FALSE_TRADING, order_ids=["3561234567890123999"])
    saved = draft.store_letter(shop_data.db, _compose(shop_data, library, evidence=evidence),
                               notice_id=notice_id, now=NOW)
    assert saved.kept is not None and saved.kept.id == first.id
    assert queries.get_appeal(shop_data.db, first.id).body == edited_body
    assert saved.appeal.id != first.id and "3561234567890123999" in saved.appeal.body


def test_submitting_marks_the_notice_appealed_and_the_result_closes_it(shop_data, library):
    notice_id = shop_data.notices["false_trading"].id
    appeal = draft.store_letter(shop_data.db, _compose(shop_data, library), notice_id=notice_id,
                                now=NOW).appeal
    submitted = draft.change_status(shop_data.db, appeal.id, draft.SUBMITTED, NOW)
    assert submitted.status == "submitted" and submitted.submitted_at == iso(NOW)
    assert queries.get_notice(shop_data.db, notice_id).status == "appealed"
    with pytest.raises(draft.AppealStateError, match="only a draft can be changed"):
        draft.save_draft(shop_data.db, notice_id=notice_id, template="false_trading",
                         language="zh_CN", evidence={}, body="x", generated="x", now=NOW,
                         appeal_id=appeal.id)
    draft.change_status(shop_data.db, appeal.id, draft.ACCEPTED, NOW)
    assert queries.get_notice(shop_data.db, notice_id).status == "revoked"
    with pytest.raises(draft.AppealStateError, match="it is final"):
        draft.change_status(shop_data.db, appeal.id, draft.REJECTED, NOW)


def test_a_rejected_appeal_upholds_the_notice(shop_data, library):
    notice_id = shop_data.notices["counterfeit"].id
    evidence = {k: FULL_EVIDENCE[k] for k in ("brand_name", "supplier", "invoices")}
    appeal = draft.store_letter(shop_data.db, _compose(shop_data, library, "counterfeit", evidence),
                                notice_id=notice_id, now=NOW).appeal
    draft.change_status(shop_data.db, appeal.id, draft.SUBMITTED, NOW)
    draft.change_status(shop_data.db, appeal.id, draft.REJECTED, NOW)
    assert queries.get_notice(shop_data.db, notice_id).status == "upheld"
    # the next attempt starts from the same evidence
    assert draft.stored_evidence(shop_data.db, notice_id) == evidence


@pytest.mark.parametrize(("start", "target"), [
    ("draft", "accepted"), ("draft", "rejected"), ("draft", "draft")])
def test_impossible_status_changes_are_refused(shop_data, library, start, target):
    notice_id = shop_data.notices["false_trading"].id
    appeal = draft.store_letter(shop_data.db, _compose(shop_data, library), notice_id=notice_id,
                                now=NOW).appeal
    with pytest.raises(draft.AppealStateError):
        draft.change_status(shop_data.db, appeal.id, target, NOW)
    assert queries.get_notice(shop_data.db, notice_id).status == "open"


def test_an_appeal_without_a_letter_cannot_be_submitted(shop_data, library):
    notice_id = shop_data.notices["false_trading"].id
    incomplete = _compose(shop_data, library, evidence={})
    appeal = draft.store_letter(shop_data.db, incomplete, notice_id=notice_id, now=NOW).appeal
    with pytest.raises(draft.AppealStateError, match="no letter"):
        draft.change_status(shop_data.db, appeal.id, draft.SUBMITTED, NOW)


def test_a_submitted_appeal_stops_the_deadline_warnings(db):
    shop = queries.add_shop(db, "demo shop", "taobao", now=iso(NOW))
    deadline = NOW + timedelta(hours=60)
    records = [NoticeRecord(source_id=f"N{i}", kind="false_trading", issued_at=iso(NOW),
                            appeal_deadline=iso(deadline)) for i in (1, 2)]
    with db.atomic():
        appealed, untouched = queries.upsert_notices(db, shop.id, records, now=iso(NOW))
    # 60 h before the deadline: both warned at the 72 h mark
    assert {a.notice_id for a in check_deadlines(db, shop, now=NOW)} == {appealed.id, untouched.id}
    library = TemplateLibrary(user=None)
    facts = draft.load_facts(db, appealed.id)
    letter = draft.compose(db, library, facts, library.suggest("false_trading", "zh_CN"),
                           FALSE_TRADING, today=TODAY)
    appeal = draft.store_letter(db, letter, notice_id=appealed.id, now=NOW).appeal
    draft.change_status(db, appeal.id, draft.SUBMITTED, NOW)
    # 20 h before: only the notice nobody appealed gets the 24 h warning
    later = deadline - timedelta(hours=20)
    assert [(a.notice_id, a.details["window"]) for a in check_deadlines(db, shop, now=later)] == [
        (untouched.id, 24)]
    # marked submitted by mistake: warnings resume
    draft.change_status(db, appeal.id, draft.DRAFT, later)
    assert queries.get_notice(db, appealed.id).status == "open"
    assert [a.notice_id for a in check_deadlines(db, shop, now=later)] == [appealed.id]


def test_a_notice_without_a_deadline_gets_the_rule_datas_window(db):
    shop = queries.add_shop(db, "s", "demo", now=iso(NOW))
    with db.atomic():
        (notice,) = queries.upsert_notices(db, shop.id, [NoticeRecord(
            source_id="N1", kind="search_demotion", issued_at="2026-11-20T10:00:00+08:00")],
            now=iso(NOW))
    facts = draft.load_facts(db, notice.id)
    assert facts.deadline == datetime(2026, 11, 27, 10, 0, tzinfo=timezone(timedelta(hours=8)))


def test_a_demotion_letter_states_the_listings_own_traffic(shop_data, library):
    facts = draft.load_facts(shop_data.db, shop_data.notices["search_demotion"].id)
    traffic = draft.traffic_facts(shop_data.db, facts, "zh_CN")
    assert traffic is not None
    assert (traffic.measure, traffic.baseline, traffic.recent, traffic.drop_percent) == (
        "visits", 106, 10, 91)
    evidence = {"self_check": ["标题、主图和详情页不含违禁词"]}
    zh = _compose(shop_data, library, "search_demotion", evidence)
    assert "日均访客数此前约为 106，之后平均为 10，下降约 91%" in zh.body
    en = _compose(shop_data, library, "search_demotion", evidence, language="en")
    assert "daily visitors were about 106 before and have averaged 10 since" in en.body


def test_no_traffic_claim_without_a_clear_fall(shop_data, library):
    facts = draft.load_facts(shop_data.db, shop_data.notices["false_trading"].id)
    assert draft.traffic_facts(shop_data.db, facts, "zh_CN") is None
