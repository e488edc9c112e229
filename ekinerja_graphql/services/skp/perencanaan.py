"""SKP planning (spec/domain.md §2): a pegawai drafts the SKP of their current position and
year; the chain is filled from the data; RHK cascade from the pejabat penilai's SKP."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.jabatan import JPT, JenisJabatan
from ekinerja_graphql.domain.kepegawaian import StatusPegawai, StatusPenilai
from ekinerja_graphql.domain.skp import (
    ANGKA_BOLEH,
    MAKS_INDIKATOR,
    MAKS_LAMPIRAN,
    MAKS_RHK,
    PANJANG_LAMPIRAN,
    PANJANG_SATUAN,
    PANJANG_URAIAN,
    AspekIndikator,
    JenisJabatanSkp,
    JenisRhk,
    NilaiBerakhlak,
    Pendekatan,
    PerspektifJpt,
    StatusSkp,
    angka_sah,
    jenis_jabatan_skp,
)
from ekinerja_graphql.domain.workflow import Aksi
from ekinerja_graphql.errors import BadUserInput, Conflict, Forbidden, NotFound
from ekinerja_graphql.models import (
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
from ekinerja_graphql.services.skp.records import (
    catat_riwayat,
    muat_indikator,
    muat_rhk,
    muat_skp,
)
from ekinerja_graphql.services.versioning import save_versioned


async def buat_skp(actor: Actor, tahun: int, pendekatan: Pendekatan) -> Skp:
    """The caller's own SKP for `tahun`, from the later of 1 January and the start of their
    current position. One open SKP per pegawai and year."""
    if actor.pegawai_id is None:
        raise Forbidden("BUAT_SKP is for a pegawai: a service account has no SKP")
    if not actor.today.year - 1 <= tahun <= actor.today.year + 1:
        raise BadUserInput("tahun", f"{actor.today.year - 1} to {actor.today.year + 1}")
    async with in_transaction():
        pegawai = await Pegawai.select_for_update().get(id=actor.pegawai_id)
        if pegawai.status is not StatusPegawai.AKTIF:
            raise Conflict(f"no SKP while {pegawai.status} (spec §2)",
                           current_status=pegawai.status)  # fmt: skip
        if await Skp.exists(pegawai_id=pegawai.id, tahun=tahun, ditutup_pada__isnull=True):
            raise Conflict(f"you already have an open SKP for {tahun}: edit that one")
        skp = await Skp.create(**await isi_skp_baru(pegawai, tahun, pendekatan))
        await PerilakuKerja.bulk_create(
            [PerilakuKerja(skp_id=skp.id, nilai=nilai) for nilai in NilaiBerakhlak]
        )
        await catat_riwayat(actor, skp, Aksi.BUAT_SKP, None)
        await audit.record(actor, "buatSkp", skp, pegawai_id=pegawai.id)
    return skp


async def isi_skp_baru(pegawai: Pegawai, tahun: int, pendekatan: Pendekatan,
                        mulai: date | None = None) -> dict:  # fmt: skip
    """The columns of a new SKP for the pegawai as they are now (also used by a mutasi)."""
    jabatan = await pegawai.jabatan if pegawai.jabatan_id else None
    if jabatan is None:
        raise Conflict("you hold no jabatan: an SKP is drawn up for a position")
    penilai = await Pegawai.get_or_none(id=pegawai.pejabat_penilai_id or 0)
    starts = [d for d in (pegawai.tmt_jabatan, pegawai.tmt_cpns, mulai) if d and d.year == tahun]
    awal = max([date(tahun, 1, 1), *starts])
    jenis = jenis_jabatan_skp(jabatan.eselon in JPT,
                              jabatan.jenis is JenisJabatan.FUNGSIONAL_TERTENTU)  # fmt: skip
    return {
        "pegawai_id": pegawai.id, "unit_id": pegawai.unit_id, "jabatan_id": jabatan.id,
        "tahun": tahun, "periode_awal": awal, "periode_akhir": date(tahun, 12, 31),
        "pendekatan": pendekatan, "jenis_jabatan": jenis, "status": StatusSkp.DRAFT,
        "pejabat_penilai_id": pegawai.pejabat_penilai_id,
        "pejabat_penilai_negara_id": pegawai.pejabat_penilai_negara_id,
        "status_penilai": (StatusPenilai.NON_ASN if pegawai.pejabat_penilai_negara_id
                           else StatusPenilai.ASN),  # fmt: skip
        "atasan_pejabat_penilai_id": penilai.pejabat_penilai_id if penilai else None,
        "atasan_pejabat_penilai_negara_id": penilai.pejabat_penilai_negara_id if penilai else None,
    }


@dataclass(frozen=True, slots=True)
class RhkMasukan:
    jenis: JenisRhk
    uraian: str
    rhk_atasan_id: int | None = None
    perspektif: PerspektifJpt | None = None
    urutan: int | None = None


async def tambah_rhk(actor: Actor, skp_id: int, masukan: RhkMasukan) -> RencanaHasilKerja:
    async with in_transaction():
        terpilih = await muat_skp(skp_id, Aksi.UBAH_SKP, actor)
        skp = terpilih.skp
        if await RencanaHasilKerja.filter(skp_id=skp.id).count() >= MAKS_RHK:
            raise BadUserInput("skpId", f"an SKP with fewer than {MAKS_RHK} RHK")
        await _periksa_rhk(skp, masukan, "input")
        urutan = masukan.urutan or await RencanaHasilKerja.filter(skp_id=skp.id).count() + 1
        rhk = await RencanaHasilKerja.create(
            skp_id=skp.id, jenis=masukan.jenis, uraian=masukan.uraian.strip(),
            rhk_atasan_id=masukan.rhk_atasan_id, perspektif=masukan.perspektif, urutan=urutan,
        )
        await audit.record(actor, "tambahRhk", rhk, pegawai_id=skp.pegawai_id)
    return rhk


async def ubah_rhk(actor: Actor, rhk_id: int, version: int, masukan: RhkMasukan
                   ) -> RencanaHasilKerja:  # fmt: skip
    async with in_transaction():
        rhk, terpilih = await muat_rhk(rhk_id, Aksi.UBAH_SKP, actor)
        await _periksa_rhk(terpilih.skp, masukan, "input")
        before = audit.snapshot(rhk)
        await save_versioned(rhk, version, jenis=masukan.jenis, uraian=masukan.uraian.strip(),
                             rhk_atasan_id=masukan.rhk_atasan_id, perspektif=masukan.perspektif,
                             urutan=masukan.urutan or rhk.urutan)  # fmt: skip
        await audit.record(actor, "ubahRhk", rhk, pegawai_id=terpilih.skp.pegawai_id,
                           before=before)  # fmt: skip
    return rhk


async def hapus_rhk(actor: Actor, rhk_id: int, version: int) -> None:
    async with in_transaction():
        rhk, terpilih = await muat_rhk(rhk_id, Aksi.UBAH_SKP, actor)
        if rhk.version != version:
            raise Conflict(f"RencanaHasilKerja {rhk_id} changed since you read it",
                           current_version=rhk.version)  # fmt: skip
        if await RencanaHasilKerja.exists(rhk_atasan_id=rhk.id):
            raise Conflict(f"RencanaHasilKerja {rhk_id} is cascaded to by the RHK of your "
                           "bawahan: they must point elsewhere first")  # fmt: skip
        await _tanpa_realisasi(Realisasi.filter(indikator__rhk_id=rhk.id), f"RHK {rhk_id}")
        pernah_disetujui = await SkpRiwayat.exists(skp_id=rhk.skp_id,
                                                   ke_status=StatusSkp.DISETUJUI)  # fmt: skip
        if pernah_disetujui and await UmpanBalik.exists(rhk_id=rhk.id):
            raise Conflict(f"RHK {rhk_id} of an SKP once approved has umpan balik: change it "
                           "rather than delete it")  # fmt: skip
        before = audit.snapshot(rhk)
        try:
            await rhk.delete()
        except IntegrityError:  # cascaded to by an RHK added meanwhile
            raise Conflict(f"RencanaHasilKerja {rhk_id} is cascaded to") from None
        await audit.record(actor, "hapusRhk", None, pegawai_id=terpilih.skp.pegawai_id,
                           before=before, object_type="RencanaHasilKerja", object_id=rhk_id)


async def _tanpa_realisasi(realisasi, what: str) -> None:
    """A revised plan keeps what was lived under it: no deleting what has realisasi."""
    if await realisasi.exists():
        raise Conflict(f"{what} has realisasi recorded since its approval: change it rather "
                       "than delete it")  # fmt: skip


async def _periksa_rhk(skp: Skp, masukan: RhkMasukan, field: str) -> None:
    uraian = masukan.uraian.strip()
    if not 1 <= len(uraian) <= PANJANG_URAIAN:
        raise BadUserInput(f"{field}.uraian", f"1 to {PANJANG_URAIAN} characters")
    if masukan.urutan is not None and not 1 <= masukan.urutan <= MAKS_RHK:
        raise BadUserInput(f"{field}.urutan", f"1 to {MAKS_RHK}")
    jpt = skp.jenis_jabatan is JenisJabatanSkp.JPT
    if masukan.perspektif is not None and not jpt:
        raise BadUserInput(f"{field}.perspektif", "null: only a JPT's RHK have a perspektif")
    if masukan.rhk_atasan_id is None:
        return
    if masukan.jenis is JenisRhk.TAMBAHAN:
        raise BadUserInput(f"{field}.rhkAtasanId", "null: a TAMBAHAN RHK cascades from nothing")
    atasan = await RencanaHasilKerja.filter(id=masukan.rhk_atasan_id).values(
        "skp__pegawai_id", "skp__tahun")
    found = atasan[0] if atasan else {}
    if (found.get("skp__pegawai_id"), found.get("skp__tahun")) != (skp.pejabat_penilai_id,
                                                                  skp.tahun):  # fmt: skip
        raise BadUserInput(f"{field}.rhkAtasanId",
                           f"an RHK of your pejabat penilai's SKP for {skp.tahun}")


@dataclass(frozen=True, slots=True)
class IndikatorMasukan:
    aspek: AspekIndikator
    uraian: str
    target_nilai: Decimal | None = None
    target_satuan: str | None = None
    target_deskripsi: str | None = None


async def tambah_indikator(actor: Actor, rhk_id: int, masukan: IndikatorMasukan
                           ) -> IndikatorKinerja:  # fmt: skip
    async with in_transaction():
        rhk, terpilih = await muat_rhk(rhk_id, Aksi.UBAH_SKP, actor)
        aspek_ada = await IndikatorKinerja.filter(rhk_id=rhk.id).values_list("aspek", flat=True)
        if len(aspek_ada) >= MAKS_INDIKATOR or masukan.aspek in aspek_ada:
            raise BadUserInput("input.aspek", "an aspek this RHK has no indikator for yet (one "
                               f"per aspek), not {masukan.aspek}")  # fmt: skip
        masukan = _periksa_indikator(masukan)
        indikator = await IndikatorKinerja.create(
            rhk_id=rhk.id, aspek=masukan.aspek, uraian=masukan.uraian,
            target_nilai=masukan.target_nilai, target_satuan=masukan.target_satuan,
            target_deskripsi=masukan.target_deskripsi, urutan=len(aspek_ada) + 1,
        )
        await audit.record(actor, "tambahIndikator", indikator,
                           pegawai_id=terpilih.skp.pegawai_id)  # fmt: skip
    return indikator


async def ubah_indikator(actor: Actor, indikator_id: int, version: int,
                         masukan: IndikatorMasukan) -> IndikatorKinerja:  # fmt: skip
    async with in_transaction():
        indikator, terpilih = await muat_indikator(indikator_id, Aksi.UBAH_SKP, actor)
        if masukan.aspek != indikator.aspek and await IndikatorKinerja.exists(
                rhk_id=indikator.rhk_id, aspek=masukan.aspek):  # fmt: skip
            raise BadUserInput("input.aspek", "an aspek the RHK has no other indikator for")
        masukan = _periksa_indikator(masukan)
        before = audit.snapshot(indikator)
        await save_versioned(indikator, version, aspek=masukan.aspek,
                             uraian=masukan.uraian, target_nilai=masukan.target_nilai,
                             target_satuan=masukan.target_satuan,
                             target_deskripsi=masukan.target_deskripsi)  # fmt: skip
        await audit.record(actor, "ubahIndikator", indikator,
                           pegawai_id=terpilih.skp.pegawai_id, before=before)  # fmt: skip
    return indikator


async def hapus_indikator(actor: Actor, indikator_id: int, version: int) -> None:
    async with in_transaction():
        indikator, terpilih = await muat_indikator(indikator_id, Aksi.UBAH_SKP, actor)
        if indikator.version != version:
            raise Conflict(f"IndikatorKinerja {indikator_id} changed since you read it",
                           current_version=indikator.version)  # fmt: skip
        await _tanpa_realisasi(Realisasi.filter(indikator_id=indikator.id),
                               f"indikator {indikator_id}")  # fmt: skip
        before = audit.snapshot(indikator)
        await indikator.delete()
        await audit.record(actor, "hapusIndikator", None, pegawai_id=terpilih.skp.pegawai_id,
                           before=before, object_type="IndikatorKinerja", object_id=indikator_id)


def _periksa_indikator(masukan: IndikatorMasukan) -> IndikatorMasukan:
    """The indikator as stored (texts stripped, a blank satuan none), once valid."""
    masukan = replace(masukan, uraian=masukan.uraian.strip(),
                      target_satuan=(masukan.target_satuan or "").strip() or None)  # fmt: skip
    if not 1 <= len(masukan.uraian) <= PANJANG_URAIAN:
        raise BadUserInput("input.uraian", f"1 to {PANJANG_URAIAN} characters")
    if masukan.target_nilai is not None and not angka_sah(masukan.target_nilai):
        raise BadUserInput("input.targetNilai", ANGKA_BOLEH)
    if masukan.target_satuan is not None and len(masukan.target_satuan) > PANJANG_SATUAN:
        raise BadUserInput("input.targetSatuan", f"1 to {PANJANG_SATUAN} characters")
    if masukan.target_deskripsi is not None and len(masukan.target_deskripsi) > PANJANG_URAIAN:
        raise BadUserInput("input.targetDeskripsi", f"at most {PANJANG_URAIAN} characters")
    return masukan


async def ubah_ekspektasi_khusus(actor: Actor, skp_id: int, nilai: NilaiBerakhlak,
                                 version: int, ekspektasi: str | None
                                 ) -> PerilakuKerja:  # fmt: skip
    """The pimpinan's specific expectation of one BerAKHLAK value (spec §3)."""
    if ekspektasi is not None and len(ekspektasi) > PANJANG_URAIAN:
        raise BadUserInput("ekspektasiKhusus", f"at most {PANJANG_URAIAN} characters")
    async with in_transaction():
        terpilih = await muat_skp(skp_id, Aksi.EKSPEKTASI_KHUSUS, actor)
        perilaku = await PerilakuKerja.get_or_none(skp_id=skp_id, nilai=nilai)
        if perilaku is None:
            raise NotFound(f"Skp {skp_id} has no perilaku {nilai}")
        before = audit.snapshot(perilaku)
        await save_versioned(perilaku, version,
                             ekspektasi_khusus=(ekspektasi or "").strip() or None)  # fmt: skip
        await audit.record(actor, "ubahEkspektasiKhusus", perilaku,
                           pegawai_id=terpilih.skp.pegawai_id, before=before)  # fmt: skip
    return perilaku


@dataclass(frozen=True, slots=True)
class LampiranMasukan:
    dukungan_sumber_daya: tuple[str, ...]
    skema_pertanggungjawaban: tuple[str, ...]
    konsekuensi: tuple[str, ...]


async def ubah_lampiran(actor: Actor, skp_id: int, version: int, masukan: LampiranMasukan) -> Skp:
    lists = {}
    for name, items in (("dukunganSumberDaya", masukan.dukungan_sumber_daya),
                        ("skemaPertanggungjawaban", masukan.skema_pertanggungjawaban),
                        ("konsekuensi", masukan.konsekuensi)):  # fmt: skip
        cleaned = [item.strip() for item in items if item.strip()]
        if len(cleaned) > MAKS_LAMPIRAN or any(len(i) > PANJANG_LAMPIRAN for i in cleaned):
            raise BadUserInput(f"input.{name}", f"at most {MAKS_LAMPIRAN} items of at most "
                               f"{PANJANG_LAMPIRAN} characters")  # fmt: skip
        lists[name] = cleaned
    async with in_transaction():
        terpilih = await muat_skp(skp_id, Aksi.UBAH_SKP, actor)
        skp = terpilih.skp
        before = audit.snapshot(skp)
        await save_versioned(skp, version, dukungan_sumber_daya=lists["dukunganSumberDaya"],
                             skema_pertanggungjawaban=lists["skemaPertanggungjawaban"],
                             konsekuensi=lists["konsekuensi"])  # fmt: skip
        await audit.record(actor, "ubahLampiran", skp, pegawai_id=skp.pegawai_id, before=before)
    return skp
