"""schema/schema.graphql is the contract with clients: it must match the code."""

from pathlib import Path

from graphql import parse, validate

from ekinerja_graphql.api.schema import schema

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


def test_exported_sdl_matches_the_code():
    exported = (SCHEMA_DIR / "schema.graphql").read_text()
    assert exported == schema.as_str() + "\n", (
        "schema changed: run `python3 -m ekinerja_graphql export-schema` and commit"
    )


def test_every_client_operation_validates_against_the_schema():
    operations = sorted((SCHEMA_DIR / "operations").glob("*.graphql"))
    assert len(operations) >= 5
    for path in operations:
        errors = validate(schema._schema, parse(path.read_text()))
        assert errors == [], f"{path.name}: {errors}"
