"""Arguments of the tukin fields: a month, written YYYY-MM."""

from datetime import date

from ekinerja_graphql.api.errors import BadUserInput
from ekinerja_graphql.domain.tukin.bulan import parse_bulan


def bulan_of(text: str, argument: str = "bulan") -> date:
    try:
        return parse_bulan(text)
    except ValueError as error:
        raise BadUserInput(argument, str(error)) from None
