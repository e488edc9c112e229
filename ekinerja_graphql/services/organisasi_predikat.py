"""The organisation predikat of a unit for a period (SE MenPANRB 3/2023, spec §4), set by
the leader one level up, and the distribution curve it asks of the pegawai's predikat."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.functions import Count
from tortoise.transactions import in_transaction

from ekinerja_graphql.config import Settings
from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.kurva import Pelanggaran, PredikatOrganisasi, periksa_kurva
from ekinerja_graphql.domain.organisasi import ancestor_ids
from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.domain.predikat import Predikat
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict, Forbidden, NotFound
from ekinerja_graphql.models import Evaluasi, Pegawai, UnitOrganisasi
from ekinerja_graphql.models import PredikatOrganisasi as PredikatOrganisasiRow
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor, Rantai, pastikan_boleh, peran
from ekinerja_graphql.services.versioning import save_versioned

PANJANG_ALASAN = 2000
TAHUN_PERTAMA = 2019  # PP 30/2019: the evaluations this system knows


async def tetapkan(actor: Actor, unit_id: int, periode: Periode, predikat: PredikatOrganisasi,
                   catatan: str | None, version: int | None) -> PredikatOrganisasiRow:  # fmt: skip
    catatan = (catatan or "").strip() or None
    if catatan is not None and len(catatan) > PANJANG_ALASAN:
        raise BadUserInput("catatan", f"at most {PANJANG_ALASAN} characters")
    if not actor.today.year - 1 <= periode.tahun <= actor.today.year + 1:
        raise BadUserInput("tahun", f"{actor.today.year - 1} to {actor.today.year + 1}")
    async with in_transaction():
        unit = await _unit(unit_id)
        pastikan_boleh(actor, Aksi.TETAPKAN_PREDIKAT_ORGANISASI, await _rantai_unit(unit),
                       f"UnitOrganisasi {unit_id}")  # fmt: skip
        ada = await PredikatOrganisasiRow.select_for_update().get_or_none(
            unit_id=unit.id, tahun=periode.tahun, jenis_periode=periode.jenis,
            nomor_periode=periode.nomor)  # fmt: skip
        if ada is None:
            try:
                row = await PredikatOrganisasiRow.create(
                    unit_id=unit.id, tahun=periode.tahun, jenis_periode=periode.jenis,
                    nomor_periode=periode.nomor, predikat=predikat, catatan=catatan,
                    ditetapkan_oleh=actor.subject,
                )
            except IntegrityError:  # set by someone else since the lookup above
                raise Conflict("the organisation predikat of this unit and period was just "
                               "set: reload it, and send its version to change it") from None
            await audit.record(actor, "tetapkanPredikatOrganisasi", row,
                               pegawai_id=unit.pemimpin_id)  # fmt: skip
            return row
        if version is None:
            raise Conflict("the organisation predikat of this unit and period is set: send its "
                           "version to change it", current_version=ada.version)  # fmt: skip
        before = audit.snapshot(ada)
        # A new predikat is a new curve: an override given for the old one no longer holds.
        await save_versioned(ada, version, predikat=predikat, catatan=catatan,
                             ditetapkan_oleh=actor.subject, override_alasan=None,
                             override_oleh=None, override_at=None)  # fmt: skip
        await audit.record(actor, "tetapkanPredikatOrganisasi", ada, pegawai_id=unit.pemimpin_id,
                           before=before)  # fmt: skip
        return ada


async def catat_override(actor: Actor, predikat_id: int, version: int, alasan: str
                         ) -> PredikatOrganisasiRow:  # fmt: skip
    """Penetapan may go ahead although the distribution breaks the curve: who and why."""
    alasan = alasan.strip()
    if not 10 <= len(alasan) <= PANJANG_ALASAN:
        raise BadUserInput("alasan", f"10 to {PANJANG_ALASAN} characters saying why")
    async with in_transaction():
        row = await PredikatOrganisasiRow.select_for_update().get_or_none(id=predikat_id)
        if row is None:
            raise NotFound(f"PredikatOrganisasi {predikat_id} does not exist")
        unit = await _unit(row.unit_id)
        pastikan_boleh(actor, Aksi.CATAT_OVERRIDE_KURVA, await _rantai_unit(unit),
                       f"UnitOrganisasi {unit.id}")  # fmt: skip
        before = audit.snapshot(row)
        await save_versioned(row, version, override_alasan=alasan, override_oleh=actor.subject,
                             override_at=datetime.now(UTC))  # fmt: skip
        await audit.record(actor, "catatOverrideKurva", row, pegawai_id=unit.pemimpin_id,
                           before=before)  # fmt: skip
        return row


@dataclass(frozen=True, slots=True)
class LaporanKurva:
    """The curve of one unit and period: the predikat that governs it, the distribution of
    the pegawai's predikat, what breaks it, and whether penetapan may go ahead."""

    unit_id: int
    periode: Periode
    predikat_organisasi: PredikatOrganisasiRow | None
    jumlah: dict[Predikat, int]
    pelanggaran: list[Pelanggaran]

    @property
    def boleh_ditetapkan(self) -> bool:
        row = self.predikat_organisasi
        return row is not None and (not self.pelanggaran or row.override_alasan is not None)


PEMBACA_KURVA = frozenset({Peran.PEGAWAI, Peran.PENILAI, Peran.ADMIN_UNIT, Peran.ADMIN_PUSAT})


async def kurva(actor: Actor, unit_id: int, periode: Periode, settings: Settings
                ) -> LaporanKurva:  # fmt: skip
    """The curve governing the unit, for the head of the governing unit, the leader one
    level up and admins over it (the counts are of the whole governing unit)."""
    if not TAHUN_PERTAMA <= periode.tahun <= actor.today.year + 1:
        raise BadUserInput("tahun", f"a year from {TAHUN_PERTAMA} to {actor.today.year + 1}")
    laporan = await laporan_kurva(unit_id, periode, settings)
    if not boleh_membaca(actor, await rantai_unit_id(laporan.unit_id)):
        raise Forbidden(f"the curve of unit {laporan.unit_id} is for its head, the leader one "
                        "level up and admins over it")  # fmt: skip
    return laporan


def boleh_membaca(actor: Actor, rantai_unit: Rantai) -> bool:
    """Whether the caller may read a unit's organisation predikat and curve."""
    return not peran(actor, rantai_unit).isdisjoint(PEMBACA_KURVA)


async def laporan_kurva(unit_id: int, periode: Periode, settings: Settings,
                        lock: bool = False) -> LaporanKurva:  # fmt: skip
    """For the unit that governs `unit_id`: itself or its nearest ancestor with an
    organisation predikat for the period (locked with `lock`, so that penetapan checks the
    predikat that stands). The pegawai counted are those rated for the period in that
    unit's subtree (by the unit their evaluation recorded), but not in a sub-unit with a
    predikat of its own, each once: by their latest SKP's evaluation. [D]"""
    unit = await _unit(unit_id)
    governing = await _predikat_berlaku(unit, periode, lock)
    scope = await UnitOrganisasi.get(id=governing.unit_id) if governing else unit
    rated = await _dinilai_di(scope, periode)
    counted = rated.annotate(n=Count("id")).group_by("predikat").values_list("predikat", "n")
    jumlah = Counter({Predikat(p): n for p, n in await counted})
    # A pegawai moved during the period within the scope has two evaluations of it.
    twice = await rated.annotate(n=Count("id")).group_by("pegawai_id").filter(
        n__gt=1).values_list("pegawai_id", flat=True)  # fmt: skip
    if twice:
        rows = await rated.filter(pegawai_id__in=twice).order_by("pegawai_id", "-skp_id").values(
            "pegawai_id", "predikat")  # fmt: skip
        latest = set()
        for row in rows:
            if row["pegawai_id"] in latest:
                jumlah[Predikat(row["predikat"])] -= 1
            latest.add(row["pegawai_id"])
    jumlah = {predikat: n for predikat, n in jumlah.items() if n}
    pelanggaran = []
    if governing is not None:
        pelanggaran = periksa_kurva(governing.predikat, jumlah, settings.curve_rounding_max,
                                    settings.curve_rounding_min)  # fmt: skip
    return LaporanKurva(scope.id, periode, governing, jumlah, pelanggaran)


async def _dinilai_di(scope: UnitOrganisasi, periode: Periode):
    """The period's rated evaluations in the scope, without sub-units governed by their own
    organisation predikat."""
    of_period = {"tahun": periode.tahun, "jenis_periode": periode.jenis,
                 "nomor_periode": periode.nomor}  # fmt: skip
    own = await PredikatOrganisasiRow.filter(
        in_subtree(scope.path), **of_period).exclude(unit_id=scope.id).values_list(
        "unit__path", flat=True)  # fmt: skip
    rated = Evaluasi.filter(in_subtree(scope.path), predikat__isnull=False, **of_period)
    for path in own:
        rated = rated.exclude(in_subtree(path))
    return rated


async def _predikat_berlaku(unit: UnitOrganisasi, periode: Periode, lock: bool = False
                            ) -> PredikatOrganisasiRow | None:  # fmt: skip
    ids = [*ancestor_ids(unit.path), unit.id]
    rows = await (PredikatOrganisasiRow.select_for_update() if lock
                  else PredikatOrganisasiRow).filter(
        unit_id__in=ids, tahun=periode.tahun, jenis_periode=periode.jenis,
        nomor_periode=periode.nomor)  # fmt: skip
    by_unit = {row.unit_id: row for row in rows}
    return next((by_unit[i] for i in reversed(ids) if i in by_unit), None)


async def _unit(unit_id: int) -> UnitOrganisasi:
    unit = await UnitOrganisasi.get_or_none(id=unit_id)
    if unit is None:
        raise NotFound(f"UnitOrganisasi {unit_id} does not exist")
    return unit


async def rantai_unit_id(unit_id: int) -> Rantai:
    return await _rantai_unit(await _unit(unit_id))


async def _rantai_unit(unit: UnitOrganisasi) -> Rantai:
    """The unit's head's chain: the leader one level up is the head's pejabat penilai. A
    unit without an ASN head (the ministry) is treated as rated by a pejabat negara."""
    head = await Pegawai.filter(id=unit.pemimpin_id or 0).first().values(
        "id", "pejabat_penilai_id", "pejabat_penilai_negara_id")
    return rantai_pimpinan(unit.path, head)


def rantai_pimpinan(unit_path: str, head: Mapping[str, Any] | None) -> Rantai:
    """The chain of a unit's head (a pegawai row, or None where the unit has no ASN head)."""
    if head is None:
        return Rantai(pegawai_id=0, unit_path=unit_path, penilai_negara=True)
    return Rantai(pegawai_id=head["id"], unit_path=unit_path,
                  penilai_id=head["pejabat_penilai_id"],
                  penilai_negara=head["pejabat_penilai_negara_id"] is not None)  # fmt: skip
