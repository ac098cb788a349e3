"""Appeal templates are files a seller writes, copies from a forum or edits by hand, and
evidence is typed on a command line: outside data. Whatever they contain, checking and
rendering end in a result or a plain TemplateError / EvidenceError, never a crash and never a
hang. (Import files and pasted notice texts are fuzzed in tests/imports/test_fuzz.py.)"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shopwatch.appeals.context import sample_listing, sample_notice, sample_shop
from shopwatch.appeals.evidence import EvidenceError, apply_assignments, parse_assignment
from shopwatch.appeals.templates import TemplateError, TemplateLibrary, builtin_dir

FUZZ = settings(max_examples=settings.default.max_examples * 3 // 2, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

HEADERS = [
    '{#\ntitle = "Fuzzed letter"\napplies_to = ["*"]\n#}\n',
    '{#\ntitle = "Fuzzed letter"\napplies_to = ["false_trading"]\nrequired = ["order_ids"]\n'
    'optional = ["tracking_numbers", "logistics_company"]\n#}\n',
    '{#\ntitle = "x"\napplies_to = ["*"]\n[fields.batch]\ntype = "text"\nlabel = "Batch"\n#}\n',
    '{#\ntitle = 3\napplies_to = "everything"\nrequired = [1, 2]\n#}\n',
    '{#\nthis is = not toml [\n#}\n',
    '{# no header here #}\n',
    "",
]
FRAGMENTS = [
    "Dear reviewer,\n", "尊敬的审核人员：\n", "{{ notice.kind }}", "{{ notice.points }}",
    "{{ listing.title }}", "{{ shop.name }}", "{{ order_ids | join(', ') }}", "{{ nothing }}",
    "{% if listing %}", "{% endif %}", "{% for o in order_ids %}- {{ o }}\n", "{% endfor %}",
    "{% for i in range(5) %}{{ i }}{% endfor %}", "{{ range(100000) }}", "{{ 'ab' * 3 }}",
    "{{ 'ab' * 99999999 }}", "{{ 2 ** 9999 }}", "{{ notice.__class__ }}", "{{ ''.__class__ }}",
    "{{ notice._secret }}", "{{ notice|attr('__dict__') }}", "{% include '_missing.md.j2' %}",
    "{% include '_evidence.md.j2' %}", "{% extends 'x' %}", "{{ none_value }}", "{{ None }}",
    "{% set x = 1 %}{{ x }}", "{{ x.y.z }}", "{{ notice.issued_at | date }}",
    "{{ notice.appeal_deadline | datetime }}", "{{ 1 / 0 }}", "{{ 'x'|around('(', ')') }}",
    "{{", "}}", "{%", "%}", "{#", "#}", "{% endfor %}", "{% raw %}", "{% macro m() %}x",
    "{% endmacro %}", "{{ m() }}", "**bold**", "# Title\n", "1. item\n", "\x00", "\ud83d",
    "{{ order_ids[0] }}", "{{ order_ids[99] }}", "{{ {}.x }}", "{{ [1,2].pop() }}",
    "{{ lipsum() }}", "{{ cycler }}", "{{ self }}", "{{ loop.index }}",
]
sources = st.tuples(
    st.sampled_from(HEADERS),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=15), max_size=14),
).map(lambda parts: parts[0] + "".join(parts[1]))


@pytest.fixture
def library(tmp_path: Path) -> TemplateLibrary:
    (tmp_path / "user" / "en").mkdir(parents=True)
    return TemplateLibrary(builtin_dir(), tmp_path / "user")


def write(library: TemplateLibrary, source: str | bytes, name: str = "fuzzed") -> Path:
    assert library.user is not None
    path = library.user / "en" / f"{name}.md.j2"
    if isinstance(source, str):
        path.write_bytes(source.encode("utf-8", "surrogatepass"))
    else:
        path.write_bytes(source)
    return path


def check_then_render(library: TemplateLibrary, path: Path) -> None:
    result = library.check_file(path, "en")
    assert all(isinstance(e, str) and e for e in (*result.errors, *result.warnings))
    if result.errors or result.info is None:
        return
    evidence = {"order_ids": ["3561234567890123456"], "tracking_numbers": ["SF1"],
                "logistics_company": "SF", "batch": "7"}
    try:
        letter = library.render_letter(result.info, notice=sample_notice("false_trading"),
                                       listing=sample_listing(), shop=sample_shop(),
                                       evidence=evidence, today=date(2026, 11, 21))
    except TemplateError as exc:
        assert str(exc)
        return
    assert isinstance(letter, str)


@FUZZ
@given(source=sources)
def test_any_template_is_checked_and_rendered_or_refused_plainly(library, source):
    check_then_render(library, write(library, source))


@FUZZ
@given(source=st.text(max_size=300) | st.binary(max_size=300))
def test_any_file_in_the_templates_folder_is_checked_plainly(library, source):
    path = write(library, source)
    check_then_render(library, path)
    partial = write(library, source, name="_partial")
    result = library.check_file(partial, "en")
    assert all(isinstance(e, str) and e for e in result.errors)
    templates, broken = library.scan("en")  # the listing never fails on a bad file
    assert all(b.error for b in broken)


FIELDS_SOURCE = '{#\ntitle = "x"\napplies_to = ["*"]\nrequired = ["order_ids"]\noptional = [' \
    '"tracking_numbers", "logistics_company", "chat_excerpts", "invoices"]\n#}\nx\n'


@FUZZ
@example(assignments=["invoices=~0"])  # found by this fuzzing: ~user of no such user crashed
@given(assignments=st.lists(
    st.sampled_from(["order_ids=", "tracking_numbers=", "logistics_company=", "chat_excerpts=",
                     "invoices=", "nope=", "=", "", "order_ids"]).flatmap(
        lambda key: st.text(max_size=40).map(lambda value: key + value)), max_size=6))
def test_evidence_typed_on_the_command_line_is_taken_or_refused_plainly(library, assignments):
    info = library.check_file(write(library, FIELDS_SOURCE), "en").info
    assert info is not None
    fields = {spec.name: spec for spec in info.specs()}

    def no_files(path: Path) -> dict:
        raise EvidenceError([])

    try:
        parsed = [parse_assignment(a) for a in assignments]
        evidence = apply_assignments({}, parsed, fields, add_file=no_files)
    except EvidenceError as exc:
        assert all(p.message for p in exc.problems)
        return
    assert set(evidence) <= set(fields)


def test_a_template_saved_as_gbk_is_listed_as_broken_and_the_others_still_work(library):
    """Found by the fuzzing above: one user template a Chinese-locale editor saved as GBK
    made listing templates (and so drafting any appeal) fail with UnicodeDecodeError."""
    write(library, (HEADERS[0] + "尊敬的审核人员：").encode("gbk"), name="gbk")
    templates, broken = library.scan("en")
    assert [b.path.name for b in broken] == ["gbk.md.j2"] and "cannot read" in broken[0].error
    assert templates and library.suggest("false_trading", "en")


# --- resource exhaustion -----------------------------------------------------------------------

RUNNER = textwrap.dedent("""
    import sys
    from pathlib import Path
    from shopwatch.appeals.templates import TemplateLibrary, builtin_dir
    user = Path(sys.argv[1])
    result = TemplateLibrary(builtin_dir(), user).check_file(user / "en" / "slow.md.j2", "en")
    print("errors" if result.errors else "accepted")
""")
HEADER = '{#\ntitle = "x"\napplies_to = ["*"]\n#}\n'
EXHAUSTING = {
    # range() is capped at 1,000 items, but three nested loops still run 10^9 times
    "nested_loops": "{% for a in range(1000) %}{% for b in range(1000) %}"
                    "{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}x",
    # padding filters are not covered by the cap on '*' repetition: a 300 MB string
    "giant_padding": "{{ 'x'|center(300000000) }}",
    "padding_method": "{{ 'x'.center(300000000) }}",
    "format_width": "{{ '{:>300000000}'.format('x') }}",
    "percent_width": "{{ '%300000000s' % 'x' }}",
    "loops_that_print": "{% for a in range(1000) %}{% for b in range(1000) %}"
                        "{% for c in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}",
    "loops_in_a_macro": "{% macro m() %}{% for a in range(1000) %}{% for b in range(1000) %}"
                        "text text{% endfor %}{% endfor %}{% endmacro %}{% set y = m() %}x",
    "loops_over_text": "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}"
                       "{% endfor %}x",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(100) %}"
                "{% set ns.s = ns.s ~ ns.s %}{% endfor %}x",
}


@pytest.mark.parametrize("name", list(EXHAUSTING))
def test_a_template_cannot_hang_the_app(tmp_path: Path, name: str):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "slow.md.j2").write_text(HEADER + EXHAUSTING[name], encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-c", RUNNER, str(tmp_path)], timeout=5,
                              capture_output=True, text=True)
    except subprocess.TimeoutExpired:
        pytest.fail(f"checking the '{name}' template took more than 5 s")
    assert done.returncode == 0 and done.stdout.strip() == "errors", done.stderr[-500:]
