"""Opaque global ids: relay's base64("Type:id"), checked for type and for the id column's range."""

from strawberry import relay

from ekinerja_graphql.api.errors import BadUserInput

MAX_ROW_ID = 2**31 - 1  # every table's id is a 32-bit integer column
MAX_GLOBAL_ID_LENGTH = 100


def parse_global_id(text: str, argument: str = "id") -> relay.GlobalID:
    if len(text) > MAX_GLOBAL_ID_LENGTH:
        raise BadUserInput(argument, "an id returned by this API (node.id)")
    try:
        return relay.GlobalID.from_id(text)
    except Exception:  # noqa: BLE001 - any malformed id is the caller's mistake
        raise BadUserInput(argument, "an id returned by this API (node.id)") from None


def row_id(global_id: relay.GlobalID, argument: str) -> int:
    """The row id inside a global id of any type, within the id column's range."""
    text = global_id.node_id
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_ROW_ID):
        raise BadUserInput(argument, f"an id of a {global_id.type_name} returned by this API")
    return int(text)


def decode_id(global_id: relay.GlobalID, expected_type: str, argument: str) -> int:
    if global_id.type_name != expected_type:
        raise BadUserInput(argument, f"an id of a {expected_type}")
    return row_id(global_id, argument)
