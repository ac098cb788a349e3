"""Resource limits for templates that users write: appeal letters (shopwatch.appeals.templates)
and notification messages (shopwatch.notify.render) both render in :class:`BoundedSandbox`.

Jinja's sandbox keeps a template away from Python internals, but not from exhausting the
machine: three nested ``range(1000)`` loops run 10^9 times, ``'x'|center(300000000)`` builds a
300 MB string. Here every render gets a :class:`Budget` (one per ``render()`` /
``make_module()``, shared by everything it includes or imports):

- output: the text is produced as a stream and stopped once it exceeds ``max_output``
  characters; text built inside macros, ``{% set %}`` blocks and loops is counted too;
- work: every loop iteration (each ``for`` iterates through :meth:`BoundedSandbox.counted`,
  put there by the code generator), call, attribute or item lookup and intercepted operator
  costs one operation, up to ``max_operations``, and a wall-clock deadline is checked at the
  same points;
- size: padding and format widths (``center``, ``ljust``, ``rjust``, ``zfill``,
  ``expandtabs``, ``str.format``, ``%``, the ``format``/``center``/``indent`` filters) are
  capped at :data:`MAX_WIDTH`, and no string, list or number a template builds may exceed
  :data:`MAX_VALUE` characters / items (repetition, ``+``, ``replace``, ``join``, …).

Every refusal is a :class:`TemplateLimitError`, a jinja2 ``SecurityError`` with a message for
the user."""

from __future__ import annotations

import copy
import re
import time
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from string import Formatter
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.environment import Template, TemplateModule
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
    SecurityError,
)
from jinja2.utils import Namespace, pass_eval_context
from markupsafe import Markup

#: characters of text a template may produce (letters are a few KB)
MAX_OUTPUT = 200_000
#: loop iterations, calls and lookups per render
MAX_OPERATIONS = 1_000_000
#: seconds per render
TIME_LIMIT = 2.0
#: widest padding / format field
MAX_WIDTH = 10_000
#: longest string or list a template may build (characters or items)
MAX_VALUE = 1_000_000
#: largest integer a template may compute, in bits (~6,000 digits)
MAX_INT_BITS = 20_000
#: items in one range()
MAX_RANGE = 1000
#: ``text * n``: at most this many characters / items
MAX_REPEAT = 100_000
#: text built inside the render (macros, set blocks, loops) per character of output allowed
BUILD_FACTOR = 5
_CLOCK_EVERY = 256  # operations between two looks at the clock


class TemplateLimitError(SecurityError):
    """A template would take too long or produce too much; the message says which."""


# --- the budget --------------------------------------------------------------------------

@dataclass(slots=True)
class Budget:
    max_output: int = MAX_OUTPUT
    max_operations: int = MAX_OPERATIONS
    time_limit: float = TIME_LIMIT
    operations: int = 0
    built: int = 0
    deadline: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.time_limit

    def tick(self, n: int = 1) -> None:
        before = self.operations
        self.operations += n
        if self.operations > self.max_operations:
            raise TemplateLimitError(
                f"this template does more than {self.max_operations:,} steps (loops, calls, "
                "lookups); it was stopped")
        if before // _CLOCK_EVERY != self.operations // _CLOCK_EVERY:
            self.check_clock()

    def check_clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(
                f"this template takes longer than {self.time_limit:g} s to render; it was "
                "stopped")

    def build(self, chars: int) -> None:
        self.built += chars
        if self.built > self.max_output * BUILD_FACTOR:
            raise TemplateLimitError(
                f"this template builds more than {self.max_output * BUILD_FACTOR:,} characters "
                "of text; it was stopped")


_current: ContextVar[Budget | None] = ContextVar("shopwatch_template_budget", default=None)


def current_budget() -> Budget | None:
    return _current.get()


@contextmanager
def budget(env: Any) -> Iterator[Budget]:
    """The render's budget: a new one from ``env``'s limits, or the enclosing render's."""
    active = _current.get()
    if active is not None:
        yield active
        return
    new = Budget(getattr(env, "max_output", MAX_OUTPUT),
                 getattr(env, "max_operations", MAX_OPERATIONS),
                 getattr(env, "time_limit", TIME_LIMIT))
    token = _current.set(new)
    try:
        yield new
    finally:
        _current.reset(token)


def _tick(n: int = 1) -> None:
    active = _current.get()
    if active is not None:
        active.tick(n)


def _build(chars: int) -> None:
    active = _current.get()
    if active is not None:
        active.build(chars)
        active.check_clock()


def bounded(chunks: Iterable[str], limit: int) -> Iterator[str]:
    """``chunks``, stopped with TemplateLimitError once they add up to more than ``limit``."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise TemplateLimitError(
                f"this template produces more than {limit:,} characters; it was stopped")
        yield chunk


# --- sizes -------------------------------------------------------------------------------

def weight(value: Any, limit: int = MAX_VALUE) -> int:
    """Roughly how many characters ``value`` prints as: strings by length, containers by
    their items (shared items counted each time). Stops counting past ``limit``."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str | bytes | bytearray):
            total += len(item) + 1
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item) + 1
            if total <= limit:
                stack.extend(item)
        elif isinstance(item, Mapping) and not isinstance(item, Namespace):
            total += len(item) + 1
            if total <= limit:
                stack.extend(item.keys())
                stack.extend(item.values())
        else:
            total += 1
    return total


def check_weight(value: Any, what: str = "a value") -> Any:
    if weight(value) > MAX_VALUE:
        raise TemplateLimitError(f"{what} larger than {MAX_VALUE:,} characters or items is "
                                 "not allowed in a template")
    return value


def check_size(size: int, what: str) -> None:
    if size > MAX_VALUE:
        raise TemplateLimitError(f"{what} would make {size:,} characters or items; the limit "
                                 f"in a template is {MAX_VALUE:,}")


def check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and not isinstance(width, bool) and abs(width) > MAX_WIDTH:
        raise TemplateLimitError(f"{what} width {width:,} is over the limit of {MAX_WIDTH:,} "
                                 "in a template")


_SPEC_NUMBER = re.compile(r"\d+")
_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d+))?[hlL]?"
    r"(?P<conv>.)", re.S)


def check_format_spec(spec: str) -> None:
    """A ``str.format`` field spec (``>300000000``, ``.5000000f``): no number over
    MAX_WIDTH."""
    for number in _SPEC_NUMBER.findall(spec or ""):
        check_width(int(number), "a format")


def check_percent(fmt: Any, args: Any) -> None:
    """``fmt % args``: no width or precision over MAX_WIDTH, literal or taken by ``*``."""
    if not isinstance(fmt, str | bytes):
        return
    text = fmt.decode("latin-1") if isinstance(fmt, bytes) else fmt
    values = args if isinstance(args, tuple) else (args,)
    position = 0
    for match in _PERCENT.finditer(text):
        if match.group("conv") == "%":
            continue
        for part in ("width", "prec"):
            number = match.group(part)
            if number == "*":
                if position < len(values):
                    check_width(values[position], "a '%' format")
                position += 1
            elif number:
                check_width(int(number), "a '%' format")
        if match.group("key") is None:
            position += 1


def _str_len(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | bytearray) else len(str(value))


def _replace_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    text, old, new = str(text), str(old), str(new)
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(len(new) - len(old), 0)


def _join_size(sep: Any, items: list[Any]) -> int:
    return max(len(items) - 1, 0) * _str_len(sep) + sum(
        len(i) if isinstance(i, str | bytes) else 1 for i in items)


def _check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
                  ) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Refuse a str/bytes/int method call whose result would be huge, before making it."""
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if isinstance(owner, str | bytes | bytearray):
        if name in {"center", "ljust", "rjust", "zfill"}:
            check_width(args[0] if args else kwargs.get("width"), f"{name}()")
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            check_width(size, "expandtabs()")
            if isinstance(size, int):
                check_size(len(owner) + owner.count("\t" if isinstance(owner, str) else b"\t")
                           * size, "expandtabs()")
        elif name == "replace" and len(args) >= 2:
            check_size(_replace_size(owner, args[0], args[1], args[2] if len(args) > 2
                                     else kwargs.get("count", -1)), "replace()")
        elif name == "join" and args:
            items = list(args[0])  # an iterator is consumed here, so it is passed on as a list
            check_size(_join_size(owner, items), "join()")
            args = (items, *args[1:])
        elif name == "translate" and args and isinstance(args[0], Mapping):
            longest = max((_str_len(v) for v in args[0].values() if v is not None), default=1)
            check_size(len(owner) * max(longest, 1), "translate()")
    elif isinstance(owner, int) and name == "to_bytes":
        length = args[0] if args else kwargs.get("length", 1)
        if isinstance(length, int):
            check_size(length, "to_bytes()")
    return args, kwargs


def _check_int(value: Any) -> Any:
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError("a number this large is not allowed in a template")
    return value


# --- filters and globals -----------------------------------------------------------------

def limited_range(*args: int) -> range:
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise TemplateLimitError(f"range() is limited to {MAX_RANGE} items in templates")
    return rng


def _center(value: Any, width: int = 80) -> str:
    check_width(width, "center")
    return jinja_filters.do_center(value, width)


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    check_percent(str(value), kwargs or args)
    return jinja_filters.do_format(value, *args, **kwargs)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    check_width(width, "indent")
    pad = width if isinstance(width, int) else len(str(width))
    check_size(len(str(s)) + (str(s).count("\n") + 1) * pad, "indent")
    return jinja_filters.do_indent(s, width, first, blank)


@pass_eval_context
def _replace(eval_ctx: Any, s: str, old: str, new: str, count: int | None = None) -> str:
    check_size(_replace_size(s, old, new, -1 if count is None else count), "replace")
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


@pass_eval_context
def _join(eval_ctx: Any, value: Iterable[Any], d: str = "", attribute: Any = None) -> str:
    items = list(value)
    _tick(len(items))
    check_size(_join_size(d, items), "join")
    return jinja_filters.sync_do_join(eval_ctx, items, d, attribute)


def _batch(value: Iterable[Any], linecount: int, fill_with: Any = None) -> Iterator[list[Any]]:
    check_width(linecount, "batch")
    return jinja_filters.do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Iterator[list[Any]]:
    check_width(slices, "slice")
    return jinja_filters.sync_do_slice(value, slices, fill_with)


def _wordwrap(environment: Any, s: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
    check_width(width, "wordwrap")
    return jinja_filters.do_wordwrap(environment, s, width, *args, **kwargs)


def _printable(original: Callable[..., Any]) -> Callable[..., Any]:
    def checked(value: Any, *args: Any, **kwargs: Any) -> Any:
        check_weight(value, "printing a value")
        return original(value, *args, **kwargs)
    return checked


# --- the environment ---------------------------------------------------------------------

def _literal_chars(node: nodes.Node) -> int:
    """Characters of template text in a loop body, not counting nested loops and macros
    (they count their own)."""
    total = 0
    stack = list(node.iter_child_nodes(exclude=("iter", "target", "test")))
    while stack:
        child = stack.pop()
        if isinstance(child, nodes.TemplateData):
            total += len(child.data)
        elif not isinstance(child, nodes.For | nodes.Macro | nodes.CallBlock):
            stack.extend(child.iter_child_nodes())
    return total


class BoundedCodeGenerator(CodeGenerator):
    """Every ``for`` loop iterates through ``environment.counted(iterable, chars)``."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:  # noqa: N802 - jinja's name
        if not isinstance(self.environment, BoundedSandbox):
            return super().visit_For(node, frame)
        wrapped = copy.copy(node)
        wrapped.iter = nodes.Call(
            nodes.EnvironmentAttribute("counted", lineno=node.lineno),
            [node.iter, nodes.Const(_literal_chars(node), lineno=node.lineno)],
            [], None, None, lineno=node.lineno)
        return super().visit_For(wrapped, frame)


class BoundedTemplate(Template):
    """render() and make_module() stream the output through the render's budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        with budget(env) as active:
            return "".join(bounded(self.generate(*args, **kwargs), active.max_output))

    def make_module(self, vars: dict[str, Any] | None = None, shared: bool = False,  # noqa: A002
                    locals: Mapping[str, Any] | None = None) -> TemplateModule:  # noqa: A002
        env = self.environment
        ctx = self.new_context(vars, shared, locals)
        with budget(env) as active:
            try:
                body = list(bounded(self.root_render_func(ctx), active.max_output))
            except Exception:  # noqa: BLE001 - re-raised with the template's traceback
                env.handle_exception()
        return TemplateModule(self, ctx, body)


class _Bounded:
    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec(format_spec)
        return super().format_field(value, format_spec)  # type: ignore[misc]


class _BoundedFormatter(_Bounded, SandboxedFormatter):
    pass


class _BoundedEscapeFormatter(_Bounded, SandboxedEscapeFormatter):
    pass


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with budgets on time, work, output and sizes (see the module's
    documentation). Limits are attributes, so a caller or test can lower them."""

    code_generator_class = BoundedCodeGenerator
    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    max_output = MAX_OUTPUT
    max_operations = MAX_OPERATIONS
    time_limit = TIME_LIMIT

    def __init__(self, *args: Any, finalize: Callable[[Any], Any] | None = None,
                 **kwargs: Any) -> None:
        def counting(value: Any) -> Any:
            if isinstance(value, str):
                _build(len(value))
            else:
                _build(check_weight_or_int(value))
            return finalize(value) if finalize is not None else value

        super().__init__(*args, finalize=counting, **kwargs)
        self.globals.pop("lipsum", None)
        self.globals["range"] = limited_range
        self.filters.update({
            "center": _center, "format": _format, "indent": _indent, "replace": _replace,
            "join": _join, "batch": _batch, "slice": _slice,
            "wordwrap": jinja_filters.pass_environment(_wordwrap),
            "string": _printable(jinja_filters.soft_str),
            "pprint": _printable(jinja_filters.do_pprint),
        })

    # the per-iteration hook of every for loop
    def counted(self, iterable: Any, chars: int = 0) -> Iterator[Any]:
        active = _current.get()
        for item in iterable:
            if active is not None:
                active.tick()
                if chars:
                    active.build(chars)
            yield item

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _tick()
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (__self.counted(args[0]), *args[1:])
        elif isinstance(__obj, Macro):
            for value in (*args, *kwargs.values()):
                check_weight(value, "a macro argument")
        else:
            args, kwargs = _check_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str | bytes | bytearray | list | tuple):
            check_size(len(result), "a call")
        return _check_int(result)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return self._checked(obj, super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return self._checked(obj, super().getitem(obj, argument))

    @staticmethod
    def _checked(obj: Any, value: Any) -> Any:
        if isinstance(value, str) and len(value) > MAX_VALUE:
            check_size(len(value), "a value")
        if isinstance(obj, Namespace):  # the one place a template keeps state across a loop
            check_weight(value, "a namespace value")
        return value

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "**":
            if isinstance(right, int | float) and abs(right) > 64:
                raise TemplateLimitError("exponent too large in a template")
            if isinstance(left, int) and isinstance(right, int) and right > 0 and (
                    left.bit_length() * right > MAX_INT_BITS):
                raise TemplateLimitError("a number this large is not allowed in a template")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | bytes | list | tuple) and isinstance(times, int) and (
                        len(seq) * times > MAX_REPEAT or (not isinstance(seq, str | bytes)
                                                          and weight(seq) * times > MAX_VALUE)):
                    raise TemplateLimitError("repetition too large in a template")
            if isinstance(left, int) and isinstance(right, int) and (
                    left.bit_length() + right.bit_length() > MAX_INT_BITS):
                raise TemplateLimitError("a number this large is not allowed in a template")
        elif operator == "+":
            if isinstance(left, str | bytes) and isinstance(right, str | bytes):
                check_size(len(left) + len(right), "'+'")
            elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
                check_size(weight(left) + weight(right), "'+'")
        elif operator == "%" and isinstance(left, str | bytes):
            check_percent(left, right)
        return _check_int(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format / format_map, with every field's width and precision capped."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) or (
                value.__name__ not in ("format", "format_map")):
            return None
        f_self = value.__self__
        if not isinstance(f_self, str):
            return None
        str_type = type(f_self)
        is_format_map = value.__name__ == "format_map"
        formatter: Formatter
        if isinstance(f_self, Markup):
            formatter = _BoundedEscapeFormatter(self, escape=f_self.escape)
        else:
            formatter = _BoundedFormatter(self)

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_format_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                kwargs, args = args[0], ()
            return str_type(formatter.vformat(f_self, args, kwargs))

        wrapper.__name__ = value.__name__
        wrapper.__doc__ = value.__doc__
        return wrapper


def check_weight_or_int(value: Any) -> int:
    """How much printing ``value`` adds to the render (refusing giant values)."""
    if isinstance(value, int) and not isinstance(value, bool):
        _check_int(value)
        return value.bit_length() * 3 // 10 + 1  # about its number of digits
    size = weight(value)
    if size > MAX_VALUE:
        check_size(size, "printing a value")
    return size


__all__ = [
    "MAX_OUTPUT", "MAX_OPERATIONS", "MAX_RANGE", "MAX_REPEAT", "MAX_VALUE", "MAX_WIDTH",
    "TIME_LIMIT", "BoundedSandbox", "Budget", "TemplateLimitError",
    "bounded", "budget", "current_budget", "limited_range",
]
