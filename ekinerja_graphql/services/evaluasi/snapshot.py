"""What an evaluation keeps of the people and positions it was made for (spec §4 [D]): the
pegawai's jabatan, unit and golongan (PNS or PPPK scale), the penilai's, and the atasan
pejabat penilai, as SIASN's payload needs them. Later transfers do not rewrite them."""

from ekinerja_graphql.domain.angka_kredit import angka_kredit, bulan_dinilai
from ekinerja_graphql.domain.kepegawaian import StatusPenilai
from ekinerja_graphql.domain.nama import format_nama_lengkap
from ekinerja_graphql.domain.periode import Periode
from ekinerja_graphql.domain.predikat import Predikat
from ekinerja_graphql.models import Jabatan, Pegawai, PejabatNegara, Skp, UnitOrganisasi


class Cache:
    """Rows read once per mutation, however many evaluations a bulk rating writes."""

    def __init__(self) -> None:
        self._rows: dict[tuple[type, int], object] = {}

    async def get(self, model: type, row_id: int | None):
        if row_id is None:
            return None
        key = (model, row_id)
        if key not in self._rows:
            self._rows[key] = await model.get_or_none(id=row_id)
        return self._rows[key]

    async def preload(self, model: type, row_ids) -> list:
        """Reads the rows not yet here in one query; returns all of them."""
        wanted = {row_id for row_id in row_ids if row_id is not None}
        missing = [row_id for row_id in wanted if (model, row_id) not in self._rows]
        if missing:
            for row in await model.filter(id__in=missing):
                self._rows[(model, row.id)] = row
        return [self._rows[(model, row_id)] for row_id in wanted if (model, row_id) in self._rows]


async def snapshot(skp: Skp, periode: Periode, cache: Cache) -> dict:
    pegawai = await cache.get(Pegawai, skp.pegawai_id)
    jabatan = await cache.get(Jabatan, skp.jabatan_id)
    unit = await cache.get(UnitOrganisasi, skp.unit_id)
    fields = {
        "pegawai_id": skp.pegawai_id, "skp_id": skp.id, "tahun": periode.tahun,
        "jenis_periode": periode.jenis, "nomor_periode": periode.nomor,
        "periode_awal": periode.awal, "periode_akhir": periode.akhir,
        "jabatan_id": skp.jabatan_id, "jabatan_nama": jabatan.nama if jabatan else None,
        "jenjang": jabatan.jenjang if jabatan else None,
        "unit_id": skp.unit_id, "unit_nama": unit.nama,
        "golongan": pegawai.golongan, "golongan_pppk": pegawai.golongan_pppk,
        "bulan_dinilai": bulan_dinilai(periode, skp.periode_awal, skp.periode_akhir),
        "status_penilai": skp.status_penilai,
        **await _penilai(skp, cache), **await _atasan(skp, cache),
    }
    return fields


def angka_kredit_of(jenjang: str | None, bulan: int | None, predikat: Predikat | None):
    """The angka kredit a jabatan fungsional earns with this predikat (None otherwise)."""
    if predikat is None or jenjang is None or not bulan:
        return None
    return angka_kredit(predikat, jenjang, bulan)


async def _penilai(skp: Skp, cache: Cache) -> dict:
    if skp.status_penilai == StatusPenilai.NON_ASN:
        negara = await cache.get(PejabatNegara, skp.pejabat_penilai_negara_id)
        unit = await cache.get(UnitOrganisasi, negara.unit_id)
        return {"pejabat_penilai_id": None, "pejabat_penilai_nip": None,
                "pejabat_penilai_nama": _nama(negara), "pejabat_penilai_jabatan": negara.jabatan,
                "pejabat_penilai_unit_nama": unit.nama, "pejabat_penilai_golongan": None,
                "pejabat_penilai_golongan_pppk": None}  # fmt: skip
    penilai = await cache.get(Pegawai, skp.pejabat_penilai_id)
    if penilai is None:
        return {"pejabat_penilai_id": None}
    jabatan = await cache.get(Jabatan, penilai.jabatan_id)
    unit = await cache.get(UnitOrganisasi, penilai.unit_id)
    return {"pejabat_penilai_id": penilai.id, "pejabat_penilai_nip": penilai.nip,
            "pejabat_penilai_nama": _nama(penilai),
            "pejabat_penilai_jabatan": jabatan.nama if jabatan else None,
            "pejabat_penilai_unit_nama": unit.nama,
            "pejabat_penilai_golongan": penilai.golongan,
            "pejabat_penilai_golongan_pppk": penilai.golongan_pppk}  # fmt: skip


async def _atasan(skp: Skp, cache: Cache) -> dict:
    if skp.atasan_pejabat_penilai_negara_id is not None:
        negara = await cache.get(PejabatNegara, skp.atasan_pejabat_penilai_negara_id)
        return {"atasan_pejabat_penilai_id": None, "atasan_pejabat_penilai_nip": None,
                "atasan_pejabat_penilai_nama": _nama(negara)}  # fmt: skip
    atasan = await cache.get(Pegawai, skp.atasan_pejabat_penilai_id)
    return {"atasan_pejabat_penilai_id": atasan.id if atasan else None,
            "atasan_pejabat_penilai_nip": atasan.nip if atasan else None,
            "atasan_pejabat_penilai_nama": _nama(atasan) if atasan else None}  # fmt: skip


def _nama(person) -> str:
    return format_nama_lengkap(person.nama, person.gelar_depan, person.gelar_belakang)
