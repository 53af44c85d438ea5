"""The golden fixtures of docs/contracts, which core's TypeScript tests read too."""

import glob
import json
import os

import pytest

from conftest import FIXTURES
from squeezeflow_monitoring import PerformanceAlert, decode_entry, encode_columnar_batch, validate_alert_rule


def load(folder):
    paths = sorted(glob.glob(os.path.join(FIXTURES, folder, "*.json")))
    assert paths, f"no fixtures in {folder}"
    return [pytest.param(json.load(open(path, encoding="utf-8")), id=os.path.basename(path)) for path in paths]


@pytest.mark.parametrize("fixture", load("ingest"))
def test_decodes_each_ingest_fixture_as_core_does(fixture):
    decoded = decode_entry(fixture["fields"])
    expect = fixture["expect"]
    if "rejected" in expect:
        assert decoded.rejected is not None and decoded.rejected[0] == expect["rejected"]
        assert decoded.points == []
        return
    assert decoded.rejected is None
    assert decoded.points == expect["points"]
    assert [{"index": index, "code": code} for index, code, _ in decoded.skipped] == expect["skipped"]


@pytest.mark.parametrize("fixture", [f for f in load("ingest") if "points" in f.values[0]["expect"]])
def test_encodes_the_valid_fixtures_points_back_to_the_same_points(fixture):
    points = fixture["expect"]["points"]
    services = {p["service"] for p in points}
    if len(services) != 1:
        return
    rows = [(p["metric_name"], p["value"], p["unit"], tuple(sorted(p["tags"].items())), int(p["timestamp"])) for p in points]
    decoded = decode_entry({"c": encode_columnar_batch(services.pop(), rows)})
    assert decoded.rejected is None and decoded.skipped == []
    assert decoded.points == points


@pytest.mark.parametrize("fixture", load("alert-rules"))
def test_validates_each_alert_rule_fixture_as_core_does(fixture):
    rule = fixture["rule"]
    if "expect" in fixture:
        assert validate_alert_rule(rule) == fixture["expect"]
        return
    with pytest.raises(ValueError, match=rf"^performance alert {fixture['error_field']} must be"):
        validate_alert_rule(rule)


@pytest.mark.parametrize("fixture", load("alert-rules"))
def test_performance_alert_accepts_and_refuses_the_same_rules(fixture):
    fields = {k: v for k, v in fixture["rule"].items() if k not in ("added_by", "updated_at")}
    if "expect" in fixture:
        expected = {k: v for k, v in fixture["expect"].items() if k not in ("added_by", "updated_at")}
        assert PerformanceAlert(**fields).to_rule() == expected
    elif fixture["error_field"] not in ("added_by", "updated_at") and "metric_name" in fields:
        with pytest.raises(ValueError, match=rf"^performance alert {fixture['error_field']} must be"):
            PerformanceAlert(**fields)
