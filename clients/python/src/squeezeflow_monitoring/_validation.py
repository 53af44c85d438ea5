"""The metric rules of packages/core/src/metricPoint.ts, so Python refuses exactly what the monitors refuse."""

from __future__ import annotations

import math
import re
from typing import Any, Mapping, Optional

METRIC_NAME_PATTERN = re.compile(r"[a-zA-Z_][a-zA-Z0-9_.]{0,127}")
TAG_KEY_PATTERN = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]{0,63}")
SERVICE_PATTERN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")
MAX_TAG_VALUE_LENGTH = 128
MAX_TAGS_PER_POINT = 8
MAX_UNIT_LENGTH = 32

# Shown in messages as core shows its RegExps, so a reason reads the same from either client.
_NAME_SHOWN = "/^[a-zA-Z_][a-zA-Z0-9_.]{0,127}$/"
_TAG_KEY_SHOWN = "/^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/"


class MetricValidationError(ValueError):
    """Invalid metric input, raised only with ``on_invalid="raise"``."""


def utf16_length(text: str) -> int:
    """Length as JavaScript counts it (UTF-16 code units): the monitors measure tag values that way."""
    if len(text) <= MAX_TAG_VALUE_LENGTH // 2:
        return len(text)
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def is_metric_name(name: Any) -> bool:
    # fullmatch: re's `$` would also accept a trailing newline, which JavaScript's does not.
    return isinstance(name, str) and METRIC_NAME_PATTERN.fullmatch(name) is not None


def is_finite_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def is_integer(value: Any) -> bool:
    """JavaScript's Number.isInteger on a JSON number: 3 and 3.0 are integers."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


def metric_name_problem(name: Any) -> Optional[str]:
    if not is_metric_name(name):
        return f"metric name {_json(name)} must match {_NAME_SHOWN}"
    return None


def tags_problem(name: str, tags: Mapping[Any, Any]) -> Optional[str]:
    """The reason a tag set is unacceptable for metric ``name``, or None."""
    if len(tags) > MAX_TAGS_PER_POINT:
        return f"metric {name}: at most {MAX_TAGS_PER_POINT} tags, got {len(tags)}"
    for key, value in tags.items():
        if not isinstance(key, str) or TAG_KEY_PATTERN.fullmatch(key) is None:
            return f"metric {name}: tag key {_json(key)} must match {_TAG_KEY_SHOWN}"
        if not isinstance(value, str) or utf16_length(value) > MAX_TAG_VALUE_LENGTH:
            return f"metric {name}: tag {key} must be a string of at most {MAX_TAG_VALUE_LENGTH} characters"
    return None


def _json(value: Any) -> str:
    import json

    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
