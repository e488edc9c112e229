"""A pejabat penilai's work queue: SKPs waiting for approval, drafts past the deadline, and
periods of approved SKPs that have ended without a rating."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from tortoise.expressions import Q

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.periode import MONTHS_PER_PERIODE, JenisPeriode, Periode
from ekinerja_graphql.domain.skp import StatusSkp
from ekinerja_graphql.models import Evaluasi, Skp
from ekinerja_graphql.services.access.peran import Actor, atas_nama_negara

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
    """By when an SKP should be approved: the configured day of its year for one that starts
    with the year, so many days after its start for one that starts later (a CPNS, a
    mutasi), but never before the configured day."""
    month, day = (int(part) for part in settings.skp_deadline.split("-"))
    deadline = date(skp.tahun, month, min(day, calendar.monthrange(skp.tahun, month)[1]))
    if skp.periode_awal <= date(skp.tahun, 1, 1):
        return deadline
    return max(deadline, skp.periode_awal + timedelta(days=settings.skp_deadline_days))


def _tahun(today: date) -> list[int]:
    """The years a queue looks at: this one and the last (rated early in the next)."""
    return [today.year - 1, today.year]


def _dinilai_oleh(actor: Actor) -> Q | None:
    """The SKPs the caller appraises: as their pejabat penilai (a mutasi may have closed
    them since; they are still approved and rated), or for the pejabat negara."""
    clauses = []
    if actor.pegawai_id is not None:
        clauses.append(Q(pejabat_penilai_id=actor.pegawai_id))
    if atas_nama_negara(actor):
        negara = Q(pejabat_penilai_negara_id__isnull=False)
        if actor.pegawai_id is not None:  # never their own SKP
            negara &= ~Q(pegawai_id=actor.pegawai_id)
        clauses.append(negara)
    return Q(*clauses, join_type=Q.OR) if clauses else None


async def antrian_penilai(actor: Actor, settings: Settings) -> Antrian:
    mine = _dinilai_oleh(actor)
    if mine is None:
        return Antrian([], [], [])
    waiting = Skp.filter(mine, status=StatusSkp.DIAJUKAN)
    menunggu = await waiting.order_by("id").limit(MAKS_ANTRIAN)
    drafts = await Skp.filter(mine, status__in=[StatusSkp.DRAFT, StatusSkp.DIAJUKAN],
                              tahun__in=_tahun(actor.today)).order_by("id")  # fmt: skip
    terlambat = [s for s in drafts if batas_persetujuan(s, settings) < actor.today][:MAKS_ANTRIAN]
    return Antrian(list(menunggu), terlambat, await _perlu_dinilai(actor, mine, settings))


async def _perlu_dinilai(actor: Actor, mine: Q, settings: Settings) -> list[PerluDinilai]:
    today = actor.today
    approved = await Skp.filter(mine, status=StatusSkp.DISETUJUI,
                                tahun__in=_tahun(today)).order_by("id")  # fmt: skip
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
