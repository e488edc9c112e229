"""Retries for what a retry can fix: a mistake in the message fails at once, into the dead
letters, instead of coming back for hours with the same error."""

from dramatiq.errors import DecodeError
from dramatiq.middleware import Retries
from pydantic import ValidationError

from ekinerja_graphql.errors import BAD_USER_INPUT, FORBIDDEN, NOT_FOUND, CodedError

# Wrong arguments (TypeError), payloads that do not validate, and refusals by a service.
REFUSED_CODES = frozenset({BAD_USER_INPUT, FORBIDDEN, NOT_FOUND})


def is_deterministic(error: BaseException) -> bool:
    if isinstance(error, CodedError):
        return error.code in REFUSED_CODES
    return isinstance(error, TypeError | ValidationError | DecodeError)


class RetriesUnlessDeterministic(Retries):
    def after_process_message(self, broker, message, *, result=None, exception=None):
        if exception is not None and is_deterministic(exception):
            self.logger.warning("Not retrying message %r: %r cannot succeed on a retry.",
                                message.message_id, exception)  # fmt: skip
            message.fail()
            return
        super().after_process_message(broker, message, result=result, exception=exception)
