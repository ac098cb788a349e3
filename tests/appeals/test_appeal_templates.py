"""The template system: every built-in letter renders from a real notice in both languages;
missing evidence is reported, never half-filled; the sandbox refuses Python internals; the
user's templates add to and override the built-in ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shopwatch.appeals import draft, markup
from shopwatch.appeals.context import LANGUAGES, NOTICE_KINDS
from shopwatch.appeals.evidence import KNOWN_FIELDS
from shopwatch.appeals.templates import (
    MissingFields,
    TemplateError,
    TemplateLibrary,
    TemplateSandboxError,
    builtin_dir,
    user_dir,
)

from .conftest import FULL_EVIDENCE, KINDS, write_template

TODAY = date(2026, 11, 21)
REQUIRED_KINDS = ("false_trading", "counterfeit", "misdescription", "prohibited",
                  "search_demotion", "deleted_without_reason")
#: how the first section of every built-in letter is headed, per language
FIRST_SECTION = {"zh_CN": "## 一、", "en": "## 1. "}


def _letter(library, shop_data, kind, language, evidence, *, template=None):
    facts = draft.load_facts(shop_data.db, shop_data.notices[kind].id)
    info = library.get(template, language) if template else library.suggest(kind, language)
    return info, draft.compose(shop_data.db, library, facts, info, evidence, today=TODAY)


def test_every_builtin_template_and_partial_passes_the_check():
    results = TemplateLibrary(user=None).check_all()
    assert len(results) >= 2 * 10
    assert [(r.path.name, r.errors, r.warnings) for r in results if r.errors or r.warnings] == []


def test_each_notice_kind_the_app_knows_has_its_own_letter_in_both_languages():
    library = TemplateLibrary(user=None)
    for language in LANGUAGES:
        names = {kind: library.suggest(kind, language).name for kind in NOTICE_KINDS}
        for kind in REQUIRED_KINDS:
            assert names[kind] == kind
        assert names["ip_infringement"] == "counterfeit"
        assert names["other"] == "general"
        assert library.suggest("a_kind_from_the_future", language).name == "general"
    zh = {i.name for i in library.templates("zh_CN")}
    en = {i.name for i in library.templates("en")}
    assert zh == en


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_builtin_letter_renders_from_a_real_notice_with_every_fact(shop_data, library, kind,
                                                                   language):
    info, letter = _letter(library, shop_data, kind, language, FULL_EVIDENCE)
    assert letter.complete and not letter.missing
    body = letter.body
    notice, listing = shop_data.notices[kind], shop_data.listings[kind]
    for fact in (shop_data.shop.name, notice.source_id, listing.title, listing.listing_id):
        assert fact in body, fact
    assert body.startswith("# ")
    assert FIRST_SECTION[language] in body
    # structure of a good appeal: facts, reasons, evidence, actions, request (5 sections)
    assert body.count("\n## ") == 5
    for leak in ("None", "{{", "{%", "Undefined", "__"):
        assert leak not in body
    # every field the template uses and the seller gave appears in the letter
    for name in info.fields:
        spec = KNOWN_FIELDS[name]
        value = FULL_EVIDENCE[name]
        first = value[0]["name"] if spec.type == "files" else value[0] if isinstance(value, list) \
            else value
        assert first.split("\n")[0] in markup.to_text(body), name
    assert "2026" in body and ("2026年11月21日" in body or "21 November 2026" in body)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_builtin_letter_renders_with_only_required_evidence_and_no_listing(
        shop_data, library, kind, language):
    shop_data.db.execute("UPDATE notices SET listing_id = NULL, points = 0 WHERE id = ?",
                         [shop_data.notices[kind].id])
    info = library.suggest(kind, language)
    evidence = {name: FULL_EVIDENCE[name] for name in info.required}
    _, letter = _letter(library, shop_data, kind, language, evidence)
    assert letter.complete, letter.missing
    text = markup.to_text(letter.body)
    assert shop_data.listings[kind].listing_id not in text
    assert "None" not in text and "  " not in text.replace("    ", "")


def test_missing_fields_are_all_reported_and_no_letter_is_written(shop_data, library):
    info, letter = _letter(library, shop_data, "false_trading", "zh_CN",
                           {"logistics_company": "顺丰速运"})
    assert letter.body is None
    assert letter.missing == ["order_ids", "tracking_numbers"]
    facts = draft.load_facts(shop_data.db, shop_data.notices["false_trading"].id)
    with pytest.raises(MissingFields) as caught:
        library.render_letter(info, notice=facts.notice, listing=facts.listing,
                              shop=facts.shop, evidence={"logistics_company": "x"}, today=TODAY)
    assert str(caught.value) == "this template needs: order_ids, tracking_numbers"


def test_an_empty_value_counts_as_missing(shop_data, library):
    _, letter = _letter(library, shop_data, "false_trading", "en",
                        {"order_ids": [], "logistics_company": "  ",
                         "tracking_numbers": ["SF1234567890123"]})
    assert letter.missing == ["order_ids", "logistics_company"]


def test_inserted_values_stay_literal_text(shop_data, library):
    evidence = dict(FULL_EVIDENCE, chat_excerpts=["# 不是标题", "- 不是列表", "**不是粗体**"],
                    statement="1. 不是编号\n## 也不是标题")
    _, letter = _letter(library, shop_data, "other", "zh_CN", evidence)
    text = markup.to_text(letter.body)
    for literal in ("# 不是标题", "- 不是列表", "**不是粗体**", "1. 不是编号", "## 也不是标题"):
        assert literal in text
    headings = [b for b in markup.parse(letter.body) if b.kind == "heading"]
    assert len(headings) == 6


# --- the sandbox ---------------------------------------------------------------------------

@pytest.mark.parametrize("expression", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ notice|attr('__class__') }}",
    "{{ notice['__cl' ~ 'ass__'] }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ self.__dict__ }}",
])
def test_sandbox_refuses_templates_that_reach_python_internals(profile, library, shop_data,
                                                              expression):
    path = write_template(user_dir(profile) / "en", "evil", f"# Letter\n\n{expression}\n")
    result = library.check_file(path)
    assert not result.ok
    assert any("refused by the sandbox" in error for error in result.errors)
    # and rendering it for a real notice fails safely, with a clear error, and no letter
    facts = draft.load_facts(shop_data.db, shop_data.notices["other"].id)
    with pytest.raises(TemplateSandboxError, match="refused by the sandbox"):
        library.render_letter(library.get("evil", "en"), notice=facts.notice,
                              listing=facts.listing, shop=facts.shop, evidence={}, today=TODAY)


@pytest.mark.parametrize("body", [
    "{{ order_ids.append('1') }}",  # the facts are read-only
    "{% set mine = [] %}{{ mine.append(1) }}",  # the immutable sandbox: no mutation at all
    "{% set notice.title = 'x' %}",
])
def test_a_template_cannot_change_the_facts(profile, library, body):
    path = write_template(user_dir(profile) / "en", "mutate", body + "\n",
                          optional='["order_ids"]')
    result = library.check_file(path)
    assert not result.ok


def test_repetition_and_ranges_are_capped(profile, library):
    for name, body in (("big", "{{ 'x' * 100000000 }}\n"),
                       ("loop", "{% for i in range(100000000) %}.{% endfor %}\n"),
                       ("power", "{{ 10 ** 100000 }}\n")):
        result = library.check_file(write_template(user_dir(profile) / "en", name, body))
        assert not result.ok and "refused by the sandbox" in result.errors[0], name


def test_check_reports_unknown_fields_declared_or_used(profile, library):
    declared = write_template(user_dir(profile) / "en", "declared", "{{ order_ids }}\n",
                              required='["order_ids", "passport_no"]')
    result = library.check_file(declared)
    assert not result.ok and "needs unknown fields: passport_no" in result.errors[0]
    used = write_template(user_dir(profile) / "en", "used", "{{ invoice_no }} {{ notice.id }}\n")
    result = library.check_file(used)
    assert not result.ok and "uses unknown fields: invoice_no" in result.errors[0]


def test_check_reports_syntax_errors_with_the_line(profile, library):
    path = write_template(user_dir(profile) / "en", "broken", "# Letter\n\n{% if listing %}\n")
    result = library.check_file(path)
    assert not result.ok
    assert "line 9" in result.errors[0] and "endif" in result.errors[0]


def test_check_reports_a_missing_or_bad_header(profile, library):
    folder = user_dir(profile) / "en"
    folder.mkdir(parents=True)
    (folder / "bare.md.j2").write_text("# Letter\n", encoding="utf-8")
    assert "no header" in library.check_file(folder / "bare.md.j2").errors[0]
    typo = write_template(folder, "typo", "# Letter\n", extra='requried = ["order_ids"]\n')
    assert "unknown header key(s): requried" in library.check_file(typo).errors[0]


def test_check_warns_when_a_template_needs_a_listing(profile, library):
    path = write_template(user_dir(profile) / "en", "needs_listing", "# {{ listing.title }}\n")
    result = library.check_file(path)
    assert result.ok
    assert any("names no listing" in w for w in result.warnings)


def test_printing_an_empty_value_is_an_error_not_the_word_none(profile, library):
    path = write_template(user_dir(profile) / "en", "prints_none", "# Letter\n\n{{ traffic }}\n")
    result = library.check_file(path)
    assert result.ok  # the sample has traffic…
    assert any("empty (None)" in w for w in result.warnings)  # …a notice without it does not


# --- user templates ------------------------------------------------------------------------

def test_user_template_overrides_the_builtin_one_of_the_same_name(profile, library, shop_data):
    write_template(user_dir(profile) / "zh_CN", "false_trading",
                   "# 我的申诉\n\n订单：{{ order_ids|join('、') }}\n",
                   title="我自己的虚假交易申诉", applies_to='["false_trading"]',
                   required='["order_ids"]')
    info = library.suggest("false_trading", "zh_CN")
    assert (info.source, info.overrides, info.title) == ("user", True, "我自己的虚假交易申诉")
    assert [i.name for i in library.templates("zh_CN")].count("false_trading") == 1
    _, letter = _letter(library, shop_data, "false_trading", "zh_CN",
                        {"order_ids": ["3561234567890123456"]})
    assert letter.body == "# 我的申诉\n\n订单：3561234567890123456\n"
    # the English built-in is untouched
    assert library.suggest("false_trading", "en").source == "built-in"


def test_user_template_adds_a_new_letter_preferred_for_its_kind(profile, library):
    write_template(user_dir(profile) / "en", "my_counterfeit", "# Mine\n",
                   applies_to='["counterfeit"]')
    options = [i.name for i in library.for_kind("counterfeit", "en")]
    assert options[:2] == ["my_counterfeit", "counterfeit"]
    assert options[-1] == "general"


def test_user_partial_overrides_the_builtin_partial_in_every_letter(profile, library, shop_data):
    folder = user_dir(profile) / "en"
    folder.mkdir(parents=True)
    (folder / "_closing.md.j2").write_text("Kind regards,\n\nXiaoya\n", encoding="utf-8")
    _, letter = _letter(library, shop_data, "false_trading", "en", FULL_EVIDENCE)
    assert letter.body.endswith("Kind regards,\n\nXiaoya\n")
    assert "Yours faithfully" not in letter.body


def test_custom_fields_declared_in_the_header(profile, library, shop_data):
    path = write_template(
        user_dir(profile) / "en", "licence", "# Licence {{ licence_no|join(', ') }}\n",
        required='["licence_no"]',
        extra='[fields.licence_no]\ntype = "ids"\nlabel = "Licence number"\n'
              "pattern = '[A-Z]{2}[0-9]{6}'\n")
    assert library.check_file(path).ok
    info = library.get("licence", "en")
    assert info.spec_map()["licence_no"].label("en") == "Licence number"
    facts = draft.load_facts(shop_data.db, shop_data.notices["other"].id)
    evidence = draft.add_evidence(Path("."), 1, {}, [("licence_no", "AB123456")], info)
    body = library.render_letter(info, notice=facts.notice, listing=facts.listing,
                                 shop=facts.shop, evidence=evidence, today=TODAY)
    assert body == "# Licence AB123456\n"


def test_a_broken_user_template_is_listed_as_broken_not_fatal(profile, library):
    folder = user_dir(profile) / "en"
    folder.mkdir(parents=True)
    (folder / "bad.md.j2").write_text("{#- title = -#}\n", encoding="utf-8")
    infos, broken = library.scan("en")
    assert [b.path.name for b in broken] == ["bad.md.j2"]
    assert "false_trading" in {i.name for i in infos}


def test_a_template_saved_with_a_bom_still_works(profile, library, shop_data):
    path = write_template(user_dir(profile) / "en", "bom", "# Hello {{ shop.name }}\n")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert library.check_file(path).ok
    _, letter = _letter(library, shop_data, "other", "en", {}, template="bom")
    assert letter.body == "# Hello 小雅的丝绸小铺\n"


def test_template_errors_name_the_template(profile, library, shop_data):
    write_template(user_dir(profile) / "en", "typo_attr", "# {{ notice.titel }}\n")
    with pytest.raises(TemplateError, match="template 'typo_attr'.*not defined"):
        _letter(library, shop_data, "other", "en", {}, template="typo_attr")


def test_builtin_templates_live_where_the_design_says():
    assert (builtin_dir() / "zh_CN" / "false_trading.md.j2").is_file()
    assert (builtin_dir() / "README.md").is_file()
