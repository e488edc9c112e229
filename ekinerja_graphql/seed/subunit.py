"""Sub-units inside a satker (bagian, bidang, subdirektorat, seksi, subbagian, fakultas,
jurusan): their heads are the pejabat penilai of the staff placed in them, so spans of
control stay near what they are in a real ministry.

A template names the unit, how it is headed and which rumpun jabatan work in it. Staff
of a rumpun no sub-unit takes stay in the satker itself, rated by its head (pengawas
under the Kepala Kankemenag, widyaiswara under the Kepala Balai, auditors under the
Inspektur, guru under the kepala madrasah).
"""

from dataclasses import dataclass

from ekinerja_graphql.domain.jabatan import Jenjang, TugasTambahan
from ekinerja_graphql.domain.organisasi import JenisUnit
from ekinerja_graphql.seed.agama import NON_ISLAM, Agama


@dataclass(frozen=True, slots=True)
class Kepala:
    """How a unit is headed: a struktural jabatan (a key of jabatan.STRUKTURAL), or a
    jabatan fungsional with a tugas tambahan, or a pejabat negara."""

    struktural: str | None = None
    tugas_tambahan: TugasTambahan | None = None
    rumpun: str | None = None  # the head's jabatan fungsional family
    jenjang: tuple[Jenjang, ...] = ()  # jenjang the head may hold
    pejabat_negara: bool = False


@dataclass(frozen=True, slots=True)
class SubUnit:
    nama: str
    jenis: JenisUnit
    kepala: Kepala
    nama_jabatan: str  # the head's title, "Kepala" + the unit's name unless given
    menerima: frozenset[str]
    children: tuple["SubUnit", ...] = ()
    agama: Agama | None = None  # staff of this religion (Pembimas, Penyelenggara)


ADMIN = frozenset({"pelaksana", "analis_sdm", "pranata_sdm", "arsiparis", "pranata_keuangan",
                   "analis_keuangan", "perencana", "pranata_komputer", "pranata_humas",
                   "pengelola_pbj", "analis_hukum"})  # fmt: skip
KEPALA_BAGIAN = Kepala("Kepala Bagian")
KEPALA_BIDANG = Kepala("Kepala Bidang")
KEPALA_SUBBAGIAN = Kepala("Kepala Subbagian")
KEPALA_SEKSI = Kepala("Kepala Seksi")
DEKAN = Kepala(tugas_tambahan=TugasTambahan.DEKAN, rumpun="dosen",
               jenjang=(Jenjang.AHLI_MADYA, Jenjang.AHLI_UTAMA))  # fmt: skip
KETUA_JURUSAN = Kepala(tugas_tambahan=TugasTambahan.KETUA_JURUSAN, rumpun="dosen",
                       jenjang=(Jenjang.AHLI_MUDA, Jenjang.AHLI_MADYA))  # fmt: skip

# Staff of a satker kind who stay under its head, whatever sub-units exist.
LANGSUNG = {
    "KANKEMENAG": frozenset({"pengawas"}),
    "BALAI": frozenset({"widyaiswara"}),
    "ESELON_II_ITJEN": frozenset({"auditor"}),
}


def _sub(nama, jenis, kepala, menerima, children=(), agama=None, jabatan=None) -> SubUnit:
    return SubUnit(nama, jenis, kepala, jabatan or f"Kepala {nama}", frozenset(menerima),
                   tuple(children), agama)  # fmt: skip


def _subbagian(nama: str, menerima=ADMIN) -> SubUnit:
    return _sub(f"Subbagian {nama}", JenisUnit.UNIT_ESELON_IV, KEPALA_SUBBAGIAN, menerima)


def _seksi(nama: str, menerima) -> SubUnit:
    return _sub(f"Seksi {nama}", JenisUnit.UNIT_ESELON_IV, KEPALA_SEKSI, menerima)


def _bagian(nama: str, menerima, children=()) -> SubUnit:
    return _sub(f"Bagian {nama}", JenisUnit.UNIT_ESELON_III, KEPALA_BAGIAN, menerima, children)


KANWIL_TATA_USAHA = _bagian("Tata Usaha", (), (
    _subbagian("Perencanaan dan Keuangan",
               {"perencana", "pranata_keuangan", "analis_keuangan", "pelaksana"}),
    _subbagian("Kepegawaian dan Hukum", {"analis_sdm", "pranata_sdm", "analis_hukum",
                                         "pelaksana"}),
    _subbagian("Umum dan Hubungan Masyarakat", {"arsiparis", "pranata_humas", "pengelola_pbj",
                                                "pranata_komputer", "pelaksana"}),
))  # fmt: skip
KANWIL_BIDANG = tuple(
    _sub(f"Bidang {nama}", JenisUnit.UNIT_ESELON_III, KEPALA_BIDANG, menerima)
    for nama, menerima in (
        ("Pendidikan Madrasah", {"pelaksana", "analis_kebijakan", "pengawas"}),
        ("Urusan Agama Islam dan Pembinaan Syariah", {"pelaksana", "analis_kebijakan",
                                                      "penyuluh"}),
        ("Pendidikan Agama Islam", {"pelaksana", "analis_kebijakan", "pengawas"}),
        ("Penyelenggaraan Haji dan Umrah", {"pelaksana", "analis_kebijakan"}),
        ("Penerangan Agama Islam, Zakat dan Wakaf", {"pelaksana", "penyuluh"}),
        ("Pendidikan Diniyah dan Pondok Pesantren", {"pelaksana", "analis_kebijakan"}),
    )
)
NAMA_AGAMA = {Agama.KRISTEN: "Kristen", Agama.KATOLIK: "Katolik", Agama.HINDU: "Hindu",
              Agama.BUDDHA: "Buddha"}  # fmt: skip

KANKEMENAG_SEKSI = (
    _subbagian("Tata Usaha"),
    _seksi("Pendidikan Madrasah", {"pelaksana", "analis_kebijakan"}),
    _seksi("Bimbingan Masyarakat Islam", {"pelaksana", "penyuluh", "penghulu"}),
    _seksi("Pendidikan Agama Islam", {"pelaksana", "analis_kebijakan"}),
    _seksi("Penyelenggaraan Haji dan Umrah", {"pelaksana"}),
    _seksi("Pendidikan Diniyah dan Pondok Pesantren", {"pelaksana"}),
    _sub("Penyelenggara Zakat dan Wakaf", JenisUnit.UNIT_ESELON_IV, Kepala("Penyelenggara"),
         {"pelaksana", "penyuluh"}, jabatan="Penyelenggara Zakat dan Wakaf"),
)


def pembimas(agama: Agama) -> SubUnit:
    """Kanwil: Pembimbing Masyarakat of a religion other than Islam."""
    nama = f"Pembimbing Masyarakat {NAMA_AGAMA[agama]}"
    return _sub(nama, JenisUnit.UNIT_ESELON_III, Kepala("Pembimbing Masyarakat"),
                {"pelaksana", "penyuluh", "pengawas"}, agama=agama, jabatan=nama)  # fmt: skip


def penyelenggara(agama: Agama) -> SubUnit:
    """Kankemenag: Penyelenggara of a religion other than Islam."""
    nama = f"Penyelenggara {NAMA_AGAMA[agama]}"
    return _sub(nama, JenisUnit.UNIT_ESELON_IV, Kepala("Penyelenggara"),
                {"pelaksana", "penyuluh"}, agama=agama, jabatan=nama)  # fmt: skip


TOPIK_PUSAT = ("Perencanaan dan Program", "Bina Kelembagaan", "Pengembangan Sumber Daya",
               "Pemantauan dan Evaluasi", "Data dan Informasi")  # fmt: skip
SEKRETARIAT_BAGIAN = ("Perencanaan", "Keuangan dan Barang Milik Negara",
                      "Organisasi, Kepegawaian dan Hukum", "Umum")  # fmt: skip


def pusat(nama_satker: str) -> tuple[SubUnit, ...]:
    """Sub-units of an eselon II unit at the centre, by the kind its name says."""
    first = nama_satker.split(" ")[0]
    if first == "Direktorat":
        return (_subbagian("Tata Usaha"), *(
            _sub(f"Subdirektorat {topik}", JenisUnit.UNIT_ESELON_III,
                 Kepala("Kepala Subdirektorat"), {"analis_kebijakan"}, (
                     _seksi(f"{topik} I", {"pelaksana", "analis_kebijakan", "perencana"}),
                     _seksi(f"{topik} II", {"pelaksana", "pranata_komputer"}),
                 ))
            for topik in TOPIK_PUSAT[:4]
        ))  # fmt: skip
    if first == "Inspektorat":
        return (_subbagian("Tata Usaha"),)
    if first == "Pusat":
        return (_subbagian("Tata Usaha"), *(
            _sub(f"Bidang {topik}", JenisUnit.UNIT_ESELON_III, KEPALA_BIDANG,
                 {"analis_kebijakan", "pelaksana", "pranata_komputer"})
            for topik in TOPIK_PUSAT[:3]
        ))  # fmt: skip
    names = SEKRETARIAT_BAGIAN if first == "Sekretariat" else TOPIK_PUSAT[:4]
    return tuple(
        _bagian(nama, {"analis_kebijakan", "perencana", "analis_sdm", "analis_hukum"}, (
            _subbagian(f"{nama} I"), _subbagian(f"{nama} II"),
        ))
        for nama in names
    )  # fmt: skip


FAKULTAS = {
    None: ("Tarbiyah dan Keguruan", "Syariah dan Hukum", "Ushuluddin dan Pemikiran Islam",
           "Dakwah dan Komunikasi", "Adab dan Humaniora", "Ekonomi dan Bisnis Islam",
           "Sains dan Teknologi", "Psikologi", "Ilmu Sosial dan Ilmu Politik"),
    Agama.KRISTEN: ("Teologi", "Pendidikan Kristen", "Ilmu Sosial Keagamaan",
                    "Kepemimpinan Kristen"),
    Agama.KATOLIK: ("Pendidikan Keagamaan Katolik", "Teologi"),
    Agama.HINDU: ("Dharma Acarya", "Brahma Widya", "Dharma Duta", "Pendidikan Agama dan Seni",
                  "Ekonomi Bisnis dan Pariwisata", "Kesehatan"),
    Agama.BUDDHA: ("Dharma Acarya", "Dharmaduta"),
}
TENDIK_FAKULTAS = {"pelaksana", "pranata_lab", "pustakawan", "pranata_komputer", "arsiparis"}
TENDIK_PUSAT = {"pelaksana", "pustakawan", "pranata_komputer", "pranata_lab",
                "pengembang_tekpem"}  # fmt: skip


def ptkn(nama_satker: str, agama: Agama | None) -> tuple[SubUnit, ...]:
    """Universitas and institut have biro or bagian and fakultas (dekan rate the dosen);
    a sekolah tinggi has a subbagian and jurusan (the ketua jurusan rate the dosen)."""
    fakultas = FAKULTAS[agama if agama in NON_ISLAM else None]
    first = nama_satker.split(" ")[0]
    if first == "Sekolah":
        return (_subbagian("Administrasi Umum", ADMIN | TENDIK_PUSAT), *(
            _sub(f"Jurusan {nama}", JenisUnit.JURUSAN, KETUA_JURUSAN, {"dosen"},
                 jabatan=f"Ketua Jurusan {nama}")
            for nama in fakultas
        ))  # fmt: skip
    if first == "Universitas":
        administrasi = (
            _sub("Biro Administrasi Umum, Perencanaan dan Keuangan", JenisUnit.UNIT_ESELON_II,
                 Kepala("Kepala Biro Perguruan Tinggi"), (), (
                     _bagian("Umum", ADMIN), _bagian("Perencanaan dan Keuangan", ADMIN))),
            _sub("Biro Administrasi Akademik, Kemahasiswaan dan Kerja Sama",
                 JenisUnit.UNIT_ESELON_II, Kepala("Kepala Biro Perguruan Tinggi"), (), (
                     _bagian("Akademik dan Kemahasiswaan", TENDIK_PUSAT),)),
        )  # fmt: skip
    else:
        administrasi = (_bagian("Administrasi Umum dan Keuangan", ADMIN),
                        _bagian("Akademik dan Kemahasiswaan", TENDIK_PUSAT))  # fmt: skip
    return (*administrasi, *(
        _sub(f"Fakultas {nama}", JenisUnit.FAKULTAS, DEKAN, {"dosen"}, (
            _sub(f"Bagian Tata Usaha Fakultas {nama}", JenisUnit.UNIT_ESELON_III,
                 Kepala("Kepala Bagian Tata Usaha Fakultas"), TENDIK_FAKULTAS),
        ), jabatan=f"Dekan Fakultas {nama}")
        for nama in fakultas
    ))  # fmt: skip


BALAI = (
    _subbagian("Tata Usaha"),
    _seksi("Penyelenggaraan Pendidikan dan Pelatihan", {"pelaksana", "pengembang_tekpem"}),
    _seksi("Evaluasi dan Informasi", {"pelaksana", "pranata_komputer", "analis_kebijakan"}),
)
