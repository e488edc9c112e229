"""Opaque global ids: relay's base64("Type:id"), decoded with the expected type checked."""

from strawberry import relay

from ekinerja_graphql.api.errors import BadUserInput


def decode_id(global_id: relay.GlobalID, expected_type: str, argument: str) -> int:
    if global_id.type_name != expected_type:
        raise BadUserInput(argument, f"an id of a {expected_type}")
    try:
        return int(global_id.node_id)
    except ValueError:
        raise BadUserInput(argument, f"an id of a {expected_type}") from None


def parse_global_id(text: str, argument: str = "id") -> relay.GlobalID:
    try:
        return relay.GlobalID.from_id(text)
    except Exception:  # noqa: BLE001 - any malformed id is the caller's mistake
        raise BadUserInput(argument, "an id returned by this API (node.id)") from None
