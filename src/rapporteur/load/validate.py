"""Turning pydantic's errors into one ``path:line:col: message`` line each."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from rapporteur.diagnostics import Diagnostic
from rapporteur.load.yamlfile import LocPath, YamlFile

M = TypeVar("M", bound=BaseModel)

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "none_required": "nothing",
}


def validate(yaml_file: YamlFile, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    try:
        return model.model_validate(yaml_file.data), []
    except ValidationError as exc:
        return None, [_diagnostic(yaml_file, model, error) for error in _deduplicated(exc)]


def _deduplicated(exc: ValidationError) -> list[ErrorDetails]:
    # A union (``Code | None``) reports each alternative; the first one is the useful one.
    seen: set[LocPath] = set()
    errors = []
    for error in exc.errors(include_url=False):
        loc = _clean(error["loc"])
        if loc not in seen:
            seen.add(loc)
            errors.append(error)
    return errors


def _clean(loc: tuple[Any, ...]) -> LocPath:
    """Drop pydantic's own steps (union members, ``root``) from a location path."""
    return tuple(
        step
        for step in loc
        if not (
            isinstance(step, str)
            and (
                step in {"root", "[key]"}
                or step.endswith("]")
                or step.startswith(("function-", "literal[", "nullable"))
                or step in {"str", "int", "bool", "date", "none"}
            )
        )
    )


def _diagnostic(yaml_file: YamlFile, model: type[BaseModel], error: ErrorDetails) -> Diagnostic:
    loc = _clean(error["loc"])
    kind = error["type"]
    is_key = "[key]" in error["loc"]
    if kind == "missing":
        parent, name = loc[:-1], loc[-1]
        return Diagnostic(yaml_file.position(parent), f"missing required field {name!r}")
    if kind == "extra_forbidden":
        name = loc[-1]
        message = f"unknown key {name!r}" + _did_you_mean(str(name), _fields(model, loc[:-1]))
        return Diagnostic(yaml_file.position(loc, key=True), message)
    position = yaml_file.position(loc, key=is_key)
    if kind in _EXPECTED:
        where = f" for {loc[-1]!r}" if loc and isinstance(loc[-1], str) and not is_key else ""
        got = _describe(error["input"])
        return Diagnostic(position, f"expected {_EXPECTED[kind]}{where}, got {got}")
    if kind == "literal_error":
        choices = str(error.get("ctx", {}).get("expected", ""))
        options = [c.strip(" '") for c in choices.replace(" or ", ", ").split(",")]
        message = f"{error['input']!r} is not one of {choices}"
        return Diagnostic(position, message + _did_you_mean(str(error["input"]), options))
    if kind.startswith(("date_", "datetime_")):
        reason = error["msg"].split(", ", 1)[-1] if ", " in error["msg"] else "not a date"
        return Diagnostic(position, f"invalid date {error['input']!r} ({reason}); write YYYY-MM-DD")
    if kind in {"too_short", "too_long"}:
        return Diagnostic(position, _length_message(loc, error))
    if kind == "string_too_short":
        return Diagnostic(position, f"{_name(loc)} is empty; write its text")
    if kind in {"greater_than", "greater_than_equal"}:
        return Diagnostic(
            position, f"number {error['input']!r} is too small: {error['msg'].lower()}"
        )
    if kind == "string_pattern_mismatch":
        return Diagnostic(position, f"malformed value {error['input']!r}")
    return Diagnostic(position, error["msg"])


def _name(loc: LocPath) -> str:
    """What a user calls the value at ``loc``: its key, or its place in a list."""
    if loc and isinstance(loc[-1], int):
        return f"entry {loc[-1] + 1} of {_name(loc[:-1])}"
    return repr(loc[-1]) if loc else "the file"


def _length_message(loc: LocPath, error: ErrorDetails) -> str:
    """A list of the wrong length: "'month_names' needs at least 12 entries, has 11"."""
    ctx = error.get("ctx", {})
    if error["type"] == "too_short":
        limit, rule = ctx.get("min_length"), "needs at least"
    else:
        limit, rule = ctx.get("max_length"), "allows at most"
    entries = "entry" if limit == 1 else "entries"
    return f"{_name(loc)} {rule} {limit} {entries}, has {ctx.get('actual_length') or 'none'}"


def _fields(model: type[BaseModel], loc: LocPath) -> list[str]:
    """The keys allowed at ``loc``, by walking the model's annotations down the path."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        fields = getattr(current, "model_fields", {})
        if step not in fields:
            return []
        current = _record_type(fields[step].annotation)
    return list(getattr(current, "model_fields", {}))


def _record_type(annotation: Any) -> Any:
    """The BaseModel inside ``list[X]``, ``X | None`` or ``Annotated[...]``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or getattr(annotation, "__metadata__", ()):
        found = _record_type(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _record_type(origin) if origin is not None and origin is not annotation else None


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"text {value!r}" if len(value) <= 40 else f"text {value[:37]!r}…"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return type(value).__name__
