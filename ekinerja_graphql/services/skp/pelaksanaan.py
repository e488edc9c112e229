"""Execution (spec/domain.md §4): realisasi per indicator and period with evidence links,
recorded by the pegawai on an approved SKP; continuous feedback (umpan balik) per RHK."""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlparse

from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.periode import JenisPeriode, Periode
from ekinerja_graphql.domain.skp import ANGKA_BOLEH, MAKS_UMPAN_BALIK, PANJANG_URAIAN, angka_sah
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict
from ekinerja_graphql.models import Pegawai, Realisasi, UmpanBalik
from ekinerja_graphql.services import audit
from ekinerja_graphql.services.access.peran import Actor
from ekinerja_graphql.services.skp.records import muat_indikator, muat_rhk
from ekinerja_graphql.services.versioning import save_versioned

MAKS_BUKTI = 10
PANJANG_BUKTI = 500


@dataclass(frozen=True, slots=True)
class RealisasiMasukan:
    jenis_periode: JenisPeriode
    nomor_periode: int
    nilai: Decimal | None = None
    deskripsi: str | None = None
    bukti: tuple[str, ...] = ()
    version: int | None = None  # of the realisasi already recorded for that period


def periode_dari(tahun: int, jenis: JenisPeriode, nomor: int, granularity: str,
                 field: str) -> Periode:  # fmt: skip
    """A period of the instansi's granularity, or the year (BAD_USER_INPUT otherwise)."""
    allowed = (granularity, JenisPeriode.TAHUNAN)
    if jenis not in allowed:
        raise BadUserInput(f"{field}.jenisPeriode", f"one of {', '.join(allowed)} (this "
                           "instansi's evaluation periods)")  # fmt: skip
    try:
        return Periode(tahun, jenis, nomor)
    except ValueError as error:
        raise BadUserInput(f"{field}.nomorPeriode", str(error).removeprefix(
            f"nomor for {jenis} must be ")) from None  # fmt: skip


async def catat_realisasi(actor: Actor, indikator_id: int, masukan: RealisasiMasukan,
                          granularity: str) -> Realisasi:  # fmt: skip
    bukti = _bukti(masukan.bukti)
    deskripsi = (masukan.deskripsi or "").strip() or None
    if masukan.nilai is None and deskripsi is None:
        raise BadUserInput("input.nilai", "given, or input.deskripsi (one of the two)")
    if masukan.nilai is not None and not angka_sah(masukan.nilai):
        raise BadUserInput("input.nilai", ANGKA_BOLEH)
    if deskripsi is not None and len(deskripsi) > PANJANG_URAIAN:
        raise BadUserInput("input.deskripsi", f"at most {PANJANG_URAIAN} characters")
    async with in_transaction():
        indikator, terpilih = await muat_indikator(indikator_id, Aksi.CATAT_REALISASI, actor)
        skp = terpilih.skp
        periode = periode_dari(skp.tahun, masukan.jenis_periode, masukan.nomor_periode,
                               granularity, "input")  # fmt: skip
        if periode.akhir < skp.periode_awal or periode.awal > skp.periode_akhir:
            raise BadUserInput("input.nomorPeriode", f"a period within the SKP's "
                               f"{skp.periode_awal} to {skp.periode_akhir}")  # fmt: skip
        ada = await Realisasi.get_or_none(indikator_id=indikator.id, jenis_periode=periode.jenis,
                                          nomor_periode=periode.nomor)  # fmt: skip
        values = {"nilai": masukan.nilai, "deskripsi": deskripsi, "bukti": bukti}
        if ada is None:
            realisasi = await Realisasi.create(
                indikator_id=indikator.id, jenis_periode=periode.jenis, nomor_periode=periode.nomor,
                **values,
            )
            await audit.record(actor, "catatRealisasi", realisasi, pegawai_id=skp.pegawai_id)
            return realisasi
        if masukan.version is None:
            raise Conflict(f"a realisasi of {periode.jenis} {periode.nomor} exists: send its "
                           "version to change it", current_version=ada.version)  # fmt: skip
        before = audit.snapshot(ada)
        await save_versioned(ada, masukan.version, **values)
        await audit.record(actor, "catatRealisasi", ada, pegawai_id=skp.pegawai_id, before=before)
        return ada


def _bukti(links: tuple[str, ...]) -> list[str]:
    if len(links) > MAKS_BUKTI:
        raise BadUserInput("input.bukti", f"at most {MAKS_BUKTI} links")
    for n, link in enumerate(links):
        parsed = urlparse(link.strip())
        if len(link) > PANJANG_BUKTI or parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise BadUserInput(f"input.bukti[{n}]", f"an http(s) URL of at most {PANJANG_BUKTI} "
                               "characters")  # fmt: skip
    return [link.strip() for link in links]


async def tulis_umpan_balik(actor: Actor, rhk_id: int, isi: str) -> UmpanBalik:
    isi = isi.strip()
    if not 1 <= len(isi) <= PANJANG_URAIAN:
        raise BadUserInput("isi", f"1 to {PANJANG_URAIAN} characters")
    async with in_transaction():
        rhk, terpilih = await muat_rhk(rhk_id, Aksi.TULIS_UMPAN_BALIK, actor)  # SKP locked
        if await UmpanBalik.filter(rhk_id=rhk.id).count() >= MAKS_UMPAN_BALIK:
            raise BadUserInput("rhkId", f"an RHK with fewer than {MAKS_UMPAN_BALIK} umpan balik "
                               "(this one has them all)")  # fmt: skip
        penulis = await Pegawai.get_or_none(id=actor.pegawai_id or 0)
        umpan_balik = await UmpanBalik.create(
            rhk_id=rhk.id, penulis_id=actor.pegawai_id, isi=isi,
            penulis_nama=penulis.nama if penulis else actor.subject,
        )
        await audit.record(actor, "tulisUmpanBalik", umpan_balik,
                           pegawai_id=terpilih.skp.pegawai_id)  # fmt: skip
    return umpan_balik
