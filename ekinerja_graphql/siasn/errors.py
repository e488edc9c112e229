"""What can go wrong talking to SIASN, each with a stable code, plain words and who can fix
it, so a sync run's report routes every failure to the right person (spec §"How the sync
must behave")."""

from enum import StrEnum


class Penanggung(StrEnum):
    """Who can fix a failure."""

    NOBODY = "NOBODY"  # transient: a later run succeeds
    OPERATOR = "OPERATOR"  # our configuration or credentials
    ADMIN_INSTANSI_SIASN = "ADMIN_INSTANSI_SIASN"  # the agency's data in SIASN
    ADMIN_UNIT = "ADMIN_UNIT"  # our local data


class SiasnError(Exception):
    code = "SIASN_ERROR"
    penanggung = Penanggung.NOBODY

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def transient(self) -> bool:
        return self.penanggung is Penanggung.NOBODY


class SiasnUnavailable(SiasnError):
    """5xx, an empty body, a reset, a timeout, 429 or a suspended gateway: retried."""

    code = "SIASN_UNAVAILABLE"


class SiasnAuthRejected(SiasnError):
    """A token refused again right after a fresh one was fetched: the credentials."""

    code = "SIASN_AUTH_REJECTED"
    penanggung = Penanggung.OPERATOR


class SiasnNotFound(SiasnError):
    """404 `{"code":0}`: SIASN has no such record (a NIP unknown to BKN, say)."""

    code = "SIASN_NOT_FOUND"
    penanggung = Penanggung.ADMIN_INSTANSI_SIASN


class SiasnRejected(SiasnError):
    """A save or delete answered `success:false`: SIASN refused the data."""

    code = "SIASN_REJECTED"
    penanggung = Penanggung.ADMIN_INSTANSI_SIASN


class SiasnPayloadInvalid(SiasnError):
    """An answer that does not parse: quarantined with the reason, never dropped."""

    code = "SIASN_PAYLOAD_INVALID"
    penanggung = Penanggung.OPERATOR

    def __init__(self, message: str, payload: object) -> None:
        super().__init__(message)
        self.payload = payload
