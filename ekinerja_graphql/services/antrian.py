"""A pejabat penilai's work queue: SKPs waiting for approval, drafts past the deadline, and
periods of approved SKPs that have ended without a rating."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.periode import MONTHS_PER_PERIODE, JenisPeriode, Periode
from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.models import Evaluasi, Skp
from ekinerja_graphql.services.access.peran import Actor

MAKS_ANTRIAN = 300  # each list; the penilai pages larger teams through pegawaiList


@dataclass(frozen=True, slots=True)
class PerluDinilai:
    skp: Skp
    periode: Periode


@dataclass(frozen=True, slots=True)
class Antrian:
    menunggu_persetujuan: list[Skp]
    draft_terlambat: list[Skp]
    perlu_dinilai: list[PerluDinilai]


def batas_persetujuan(skp: Skp, settings: Settings) -> date:
    """By when an SKP should be approved: the configured day of its year, or so many days
    after its start when it starts later (a CPNS, a mutasi)."""
    month, day = (int(part) for part in settings.skp_deadline.split("-"))
    deadline = date(skp.tahun, month, min(day, calendar.monthrange(skp.tahun, month)[1]))
    return max(deadline, skp.periode_awal + timedelta(days=settings.skp_deadline_days))


async def antrian_penilai(actor: Actor, settings: Settings) -> Antrian:
    me = actor.pegawai_id
    if me is None:
        return Antrian([], [], [])
    open_skp = Skp.filter(pejabat_penilai_id=me, ditutup_pada__isnull=True)
    menunggu = await open_skp.filter(status=StatusSkp.DIAJUKAN).order_by("id").limit(MAKS_ANTRIAN)
    drafts = await open_skp.filter(status__in=[StatusSkp.DRAFT, StatusSkp.DIAJUKAN],
                                   tahun__lte=actor.today.year).order_by("id")  # fmt: skip
    terlambat = [s for s in drafts if batas_persetujuan(s, settings) < actor.today][:MAKS_ANTRIAN]
    return Antrian(list(menunggu), terlambat, await _perlu_dinilai(actor, settings))


async def _perlu_dinilai(actor: Actor, settings: Settings) -> list[PerluDinilai]:
    today = actor.today
    approved = await Skp.filter(pejabat_penilai_id=actor.pegawai_id, status=StatusSkp.DISETUJUI,
                                tahun__lte=today.year).order_by("id")  # fmt: skip
    rated = {(row["skp_id"], row["jenis_periode"], row["nomor_periode"])
             for row in await Evaluasi.filter(skp_id__in=[s.id for s in approved],
                                              status__not="DRAFT").values(
                 "skp_id", "jenis_periode", "nomor_periode")}  # fmt: skip
    jenis = JenisPeriode(settings.evaluation_period)
    found = []
    for skp in approved:
        for periode in _periode_selesai(skp, jenis, today):
            if (skp.id, periode.jenis, periode.nomor) not in rated:
                found.append(PerluDinilai(skp, periode))
                if len(found) >= MAKS_ANTRIAN:
                    return found
    return found


def _periode_selesai(skp: Skp, jenis: JenisPeriode, today: date) -> list[Periode]:
    """The SKP's periods (and its year) that have ended by today and that it covers."""
    count = 12 // MONTHS_PER_PERIODE[jenis]
    periods = [Periode(skp.tahun, jenis, n) for n in range(1, count + 1)]
    periods.append(Periode(skp.tahun, JenisPeriode.TAHUNAN, 1))
    return [p for p in periods if p.akhir < today
            and p.akhir >= skp.periode_awal and p.awal <= skp.periode_akhir]  # fmt: skip
