"""README.md documents every setting, so configuration cannot drift from the docs."""

from pathlib import Path

from ekinerja_graphql.config import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def environment_names(field_name: str) -> list[str]:
    alias = Settings.model_fields[field_name].validation_alias
    if alias is not None:
        return list(alias.choices)
    return [f"EKINERJA_{field_name.upper()}"]


def test_every_setting_is_in_the_configuration_table():
    readme = README.read_text()
    missing = [
        name
        for field in Settings.model_fields
        for name in environment_names(field)
        if f"`{name}`" not in readme
    ]
    assert not missing, f"README.md does not document {missing}"
