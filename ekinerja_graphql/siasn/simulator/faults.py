"""Faults the simulator injects (spec §"What the simulator must do"): queued one by one by a
test, or drawn at a configured rate for the demo."""

from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum
from random import Random


class Fault(StrEnum):
    LATENCY = "LATENCY"  # answers after `latency_seconds` (above the client's timeout, say)
    SERVER_ERROR = "SERVER_ERROR"  # 503 with an empty body
    RESET = "RESET"  # the connection is dropped without an answer
    APIM_EXPIRED = "APIM_EXPIRED"  # every APIM token issued so far stops working
    SSO_EXPIRED = "SSO_EXPIRED"  # every SSO token issued so far stops working
    SSO_MISMATCH = "SSO_MISMATCH"  # "Token SSO mismatch", once
    SUSPENDED = "SUSPENDED"  # WSO2 "Runtime Error … SUSPENDED"
    NOT_FOUND = "NOT_FOUND"  # 404 code 0 for a record that exists
    RATE_LIMITED = "RATE_LIMITED"  # 429


@dataclass
class Faults:
    queued: deque[Fault | None] = field(default_factory=deque)
    rates: dict[Fault, float] = field(default_factory=dict)  # per data request
    latency_seconds: float = 0.0  # of LATENCY faults
    base_latency_seconds: float = 0.0  # of every data request
    # A limit/offset list drifts while paged (spec §"How the sync must behave"): each page
    # after the first starts this many items early, repeating the end of the one before.
    page_drift: int = 0
    draw: Random = field(default_factory=lambda: Random(0))

    def inject(self, *faults: Fault | None) -> None:
        """The next data requests fail this way, in this order (None: one that does not)."""
        self.queued.extend(faults)

    def next(self) -> Fault | None:
        if self.queued:
            return self.queued.popleft()
        for fault, rate in self.rates.items():
            if self.draw.random() < rate:
                return fault
        return None
