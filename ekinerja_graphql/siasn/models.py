"""SIASN's payloads as typed models (spec §5–6). Only the fields the sync reads are named;
the rest are kept (`extra="allow"`) so a quarantined or recorded payload loses nothing."""

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel, to_pascal

from ekinerja_graphql.siasn.formats import Kode, Tanggal


class _Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow",
                              str_strip_whitespace=True)  # fmt: skip


class DataUtama(_Camel):
    """GET /pns/data-utama/{nip}; `id` is the PNS orang id (pnsId, pnsDinilaiId …)."""

    id: str = Field(min_length=1, max_length=42)
    nip_baru: str = Field(pattern=r"^\d{18}$")
    nip_lama: str | None = None
    nama: str = Field(min_length=1, max_length=200)
    gelar_depan: str | None = None
    gelar_belakang: str | None = None
    tgl_lahir: Tanggal = None
    jenis_kelamin: str | None = None
    nik: str | None = None
    email: str | None = None
    alamat: str | None = None
    no_hp: str | None = None
    jenis_pegawai_id: Kode = None
    kedudukan_pns_id: Kode = None
    kedudukan_pns_nama: str | None = None
    tmt_cpns: Tanggal = None
    tmt_pns: Tanggal = None
    tgl_meninggal: Tanggal = None
    tmt_pensiun: Tanggal = None
    unor_id: str | None = None
    unor_nama: str | None = None
    jenis_jabatan_id: Kode = None
    jabatan_nama: str | None = None
    jabatan_struktural_id: str | None = None
    jabatan_fungsional_id: str | None = None
    jabatan_fungsional_umum_id: str | None = None
    tmt_jabatan: Tanggal = None
    eselon_id: Kode = None
    gol_ruang_awal_id: Kode = None
    gol_ruang_akhir_id: Kode = None
    tmt_gol_akhir: Tanggal = None


class Unor(BaseModel):
    """An item of GET /referensi/ref-unor (PascalCase); the root has an empty DiatasanId."""

    model_config = ConfigDict(alias_generator=to_pascal, populate_by_name=True, extra="allow",
                              str_strip_whitespace=True)  # fmt: skip

    id: str = Field(min_length=1, max_length=42)
    instansi_id: str | None = None
    diatasan_id: str | None = None
    eselon_id: Kode = None
    nama_unor: str = Field(min_length=1)
    nama_jabatan: str | None = None
    pemimpin_pns_id: str | None = None


class RwJabatan(_Camel):
    id: str
    id_pns: str | None = None
    nip_baru: str | None = None
    jenis_jabatan: Kode = None
    unor_id: str | None = None
    unor_nama: str | None = None
    eselon_id: Kode = None
    jabatan_fungsional_id: str | None = None
    jabatan_fungsional_umum_id: str | None = None
    nama_jabatan: str | None = None
    tmt_jabatan: Tanggal = None


class RwGolongan(_Camel):
    id: str
    id_pns: str | None = None
    nip_baru: str | None = None
    golongan_id: Kode = None
    golongan: str | None = None
    tmt_golongan: Tanggal = None


class UsulanKp(_Camel):
    """An item of list-kp-instansi: a promotion (kenaikan pangkat) of the period."""

    id: str
    pns_id: str | None = None
    nip_baru: str = Field(pattern=r"^\d{18}$")
    nama: str | None = None
    golongan_baru_id: Kode = None
    tmt_kp: Tanggal = None


class UsulanPensiun(_Camel):
    id: str
    pns_id: str | None = None
    nip_baru: str = Field(pattern=r"^\d{18}$")
    nama: str | None = None
    tmt_pensiun: Tanggal = None


class Pengadaan(_Camel):
    """An item of list-pengadaan-instansi (a new hire); the spec names no fields, so only
    the NIP is required [G]."""

    nip_baru: str = Field(pattern=r"^\d{18}$")
    nama: str | None = None


class HasilSimpan(BaseModel):
    """A save/delete answer: `{"success":…,"message":…,"mapData":{…} or "reason"}`."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    success: bool
    message: str | None = None
    map_data: dict[str, str | None] | str | None = Field(None, alias="mapData")

    def id_of(self, key: str) -> str | None:
        return self.map_data.get(key) if isinstance(self.map_data, dict) else None


class RwSkp22(_Camel):
    id: str
    tahun: int
    hasil_kinerja: Kode = None
    perilaku_kerja: Kode = None
    kuadran_kinerja: Kode = None
    pns_dinilai_id: str | None = None


class RwKinerjaPeriodik(_Camel):
    id: str
    tahun: int
    periodik_id: Kode = None
    bulan_mulai_penilaian: int | None = None
    bulan_selesai_penilaian: int | None = None
    hasil_kinerja_nilai: Kode = None
    perilaku_kerja_nilai: Kode = None
    kuadran_kinerja_nilai: Kode = None
    pns_dinilai_id: str | None = None
