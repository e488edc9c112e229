"""Fixed inputs of one seed run: the year, the 'today' and the timestamps rows carry.

Timestamps derive from `tahun` and `as_of`, never from the clock, so that the
same seed gives byte-identical rows.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from ekinerja_graphql.domain.periode import JenisPeriode, Periode


@dataclass(frozen=True, slots=True)
class SeedContext:
    tahun: int
    as_of: date

    @property
    def master_at(self) -> datetime:
        """created_at of units, jabatan and pegawai."""
        return datetime(self.tahun, 1, 2, 1, 0, tzinfo=UTC)

    @property
    def skp_at(self) -> datetime:
        """created_at of SKP, RHK, indikator."""
        return datetime(self.tahun, 1, 6, 2, 0, tzinfo=UTC)

    def evaluated_quarters(self) -> list[Periode]:
        """TRIWULANAN periods of `tahun` that ended before `as_of`."""
        quarters = [Periode(self.tahun, JenisPeriode.TRIWULANAN, nomor) for nomor in range(1, 5)]
        return [periode for periode in quarters if periode.akhir < self.as_of]


def at_utc(day: date, hour: int = 2) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def days_after(day: date, days: int, limit: date) -> date:
    """`day + days`, but never on or after `limit` (the seed's 'today')."""
    return min(day + timedelta(days=days), limit - timedelta(days=1))
