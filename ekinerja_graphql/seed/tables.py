"""Column order of every seeded table, and a Batch of rows in foreign-key order."""

from dataclasses import dataclass, field
from typing import NamedTuple


class Table(NamedTuple):
    name: str
    columns: tuple[str, ...]


_STAMPS = ("created_at", "updated_at")
_VERSIONED = (*_STAMPS, "version")

UNIT = Table("unit_organisasi", (
    *_STAMPS, "id", "siasn_id", "parent_id", "path", "depth", "nama", "nama_jabatan_pimpinan",
    "jenis", "eselon", "pemimpin_id", "aktif",
))  # fmt: skip
PEJABAT_NEGARA = Table("pejabat_negara", (
    *_STAMPS, "id", "nama", "gelar_depan", "gelar_belakang", "jabatan", "mulai", "selesai",
    "unit_id",
))  # fmt: skip
JABATAN = Table("jabatan", (
    *_STAMPS, "id", "siasn_id", "nama", "jenis", "kelas_jabatan", "eselon", "jenjang",
))  # fmt: skip
PEGAWAI = Table("pegawai", (
    *_VERSIONED, "id", "nip", "nip_lama", "nama", "gelar_depan", "gelar_belakang",
    "jenis_kelamin", "tanggal_lahir", "jenis", "golongan", "golongan_awal", "golongan_pppk",
    "status", "tugas_tambahan", "tmt_cpns", "tmt_jabatan", "nik", "alamat", "email",
    "nomor_hp", "siasn_pns_id", "last_synced_at", "jabatan_id", "pejabat_penilai_id",
    "pejabat_penilai_negara_id", "unit_id",
))  # fmt: skip
SKP = Table("skp", (
    *_VERSIONED, "id", "tahun", "periode_awal", "periode_akhir", "pendekatan", "jenis_jabatan",
    "status", "dukungan_sumber_daya", "skema_pertanggungjawaban", "konsekuensi", "disetujui_at",
    "atasan_pejabat_penilai_id", "jabatan_id", "pegawai_id", "pejabat_penilai_id", "unit_id",
    "status_penilai", "pejabat_penilai_negara_id", "atasan_pejabat_penilai_negara_id",
))  # fmt: skip
RHK = Table("rencana_hasil_kerja", (
    *_VERSIONED, "id", "jenis", "uraian", "perspektif", "urutan", "rhk_atasan_id", "skp_id",
))  # fmt: skip
INDIKATOR = Table("indikator_kinerja", (
    *_VERSIONED, "id", "aspek", "uraian", "target_nilai", "target_satuan", "target_deskripsi",
    "urutan", "rhk_id",
))  # fmt: skip
PERILAKU = Table("perilaku_kerja", ("id", "nilai", "ekspektasi_khusus", "skp_id", "version"))
EVALUASI = Table("evaluasi", (
    *_VERSIONED, "id", "tahun", "jenis_periode", "nomor_periode", "periode_awal",
    "periode_akhir", "rating_hasil_kerja", "rating_perilaku_kerja", "predikat", "status",
    "catatan", "jabatan_nama", "unit_nama", "golongan", "golongan_pppk", "status_penilai",
    "pejabat_penilai_nip",
    "pejabat_penilai_nama", "ditetapkan_at", "jabatan_id", "pegawai_id", "pejabat_penilai_id",
    "skp_id", "unit_id",
))  # fmt: skip
REALISASI = Table("realisasi", (
    *_VERSIONED, "id", "jenis_periode", "nomor_periode", "nilai", "deskripsi", "bukti",
    "indikator_id",
))  # fmt: skip

# Parents before children: immediate foreign keys hold after every statement.
TABLES = (UNIT, PEJABAT_NEGARA, JABATAN, PEGAWAI, SKP, RHK, INDIKATOR, PERILAKU, EVALUASI,
          REALISASI)  # fmt: skip


@dataclass(slots=True)
class Batch:
    """Rows generated for a group of units, one list per table."""

    unit: list[tuple] = field(default_factory=list)
    pejabat_negara: list[tuple] = field(default_factory=list)
    jabatan: list[tuple] = field(default_factory=list)
    pegawai: list[tuple] = field(default_factory=list)
    skp: list[tuple] = field(default_factory=list)
    rhk: list[tuple] = field(default_factory=list)
    indikator: list[tuple] = field(default_factory=list)
    perilaku: list[tuple] = field(default_factory=list)
    evaluasi: list[tuple] = field(default_factory=list)
    realisasi: list[tuple] = field(default_factory=list)

    def in_load_order(self) -> list[tuple[Table, list[tuple]]]:
        rows = (self.unit, self.pejabat_negara, self.jabatan, self.pegawai, self.skp, self.rhk,
                self.indikator, self.perilaku, self.evaluasi, self.realisasi)  # fmt: skip
        return [(table, table_rows) for table, table_rows in zip(TABLES, rows, strict=True)
                if table_rows]  # fmt: skip
