"""Appeal letter templates: files with a TOML header in a leading Jinja comment, rendered in a
sandbox with StrictUndefined, so a letter is complete or not produced at all.

Built-in templates live in ``resources/templates/appeals/<lang>/<name>.md.j2``; a user's own in
``<profile>/templates/appeals/<lang>/`` add to them or, under the same name, replace them.
Files whose name starts with ``_`` are partials for ``{% include %}``, not letters.
The header format is documented in ``resources/templates/appeals/README.md``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.meta import find_undeclared_variables
from jinja2.sandbox import SecurityError

from shopwatch.appeals import markup
from shopwatch.appeals.context import (
    BASE_NAMES,
    LANGUAGES,
    NOTICE_KINDS,
    TrafficView,
    build_context,
    check_language,
    format_date,
    format_datetime,
    sample_evidence,
    sample_listing,
    sample_notice,
    sample_shop,
    sample_traffic,
)
from shopwatch.appeals.evidence import (
    FIELD_NAME,
    FIELD_TYPES,
    KNOWN_FIELDS,
    FieldSpec,
    is_empty,
)
from shopwatch.config import resources_dir
from shopwatch.models import Listing, Notice, Shop

# loops, repetition, widths, work, time and output are capped there: a template must not be
# able to hang the app
from shopwatch.templating import BoundedSandbox

SUFFIX = ".md.j2"
ANY_KIND = "*"
HEADER_RE = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.S)
HEADER_KEYS = frozenset({"title", "description", "applies_to", "required", "optional", "fields"})
BUILT_IN = "built-in"
USER = "user"



# --- errors ------------------------------------------------------------------------------

class TemplateError(Exception):
    """A template cannot be used; the message says which and why, for the user."""


class TemplateNotFound(TemplateError):
    pass


class TemplateSandboxError(TemplateError):
    """The template tried to reach Python internals (or to exhaust resources)."""


class MissingFields(TemplateError):
    """Required evidence is missing: no letter is produced."""

    def __init__(self, fields: Sequence[str], template: str = "") -> None:
        self.fields = list(fields)
        self.template = template
        super().__init__("this template needs: " + ", ".join(self.fields))


# --- template descriptions -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TemplateInfo:
    name: str
    language: str
    title: str
    applies_to: tuple[str, ...]
    required: tuple[str, ...]
    optional: tuple[str, ...]
    path: Path
    source: str = BUILT_IN  # built-in | user
    description: str = ""
    custom_fields: Mapping[str, FieldSpec] = field(default_factory=dict)
    overrides: bool = False  # a user template replacing a built-in of the same name

    @property
    def fields(self) -> tuple[str, ...]:
        return self.required + self.optional

    def specs(self) -> list[FieldSpec]:
        """The declared fields' specs, in declaration order (required first)."""
        return [self.custom_fields.get(n) or KNOWN_FIELDS[n] for n in self.fields]

    def spec_map(self) -> dict[str, FieldSpec]:
        return {spec.name: spec for spec in self.specs()}

    def match(self, kind: str) -> int:
        """2: names this notice kind; 1: applies to any kind; 0: does not apply."""
        if kind in self.applies_to:
            return 2
        return 1 if ANY_KIND in self.applies_to else 0

    def missing(self, evidence: Mapping[str, Any]) -> list[str]:
        return [name for name in self.required if is_empty(evidence.get(name))]


def _string_list(data: dict[str, Any], key: str, problems: list[str]) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"'{key}' must be a list of names, like {key} = [\"order_ids\"]")
        return ()
    return tuple(value)


def _custom_fields(data: Any, problems: list[str]) -> dict[str, FieldSpec]:
    if not isinstance(data, dict):
        problems.append("'fields' must be a table of [fields.NAME] entries")
        return {}
    out = {}
    for name, spec in data.items():
        if not FIELD_NAME.match(name):
            problems.append(f"field name '{name}' must be lower-case letters, digits and _")
            continue
        if name in KNOWN_FIELDS or name in BASE_NAMES:
            problems.append(f"'{name}' is a built-in name; give the custom field another name")
            continue
        if not isinstance(spec, dict):
            problems.append(f"[fields.{name}] must be a table")
            continue
        kind = spec.get("type", "text")
        if kind not in FIELD_TYPES:
            problems.append(f"[fields.{name}] type must be one of {', '.join(FIELD_TYPES)}")
            continue
        label = str(spec.get("label", name))
        pattern = spec.get("pattern")
        if pattern is not None:
            try:
                re.compile(str(pattern))
            except re.error as exc:
                problems.append(f"[fields.{name}] pattern is not a valid regular expression: {exc}")
                continue
        out[name] = FieldSpec(name, kind, str(spec.get("label_zh", label)),
                              str(spec.get("label_en", label)),
                              pattern=str(pattern) if pattern is not None else None,
                              hint=str(spec.get("hint", "")))
    return out


def parse_header(source: str, *, where: str, language: str, path: Path, origin: str = USER
                 ) -> tuple[TemplateInfo, list[str]]:
    """The template's description and the warnings about it; TemplateError if unusable."""
    match = HEADER_RE.match(source)
    if not match:
        raise TemplateError(
            f"{where}: no header. A template starts with a {{# … #}} comment holding title, "
            "applies_to, required and optional (see resources/templates/appeals/README.md).")
    try:
        data = tomllib.loads(match.group(1))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{where}: the header is not valid TOML: {exc}") from None
    problems: list[str] = []
    warnings: list[str] = []
    unknown_keys = sorted(set(data) - HEADER_KEYS)
    if unknown_keys:
        problems.append(f"unknown header key(s): {', '.join(unknown_keys)} "
                        f"(known: {', '.join(sorted(HEADER_KEYS))})")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append("'title' must be a non-empty text")
        title = ""
    description = data.get("description", "")
    if not isinstance(description, str):
        problems.append("'description' must be a text")
        description = ""
    applies_to = _string_list(data, "applies_to", problems)
    if not applies_to and "applies_to" not in data:
        problems.append("'applies_to' is missing: list notice kinds, or [\"*\"] for any")
    unknown_kinds = [k for k in applies_to if k != ANY_KIND and k not in NOTICE_KINDS]
    if unknown_kinds:
        warnings.append(f"applies to notice kinds shopwatch does not know yet: "
                        f"{', '.join(unknown_kinds)}")
    required = _string_list(data, "required", problems)
    optional = _string_list(data, "optional", problems)
    custom = _custom_fields(data.get("fields", {}), problems)
    both = sorted(set(required) & set(optional))
    if both:
        problems.append(f"field(s) both required and optional: {', '.join(both)}")
    unknown = [n for n in (*required, *optional) if n not in KNOWN_FIELDS and n not in custom]
    if unknown:
        problems.append(f"needs unknown fields: {', '.join(dict.fromkeys(unknown))} (declare "
                        "a custom field under [fields.NAME], or use a known field)")
    if problems:
        raise TemplateError(f"{where}: " + "; ".join(problems))
    info = TemplateInfo(
        name=template_name(path), language=language, title=title.strip(),
        applies_to=applies_to, required=required, optional=optional, path=path,
        source=origin, description=description.strip(), custom_fields=custom,
    )
    return info, warnings


def template_name(path: Path) -> str:
    name = path.name
    return name[: -len(SUFFIX)] if name.endswith(SUFFIX) else path.stem


# --- the sandbox -------------------------------------------------------------------------

def _finalize(value: Any) -> Any:
    if value is None:
        # printing None would put the word "None" into a letter: that is a template bug
        raise TemplateError("the template prints a value that is empty (None); guard it with "
                            "{% if … %}")
    if isinstance(value, str):
        return markup.escape(value)
    return value


def around(value: Any, before: str = "", after: str = "") -> str:
    """``before + value + after``, or nothing when the value is empty: optional text at the end
    of a line, where a closing ``{% endif %}`` would swallow the line break."""
    if value is None or value == 0 or is_empty(value):
        return ""
    return f"{before}{value}{after}"


class LetterEnvironment(BoundedSandbox):
    """The immutable sandbox (no attribute starting with _, no mutating a list or dict) with
    the budgets of shopwatch.templating: a letter cannot hang or balloon drafting or
    checking."""


def make_environment(loader: jinja2.BaseLoader, language: str) -> LetterEnvironment:
    env = LetterEnvironment(
        loader=loader, undefined=jinja2.StrictUndefined, autoescape=False, finalize=_finalize,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["around"] = around
    env.filters["date"] = lambda value: format_date(value, language)
    env.filters["datetime"] = lambda value: format_datetime(value, language)
    return env


def static_problems(ast: nodes.Template) -> list[str]:
    """Refuse what the sandbox would refuse at run time, without running anything."""
    problems = []
    for node in ast.find_all((nodes.Getattr, nodes.Getitem, nodes.Filter)):
        name = None
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            name = node.arg.value
        elif isinstance(node, nodes.Filter) and node.name == "attr" and node.args and isinstance(
                node.args[0], nodes.Const):
            name = node.args[0].value
        if isinstance(name, str) and name.startswith("_"):
            problems.append(f"line {node.lineno}: refused by the sandbox: '{name}' reaches "
                            "Python internals")
    return problems


def tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def _explain(exc: Exception, where: str) -> TemplateError:
    if isinstance(exc, TemplateError):
        return type(exc)(f"{where}: {exc}") if not isinstance(exc, MissingFields) else exc
    if isinstance(exc, SecurityError):
        return TemplateSandboxError(f"{where}: refused by the sandbox: {exc}")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        name = f" in {exc.name}" if exc.name and exc.name not in where else ""
        return TemplateError(f"{where}: line {exc.lineno}{name}: {exc.message}")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"{where}: uses a value that is not defined ({exc.message})")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"{where}: includes '{exc.name}', which does not exist")
    return TemplateError(f"{where}: failed: {type(exc).__name__}: {exc}")


# --- the library -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CheckResult:
    path: Path
    language: str
    info: TemplateInfo | None
    errors: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True)
class Broken:
    """A template file that could not be read (listed, so the user can fix it)."""

    path: Path
    language: str
    error: str


def builtin_dir() -> Path:
    return resources_dir() / "templates" / "appeals"


def user_dir(profile: Path) -> Path:
    return profile / "templates" / "appeals"


class TemplateLibrary:
    """Built-in plus user templates, per language."""

    def __init__(self, builtin: Path | None = None, user: Path | None = None) -> None:
        self.builtin = builtin if builtin is not None else builtin_dir()
        self.user = user
        self._envs: dict[str, LetterEnvironment] = {}

    @classmethod
    def for_profile(cls, profile: Path | None) -> TemplateLibrary:
        return cls(builtin_dir(), user_dir(profile) if profile is not None else None)

    def environment(self, language: str) -> LetterEnvironment:
        check_language(language)
        if language not in self._envs:
            folders = [str(d / language) for d in (self.user, self.builtin) if d is not None]
            loader = jinja2.FileSystemLoader(folders, encoding="utf-8-sig")
            self._envs[language] = make_environment(loader, language)
        return self._envs[language]

    # listing ---------------------------------------------------------------------------

    def scan(self, language: str | None = None) -> tuple[list[TemplateInfo], list[Broken]]:
        """Usable templates (user ones replacing built-ins of the same name) and broken files."""
        infos: list[TemplateInfo] = []
        broken: list[Broken] = []
        for lang in [language] if language else list(LANGUAGES):
            check_language(lang)
            found: dict[str, TemplateInfo] = {}
            for origin, root in ((BUILT_IN, self.builtin), (USER, self.user)):
                if root is None or not (root / lang).is_dir():
                    continue
                for path in sorted((root / lang).glob("*" + SUFFIX)):
                    if path.name.startswith("_"):
                        continue
                    try:
                        info, _ = parse_header(_read(path), where=str(path), language=lang,
                                               path=path, origin=origin)
                    except TemplateError as exc:
                        broken.append(Broken(path, lang, str(exc)))
                        continue
                    except (OSError, UnicodeDecodeError) as exc:
                        # e.g. saved as GBK by an editor: listed as broken, like check_file
                        broken.append(Broken(path, lang, f"{path}: cannot read: {exc}"))
                        continue
                    if origin == USER and info.name in found:
                        info = replace(info, overrides=True)
                    found[info.name] = info
            infos += sorted(found.values(), key=lambda i: i.name)
        return infos, broken

    def templates(self, language: str | None = None) -> list[TemplateInfo]:
        return self.scan(language)[0]

    def get(self, name: str, language: str) -> TemplateInfo:
        infos = self.templates(language)
        for info in infos:
            if info.name == name:
                return info
        known = ", ".join(i.name for i in infos) or "none"
        raise TemplateNotFound(f"no {language} template named '{name}' (templates: {known})")

    def for_kind(self, kind: str, language: str) -> list[TemplateInfo]:
        """Templates that apply to ``kind``, best first: one naming the kind before one for any
        kind, a user's own before a built-in, the one named after the kind first."""
        matches = [i for i in self.templates(language) if i.match(kind)]
        return sorted(matches, key=lambda i: (-i.match(kind), i.source != USER, i.name != kind,
                                              i.name))

    def suggest(self, kind: str, language: str) -> TemplateInfo:
        matches = self.for_kind(kind, language)
        if not matches:
            raise TemplateNotFound(f"no {language} template applies to '{kind}' notices")
        return matches[0]

    # rendering -------------------------------------------------------------------------

    def render(self, info: TemplateInfo, context: Mapping[str, Any]) -> str:
        where = f"template '{info.name}' ({info.language})"
        env = self.environment(info.language)
        try:
            template = env.get_template(info.path.name)
            return tidy(template.render(dict(context)))
        except Exception as exc:  # noqa: BLE001 - every failure becomes a readable TemplateError
            raise _explain(exc, where) from exc

    def render_letter(
        self, info: TemplateInfo, *, notice: Notice, listing: Listing | None, shop: Shop,
        evidence: Mapping[str, Any], today: date, traffic: TrafficView | None = None,
    ) -> str:
        """The letter, or MissingFields naming every required field not given."""
        missing = info.missing(evidence)
        if missing:
            raise MissingFields(missing, info.name)
        context = build_context(notice=notice, listing=listing, shop=shop, evidence=evidence,
                                specs=info.specs(), language=info.language, today=today,
                                traffic=traffic)
        return self.render(info, context)

    # checking --------------------------------------------------------------------------

    def check_file(self, path: Path, language: str | None = None) -> CheckResult:
        """Everything that can be known about a template without a real notice: header,
        syntax, sandbox, fields it uses, and trial renders with sample facts."""
        path = Path(path)
        if language is None:
            language = path.parent.name if path.parent.name in LANGUAGES else LANGUAGES[0]
        check_language(language)
        where = str(path)
        try:
            source = _read(path)
        except (OSError, UnicodeDecodeError) as exc:
            return CheckResult(path, language, None, (f"{where}: cannot read: {exc}",), ())
        env = self.environment(language)
        if path.name.startswith("_"):  # a partial: syntax and sandbox only
            return self._check_partial(env, source, path, language)
        try:
            info, warnings = parse_header(source, where=where, language=language, path=path)
        except TemplateError as exc:
            return CheckResult(path, language, None, (str(exc),), ())
        errors: list[str] = []
        try:
            ast = env.parse(source, name=path.name)
            template = env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            return CheckResult(path, language, info, (str(_explain(exc, where)),), tuple(warnings))
        errors += [f"{where}: {p}" for p in static_problems(ast)]
        used = find_undeclared_variables(ast) - BASE_NAMES - set(env.globals) - set(info.fields)
        if used:
            errors.append(f"{where}: uses unknown fields: {', '.join(sorted(used))} (declare "
                          "them in the header's required or optional list)")
        if not HEADER_RE.sub("", source, count=1).strip():
            errors.append(f"{where}: the template has a header but no letter")
        if errors:
            return CheckResult(path, language, info, tuple(errors), tuple(warnings))
        kind = next((k for k in info.applies_to if k != ANY_KIND), "other")
        specs = info.specs()
        trials = (
            ("with every field", sample_evidence(specs, info.fields), True, True),
            ("with only the required fields", sample_evidence(specs, info.required), True, True),
            ("for a notice that names no listing", sample_evidence(specs, info.required),
             False, False),
        )
        for label, evidence, with_listing, is_error in trials:
            if errors:
                break  # one failure says it; the later trials would repeat it
            context = build_context(
                notice=sample_notice(kind), listing=sample_listing() if with_listing else None,
                shop=sample_shop(), evidence=evidence, specs=specs, language=language,
                today=date(2026, 11, 21), traffic=sample_traffic(language) if with_listing else None)
            try:
                text = template.render(context)
            except Exception as exc:  # noqa: BLE001 - reported, never raised
                message = f"{_explain(exc, where)} ({label})"
                (errors if is_error else warnings).append(message)
                continue
            if not text.strip():
                errors.append(f"{where}: renders an empty letter ({label})")
        return CheckResult(path, language, info, tuple(errors), tuple(warnings))

    def _check_partial(self, env: LetterEnvironment, source: str, path: Path,
                       language: str) -> CheckResult:
        try:
            ast = env.parse(source, name=path.name)
            env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            return CheckResult(path, language, None, (str(_explain(exc, str(path))),), ())
        errors = tuple(f"{path}: {p}" for p in static_problems(ast))
        return CheckResult(path, language, None, errors, ())

    def check_all(self) -> list[CheckResult]:
        """Every template file and partial, built-in and user, in both languages."""
        results = []
        for root in (self.builtin, self.user):
            if root is None:
                continue
            for lang in LANGUAGES:
                folder = root / lang
                if folder.is_dir():
                    results += [self.check_file(p, lang) for p in sorted(folder.glob("*" + SUFFIX))]
        return results


def _read(path: Path) -> str:
    # utf-8-sig: a template saved by Windows Notepad starts with a BOM
    return path.read_text(encoding="utf-8-sig")


