"""The common request, a JSON POST, read without Strawberry's general request inspection.

Strawberry's view first asks every request whether it is a WebSocket, an IDE page, a
multipart upload, a streamed subscription or a batch, parsing its Content-Type and Accept
headers with the `email` package: a tenth of a `{ __typename }`'s instructions. A POST
whose body is JSON and whose Accept asks for no stream is none of those; anything else
takes Strawberry's way.
"""

from cross_web import HTTPException
from strawberry.http import GraphQLRequestData

STREAMED = ("multipart", "event-stream")  # the Accept of Strawberry's stream transports


def is_plain_json_post(method: str, content_type: str | None, accept: str | None) -> bool:
    if method != "POST" or content_type is None:
        return False
    if content_type.split(";", 1)[0].strip() != "application/json":
        return False  # as Strawberry, which refuses "Application/JSON"
    accept = (accept or "").lower()
    return not any(stream in accept for stream in STREAMED)


def request_data(body: dict) -> GraphQLRequestData:
    """The operation of a decoded JSON object, its members checked as Strawberry checks them."""
    query = body.get("query")
    if not isinstance(query, (str, type(None))):
        raise HTTPException(
            400, "The GraphQL operation's `query` must be a string or null, if provided.")
    variables = body.get("variables")
    if not isinstance(variables, (dict, type(None))):
        raise HTTPException(
            400, "The GraphQL operation's `variables` must be an object or null, if provided.")
    extensions = body.get("extensions")
    if not isinstance(extensions, (dict, type(None))):
        raise HTTPException(
            400, "The GraphQL operation's `extensions` must be an object or null, if provided.")
    return GraphQLRequestData(query=query, variables=variables,
                              operation_name=body.get("operationName"), extensions=extensions)
