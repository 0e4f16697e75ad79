"""The HL7 FHIR R4 JSON schema (vendored in tests/data, see tests/data/README.md) as a checker."""

from __future__ import annotations

import gzip
import json
from functools import cache
from typing import Any

from export_support import DATA

SCHEMA = DATA / "fhir.schema.json.gz"


@cache
def _schema() -> dict[str, Any]:
    with gzip.open(SCHEMA, "rt", encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


@cache
def _validator(resource_type: str) -> Any:
    from jsonschema import Draft6Validator

    schema = _schema()
    assert resource_type in schema["definitions"], resource_type
    # The root says "one of every resource"; checking against the one named is the same check
    # with readable errors.
    rooted = {"$schema": schema["$schema"], "$ref": f"#/definitions/{resource_type}",
              "definitions": schema["definitions"]}
    Draft6Validator.check_schema(rooted)
    return Draft6Validator(rooted)


def schema_errors(resource: dict[str, Any]) -> list[str]:
    """Every way `resource` breaks the FHIR R4 JSON schema ('path: message'); [] when valid."""
    validator = _validator(resource["resourceType"])
    return [f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
            for error in sorted(validator.iter_errors(resource), key=lambda e: list(e.path))]


def schema_version() -> str:
    """The schema's own id (it names the FHIR version)."""
    return str(_schema()["id"])
