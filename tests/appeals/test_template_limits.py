"""The budgets every user template renders under (shopwatch.templating, shared by appeal
letters and notification messages): time, work, output and sizes are bounded, and the user
is told which limit was hit; ordinary templates are unaffected."""

from __future__ import annotations

import time

import pytest
from jinja2 import StrictUndefined

from shopwatch.appeals.templates import TemplateSandboxError, user_dir
from shopwatch.templating import (
    MAX_OUTPUT,
    MAX_WIDTH,
    BoundedSandbox,
    TemplateLimitError,
    current_budget,
)

from .conftest import write_template


@pytest.fixture
def env() -> BoundedSandbox:
    return BoundedSandbox(undefined=StrictUndefined)


def render(env: BoundedSandbox, source: str, **context) -> str:
    return env.from_string(source).render(**context)


def timed_refusal(env: BoundedSandbox, source: str, match: str) -> float:
    started = time.monotonic()
    with pytest.raises(TemplateLimitError, match=match):
        render(env, source)
    return time.monotonic() - started


NESTED = ("{% for a in range(999) %}{% for b in range(999) %}{% for c in range(999) %}"
          "{% endfor %}{% endfor %}{% endfor %}")


@pytest.mark.parametrize(("source", "match"), [
    (NESTED, "steps"),
    ("{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}", "steps"),
    ("{% for a in range(1000) %}{% for b in range(1000) %}{{ a }}{% endfor %}{% endfor %}",
     f"produces more than {MAX_OUTPUT:,} characters; it was stopped"),
    ("{% for a in range(1000) %}{% for b in range(1000) %}text{% endfor %}{% endfor %}",
     "produces more than"),
    ("{% macro m() %}{% for a in range(1000) %}{% for b in range(1000) %}some text"
     "{% endfor %}{% endfor %}{% endmacro %}{% set kept = m() %}", "builds more than"),
    ("{% set t %}{% for a in range(1000) %}{% for b in range(1000) %}{{ b }}{% endfor %}"
     "{% endfor %}{% endset %}", "builds more than"),
])
def test_loops_are_bounded_whether_or_not_they_print(env, source, match):
    assert timed_refusal(env, source, match) < 2


def test_a_recursive_loop_counts_its_levels_too(env):
    source = ("{% for x in [range(1000)] * 1000 recursive %}"
              "{% if x is iterable %}{{ loop(x) }}{% endif %}{% endfor %}")
    with pytest.raises(TemplateLimitError):
        render(env, source)


def test_the_clock_stops_a_slow_template(env):
    env.time_limit = 0.05
    env.max_operations = 10**9
    assert timed_refusal(env, NESTED, r"longer than 0.05 s") < 1


@pytest.mark.parametrize("expression", [
    "'x'.center(300000000)", "'x'|center(300000000)", "'x'.ljust(300000000)",
    "'x'.rjust(300000000)", "'7'.zfill(300000000)", "'a\\tb'.expandtabs(300000000)",
    "'{:>300000000}'.format('x')", "'{:{w}}'.format('x', w=300000000)",
    "'{:.300000000f}'.format(1.5)", "'{x:^300000000}'.format_map({'x': 1})",
    "'%300000000s' % 'x'", "'%.300000000f' % 1.5", "'%*s' % (300000000, 'x')",
    "'%(a)300000000s' % {'a': 1}", "'%300000000s'|format('x')", "'x'|indent(300000000)",
    "[1, 2]|batch(300000000, 0)|list", "[1, 2]|slice(300000000, 0)|list",
])
def test_padding_and_format_widths_are_capped(env, expression):
    with pytest.raises(TemplateLimitError, match=f"over the limit of {MAX_WIDTH:,}"):
        render(env, "{{ " + expression + " }}")


@pytest.mark.parametrize("expression", [
    "('x' * 100000).replace('x', 'y' * 100000)", "('x' * 100000)|replace('x', 'y' * 100000)",
    "('x' * 100000).join('y' * 100000)", "('y' * 100000)|join('x' * 100000)",
    "['x' * 100000] * 100", "('x' * 100000 * 1) + ('x' * 100000)|list * 10",
    "(1).to_bytes(300000000, 'big')", "(10 ** 64) ** 64 * (10 ** 64) ** 64",
])
def test_values_cannot_balloon(env, expression):
    with pytest.raises(TemplateLimitError):
        render(env, "{{ " + expression + " }}")


@pytest.mark.parametrize("source", [
    "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s|length }}",
    "{% set ns = namespace(s=[1]) %}{% for i in range(64) %}{% set ns.s = [ns.s, ns.s] %}"
    "{% endfor %}{{ ns.s }}",
    "{% macro f(l, n) %}{% if n %}{{ f([l, l], n - 1) }}{% endif %}{% endmacro %}{{ f([1], 64) }}",
])
def test_doubling_across_iterations_is_stopped(env, source):
    with pytest.raises(TemplateLimitError):
        render(env, source)


def test_ordinary_templates_render_as_before(env):
    source = ("{% for o in orders %}{{ loop.index }}/{{ loop.length }} {{ o|center(7) }}|"
              "{{ '%5.1f' % o }}|{{ '{:>4}'.format(o) }}|{{ 'ab'.ljust(3) }}|"
              "{{ o|string|replace('1', 'one') }}\n{% else %}none{% endfor %}"
              "{{ orders|join(', ') }} {{ 'x' * 3 }} {{ 2 ** 10 }} {{ range(3)|list }}")
    assert render(env, source, orders=[1, 22]) == (
        "1/2    1   |  1.0|   1|ab |one\n2/2    22  | 22.0|  22|ab |22\n"
        "1, 22 xxx 1024 [0, 1, 2]")
    assert render(env, "{% for x in [] %}x{% else %}empty{% endfor %}") == "empty"


def test_a_budget_is_per_render_and_shared_by_includes(env):
    env.max_operations = 3000
    template = env.from_string("{% for a in range(1000) %}{% endfor %}done")
    for _ in range(5):  # each render starts afresh
        assert template.render() == "done"
    assert current_budget() is None


def test_the_module_interface_is_bounded_too(env):
    with pytest.raises(TemplateLimitError, match="produces more than"):
        env.from_string(
            "{% set title %}t{% endset %}{% for a in range(1000) %}{% for b in range(1000) %}"
            "xx{% endfor %}{% endfor %}").make_module({})
    module = env.from_string("{% set title %}T{% endset %}body").make_module({})
    assert module.title == "T" and str(module) == "body"


@pytest.mark.parametrize("body", [
    NESTED + "\n",
    "{{ 'x'.center(300000000) }}\n",
    "{% for a in range(1000) %}{% for b in range(1000) %}{{ a }}{% endfor %}{% endfor %}\n",
])
def test_checking_and_drafting_refuse_an_exhausting_letter(profile, library, body):
    path = write_template(user_dir(profile) / "en", "heavy", body)
    started = time.monotonic()
    result = library.check_file(path)
    assert time.monotonic() - started < 3
    assert not result.ok and "refused by the sandbox" in result.errors[0]
    assert "stopped" in result.errors[0] or "limit" in result.errors[0]
    with pytest.raises(TemplateSandboxError, match="template 'heavy'"):
        library.render(library.get("heavy", "en"), {})
