"""`draftls check --format sarif` validates against the SARIF 2.1.0 schema."""

import json
import os
import pathlib
import subprocess

import jsonschema

from conftest import SEED


def schema() -> dict:
    path = os.environ.get("SARIF_SCHEMA")
    assert path, "tests/run.sh sets SARIF_SCHEMA to the OASIS SARIF 2.1.0 schema"
    return json.loads(pathlib.Path(path).read_text())


def test_sarif_output_is_valid_and_complete(draftls):
    run = subprocess.run([draftls, "check", "--format", "sarif", str(SEED)], capture_output=True, text=True)
    assert run.returncode == 1
    log = json.loads(run.stdout)
    jsonschema.validate(log, schema())
    results = log["runs"][0]["results"]
    duplicate = next(r for r in results if r["ruleId"] == "duplicate-label")
    region = duplicate["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (43, 1)
    assert duplicate["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 27
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rules[duplicate["ruleIndex"]] == "duplicate-label"
    assert duplicate["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "h)"


def test_a_broken_document_is_rejected_by_the_schema():
    # The check above can fail: a log without the required version is invalid.
    try:
        jsonschema.validate({"runs": []}, schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("the schema accepted a log without a version")
