"""Stable error codes and masking of internal errors, on a throwaway schema."""

import logging

import pytest
import strawberry
from graphql import GraphQLError
from tortoise.exceptions import IntegrityError

from ekinerja_graphql.api.errors import (
    BadUserInput,
    Conflict,
    ErrorCodes,
    Forbidden,
    NotFound,
    Unauthenticated,
    public_error,
)


@strawberry.type
class Query:
    @strawberry.field
    def pegawai(self, nip: str) -> str:
        raise NotFound(f"no pegawai with NIP {nip}")

    @strawberry.field
    def periode(self, bulan: int) -> int:
        raise BadUserInput("bulan", "between 1 and 12")

    @strawberry.field
    def me(self) -> str:
        raise Unauthenticated()

    @strawberry.field
    def penilaian(self) -> str:
        raise Forbidden("only the pejabat penilai may read this evaluation")

    @strawberry.field
    def boom(self) -> str:
        raise RuntimeError("database password is hunter2")

    @strawberry.field
    def node(self, id: strawberry.relay.GlobalID) -> str:
        return str(id)


@strawberry.type
class Mutation:
    @strawberry.mutation
    def save(self, version: int) -> int:
        raise Conflict("the SKP was changed by someone else", current_version=version + 1)

    @strawberry.mutation
    def create(self) -> int:
        raise IntegrityError('duplicate key value violates unique constraint "uid_skp"')


schema = strawberry.Schema(Query, Mutation, extensions=[ErrorCodes])


async def only_error(query: str, **variables) -> GraphQLError:
    result = await schema.execute(query, variable_values=variables or None)
    (error,) = result.errors
    return error


@pytest.mark.parametrize(
    ("query", "code", "message"),
    [
        ('{ pegawai(nip: "1") }', "NOT_FOUND", "no pegawai with NIP 1"),
        ("{ me }", "UNAUTHENTICATED", "sign in: send Authorization: Bearer <token>"),
        ("{ penilaian }", "FORBIDDEN", "only the pejabat penilai may read this evaluation"),
    ],
)
async def test_api_errors_keep_their_message_and_code(query, code, message):
    error = await only_error(query)
    assert error.message == message
    assert error.extensions == {"code": code}


async def test_bad_user_input_names_the_field_and_what_is_allowed():
    error = await only_error("{ periode(bulan: 13) }")
    assert error.message == "bulan must be between 1 and 12"
    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "bulan"}


async def test_conflict_carries_the_current_version():
    error = await only_error("mutation { save(version: 3) }")
    assert error.extensions == {"code": "CONFLICT", "currentVersion": 4}


async def test_validation_errors_are_bad_user_input_and_name_the_field():
    error = await only_error("{ pegawai }")
    assert "pegawai" in error.message and "nip" in error.message
    assert error.extensions == {"code": "BAD_USER_INPUT"}


async def test_syntax_errors_are_bad_user_input():
    error = await only_error("{ pegawai(")
    assert error.message.startswith("Syntax Error")
    assert error.extensions == {"code": "BAD_USER_INPUT"}


async def test_invalid_variables_are_bad_user_input():
    error = await only_error("query($b: Int!) { periode(bulan: $b) }", b="x")
    assert "$b" in error.message
    assert error.extensions == {"code": "BAD_USER_INPUT"}


async def test_invalid_global_ids_are_bad_user_input():
    error = await only_error('{ node(id: "not-a-global-id") }')
    assert error.extensions["code"] == "BAD_USER_INPUT"
    assert "GlobalID" in error.message


async def test_internal_errors_are_masked_logged_and_carry_a_request_id(caplog):
    with caplog.at_level(logging.ERROR, logger="ekinerja_graphql.api.errors"):
        error = await only_error("{ boom }")
    request_id = error.extensions["requestId"]
    assert error.message == f"Internal server error (request id {request_id})"
    assert error.extensions["code"] == "INTERNAL_SERVER_ERROR"
    assert error.path == ["boom"]
    assert "hunter2" not in str(error.formatted)
    (record,) = [r for r in caplog.records if r.name == "ekinerja_graphql.api.errors"]
    assert record.request_id == request_id
    assert record.exc_info[0] is RuntimeError


async def test_a_unique_row_created_twice_by_racing_writers_is_a_conflict():
    error = await only_error("mutation { create }")
    assert error.extensions == {"code": "CONFLICT"}
    assert error.message == "the data changed while you wrote it: reload and try again"
    assert "uid_skp" not in str(error.formatted)


def test_public_error_is_idempotent():
    coded = public_error(GraphQLError("Unknown argument 'x'."))
    assert public_error(coded) is coded
    assert coded.extensions == {"code": "BAD_USER_INPUT"}
