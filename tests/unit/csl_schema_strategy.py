"""Hypothesis strategies for values valid under a JSON schema (the subset CSL's schema uses:
type, enum, properties, items, minItems/maxItems, anyOf, $ref). hypothesis-jsonschema does not
run with the hypothesis this project pins, so this is the small part of it we need."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

_TEXT = st.text(max_size=12)
_NUMBER = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False),
)


def from_schema(
    schema: dict[str, Any], root: dict[str, Any] | None = None
) -> st.SearchStrategy[Any]:
    root = root or schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return from_schema(root["definitions"][name], root)
    if "anyOf" in schema:
        return st.one_of([from_schema(option, root) for option in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kinds = schema.get("type", "object")
    if isinstance(kinds, list):
        return st.one_of([from_schema({**schema, "type": kind}, root) for kind in kinds])
    return _typed(kinds, schema, root)


def _typed(kind: str, schema: dict[str, Any], root: dict[str, Any]) -> st.SearchStrategy[Any]:
    if kind == "string":
        return _TEXT
    if kind == "number":
        return _NUMBER
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = from_schema(schema.get("items", {"type": "string"}), root)
        return st.lists(
            items, min_size=schema.get("minItems", 0), max_size=schema.get("maxItems", 3)
        )
    properties = schema.get("properties", {})
    if not properties:
        return st.dictionaries(_TEXT, st.one_of(_TEXT, _NUMBER, st.booleans()), max_size=3)
    required = {key: from_schema(properties[key], root) for key in schema.get("required", [])}
    optional = {
        key: from_schema(value, root) for key, value in properties.items() if key not in required
    }
    return st.fixed_dictionaries(required, optional=optional)
