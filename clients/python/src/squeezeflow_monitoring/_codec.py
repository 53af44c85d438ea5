"""The ingest stream entry, v2 (field ``c``) written and v1 (field ``p``) read, as docs/contracts/README.md
defines it. The writer is the client's; the reader is for tests and tools, with the reason codes of core's."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ._validation import is_finite_number, is_integer, metric_name_problem, tags_problem

INGEST_FIELD_V2 = "c"
INGEST_FIELD_V1 = "p"
INGEST_VERSION = 2
_MAX_SAFE_INTEGER = 2**53 - 1

# A buffered point: (metric_name, value, unit, tags as a sorted tuple of pairs, timestamp in ms).
Point = Tuple[str, float, str, Tuple[Tuple[str, str], ...], int]


def encode_columnar_batch(service: str, points: Sequence[Point]) -> str:
    """One v2 entry for ``points`` of ``service``; the points are valid already (checked when recorded)."""
    series: List[list] = []
    index_of: Dict[Tuple[str, str, tuple], int] = {}
    t0 = round(points[0][4]) if points else 0
    i: List[int] = []
    t: List[int] = []
    x: List[float] = []
    for name, value, unit, tags, timestamp in points:
        key = (name, unit, tags)
        index = index_of.get(key)
        if index is None:
            index = index_of[key] = len(series)
            series.append([name, unit, dict(tags)])
        i.append(index)
        t.append(round(timestamp) - t0)  # whole ms, as the contract requires, whatever the clock gives
        x.append(value)
    body = {"v": INGEST_VERSION, "service": service, "t0": t0, "series": series, "i": i, "t": t, "x": x}
    # ensure_ascii: a lone surrogate in a unit or tag stays valid JSON instead of failing the XADD forever.
    return json.dumps(body, separators=(",", ":"), allow_nan=False)


class Decoded(NamedTuple):
    points: List[Dict[str, Any]]
    #: (point index, code, message) per skipped point.
    skipped: List[Tuple[int, str, str]]
    #: (code, message) when the whole entry is refused.
    rejected: Optional[Tuple[str, str]]


def decode_entry(fields: Mapping[str, str]) -> Decoded:
    """Decodes one stream entry by its fields, as performance-monitor does. Never raises."""
    if INGEST_FIELD_V2 in fields:
        return _decode_v2(fields[INGEST_FIELD_V2])
    if INGEST_FIELD_V1 in fields:
        return _decode_v1(fields[INGEST_FIELD_V1])
    return _rejected("no_field", "entry has neither field c nor p")


def _rejected(code: str, message: str) -> Decoded:
    return Decoded([], [], (code, message))


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _parse(text: str, kind: type) -> Any:
    """The entry's JSON value, or the Decoded rejection when it is not JSON of ``kind`` (dict or list)."""
    try:
        # NaN and Infinity are Python extensions, not JSON: refuse them as JavaScript's JSON.parse does.
        body = json.loads(text, parse_constant=_refuse_constant)
    except ValueError as error:
        return _rejected("not_json", f"entry is not JSON: {error}")
    if not isinstance(body, kind):
        return _rejected("bad_shape", f"entry is not a JSON {'object' if kind is dict else 'array'}")
    return body


def _decode_v2(text: str) -> Decoded:
    body = _parse(text, dict)
    if isinstance(body, Decoded):
        return body
    if body.get("v") != INGEST_VERSION or isinstance(body.get("v"), bool):
        return _rejected("bad_version", f"entry v must be 2, got {json.dumps(body.get('v'))}")
    service, t0 = body.get("service"), body.get("t0")
    if not isinstance(service, str) or service == "":
        return _rejected("bad_shape", "entry service must be a non-empty string")
    if not is_integer(t0) or abs(t0) > _MAX_SAFE_INTEGER:
        return _rejected("bad_shape", "entry t0 must be an integer of ms since the epoch")
    series, i, t, x = body.get("series"), body.get("i"), body.get("t"), body.get("x")
    if not isinstance(series, list):
        return _rejected("bad_shape", "entry series must be an array")
    if not (isinstance(i, list) and isinstance(t, list) and isinstance(x, list)):
        return _rejected("bad_shape", "entry i, t and x must be arrays")
    if not len(i) == len(t) == len(x):
        return _rejected("length_mismatch", f"entry i, t and x must have equal lengths, got {len(i)}, {len(t)}, {len(x)}")
    dictionary = [_series(raw, service) for raw in series]
    points: List[Dict[str, Any]] = []
    skipped: List[Tuple[int, str, str]] = []
    for k, (index, offset, value) in enumerate(zip(i, t, x)):
        entry = dictionary[int(index)] if is_integer(index) and 0 <= index < len(dictionary) else None
        if entry is None:
            skipped.append((k, "index_out_of_range", f"point {k}: series index {index!r} is not in the series"))
        elif isinstance(entry, str):
            skipped.append((k, "invalid_series", f"point {k}: series {index} is invalid: {entry}"))
        elif not is_integer(offset):
            skipped.append((k, "offset_not_integer", f"point {k}: offset must be an integer of ms, got {offset!r}"))
        elif not is_finite_number(value):
            skipped.append((k, "value_not_finite", f"point {k}: value must be a finite number, got {value!r}"))
        else:
            points.append({**entry, "value": value, "timestamp": t0 + offset, "tags": dict(entry["tags"])})
    return Decoded(points, skipped, None)


def _series(raw: Any, service: str) -> Any:
    """The series as a point without value and timestamp, or the reason it is unacceptable."""
    if not isinstance(raw, list) or len(raw) != 3:
        return "not a [metric_name, unit, tags] triple"
    name, unit, tags = raw
    if not isinstance(name, str):
        return "metric_name must be a string"
    if not isinstance(unit, str):
        return f"metric {name}: unit must be a string"
    if not isinstance(tags, dict):
        return f"metric {name}: tags must be an object"
    problem = metric_name_problem(name) or tags_problem(name, tags)
    if problem is not None:
        return problem
    return {"metric_name": name, "unit": unit, "service": service, "tags": tags}


def _decode_v1(text: str) -> Decoded:
    body = _parse(text, list)
    if isinstance(body, Decoded):
        return body
    points: List[Dict[str, Any]] = []
    skipped: List[Tuple[int, str, str]] = []
    for k, raw in enumerate(body):
        point = _v1_point(raw)
        if isinstance(point, str):
            skipped.append((k, "invalid_point", f"point {k}: {point}"))
        else:
            points.append(point)
    return Decoded(points, skipped, None)


def _v1_point(raw: Any) -> Any:
    if not isinstance(raw, dict):
        return "point is not an object"
    name, unit, service, tags = raw.get("metric_name"), raw.get("unit"), raw.get("service"), raw.get("tags")
    value, timestamp = raw.get("value"), raw.get("timestamp")
    if not isinstance(name, str):
        return "point has no string metric_name"
    if not isinstance(unit, str):
        return f"metric {name}: unit must be a string"
    if not isinstance(service, str) or service == "":
        return f"metric {name}: service must be a non-empty string"
    if not is_finite_number(timestamp):
        return f"metric {name}: timestamp must be a finite number of ms"
    if not isinstance(tags, dict):
        return f"metric {name}: tags must be an object"
    if not is_finite_number(value):
        return f"metric {name}: value must be a finite number, got {value!r}"
    problem = metric_name_problem(name) or tags_problem(name, tags)
    if problem is not None:
        return problem
    return {"metric_name": name, "value": value, "unit": unit, "service": service, "tags": tags, "timestamp": timestamp}
