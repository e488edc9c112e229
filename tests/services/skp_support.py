"""Shared helpers of the SKP service tests: actors as the API builds them, the small
ministry's plans drafted through the services, and checks that a refused mutation left
every row as it was."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from ekinerja_graphql.domain.skp import AspekIndikator, JenisRhk, Pendekatan, PerspektifJpt
from ekinerja_graphql.errors import BAD_USER_INPUT, CodedError
from ekinerja_graphql.models import (
    AuditLog,
    Evaluasi,
    EvaluasiRiwayat,
    IndikatorKinerja,
    Pegawai,
    PerilakuKerja,
    Realisasi,
    RencanaHasilKerja,
    Skp,
    SkpRiwayat,
    UmpanBalik,
)
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.access.viewer import load_viewer
from ekinerja_graphql.services.skp import alur, perencanaan
from ekinerja_graphql.services.skp.perencanaan import IndikatorMasukan, RhkMasukan

TODAY = date.today()
TAHUN = TODAY.year
GRANULARITY = "TRIWULANAN"  # Settings.evaluation_period's default

# Every table a write on the SKP side may touch, in the order they are compared.
TABLES = (Pegawai, Skp, RencanaHasilKerja, IndikatorKinerja, PerilakuKerja, Realisasi,
          UmpanBalik, SkpRiwayat, Evaluasi, EvaluasiRiwayat, AuditLog)  # fmt: skip


async def actor(pegawai: Pegawai, today: date = TODAY) -> Actor:
    """The caller as api/actor.py builds it: the viewer loaded from the data, per request."""
    viewer = await load_viewer(pegawai.nip, frozenset(), today)
    return Actor(viewer, today, f"req-{pegawai.nip}")


async def db_state() -> dict[str, list[dict]]:
    return {model.__name__: await model.all().order_by("id").values() for model in TABLES}


async def refused(error_type: type[CodedError], call) -> CodedError:
    """Awaits `call` (a coroutine), expects `error_type`, and checks that no row of any
    table was added, changed or removed, the audit log and riwayat included."""
    before = await db_state()
    with pytest.raises(error_type) as info:
        await call
    after = await db_state()
    for name in before:
        assert after[name] == before[name], f"{name} changed by a refused mutation"
    return info.value


def assert_bad_input(error: CodedError, field: str, *words: str) -> None:
    """BAD_USER_INPUT naming the input field and saying what is allowed."""
    assert error.code == BAD_USER_INPUT
    assert error.field == field and error.extensions["field"] == field
    assert error.message.startswith(f"{field} must be "), error.message
    for word in words:
        assert word in error.message, (word, error.message)


class Marks:
    """The last id of each table, to read exactly what one mutation added."""

    def __init__(self, last: dict[str, int]) -> None:
        self.last = last

    @classmethod
    async def take(cls) -> "Marks":
        last = {}
        for model in TABLES:
            ids = await model.all().order_by("-id").limit(1).values_list("id", flat=True)
            last[model.__name__] = ids[0] if ids else 0
        return cls(last)

    async def new(self, model) -> list:
        return await model.filter(id__gt=self.last[model.__name__]).order_by("id")


async def one_audit(marks: Marks, who: Actor, action: str, obj, *, before: dict | None,
                    deleted: bool = False) -> AuditLog:  # fmt: skip
    """The single audit row a mutation wrote: who, what, the row before, and after it as the
    database now holds it (None once deleted)."""
    (entry,) = await marks.new(AuditLog)
    assert (entry.subject, entry.action, entry.request_id) == (who.subject, action,
                                                               who.request_id)  # fmt: skip
    assert entry.object_type == type(obj).__name__ and entry.object_id == obj.id
    model = type(obj)
    assert by_value(model, entry.before) == by_value(model, before)
    if deleted:
        assert entry.after is None
        assert not await model.exists(id=obj.id)
    else:
        assert by_value(model, entry.after) == by_value(model, await stored(obj))
    return entry


async def stored(obj) -> dict:
    """The audit snapshot of a row as the database holds it now."""
    return audit.snapshot(await type(obj).get(id=obj.id))


DECIMALS = {IndikatorKinerja: "target_nilai", Realisasi: "nilai"}


def by_value(model, snapshot: dict | None) -> dict | None:
    """Decimals compared by value: "12.5" written is the "12.50" the column holds."""
    if snapshot is None or model not in DECIMALS:
        return snapshot
    name = DECIMALS[model]
    value = snapshot[name]
    return {**snapshot, name: Decimal(value) if value is not None else None}


@dataclass
class Rencana:
    skp: Skp
    rhk: RencanaHasilKerja
    indikator: IndikatorKinerja


async def draft(pegawai: Pegawai, rhk_atasan: RencanaHasilKerja | None = None,
                perspektif: PerspektifJpt | None = None) -> Rencana:  # fmt: skip
    """A complete KUANTITATIF draft: one UTAMA RHK and its KUANTITAS indicator."""
    who = await actor(pegawai)
    skp = await perencanaan.buat_skp(who, TAHUN, Pendekatan.KUANTITATIF)
    rhk = await perencanaan.tambah_rhk(who, skp.id, RhkMasukan(
        JenisRhk.UTAMA, f"Terlaksananya layanan oleh {pegawai.nama}",
        rhk_atasan.id if rhk_atasan else None, perspektif))  # fmt: skip
    indikator = await perencanaan.tambah_indikator(who, rhk.id, IndikatorMasukan(
        AspekIndikator.KUANTITAS, "Jumlah layanan", Decimal("120"), "layanan"))
    return Rencana(await Skp.get(id=skp.id), rhk, indikator)


async def approve(pegawai: Pegawai, penilai: Pegawai, rencana: Rencana) -> Skp:
    skp = await alur.ajukan(await actor(pegawai), rencana.skp.id, rencana.skp.version)
    skp = await alur.setujui(await actor(penilai), skp.id, skp.version)
    rencana.skp = skp
    return skp


@dataclass
class Pohon:
    """The pohon kinerja of the small ministry: H (approved for the Menteri by ADMIN_PUSAT),
    P cascading from H (approved by H), and the plans of staff drafted under P's RHK."""

    h: Rencana
    p: Rencana


async def pohon(k) -> Pohon:
    h = await draft(k.h, perspektif=PerspektifJpt.PENERIMA_LAYANAN)
    await approve(k.h, k.admin_pusat, h)
    p = await draft(k.p, h.rhk)
    await approve(k.p, k.h, p)
    return Pohon(h, p)
