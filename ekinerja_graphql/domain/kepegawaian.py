"""Civil-service reference codes (spec/domain.md §6)."""

from enum import StrEnum


class JenisPegawai(StrEnum):
    PNS = "PNS"
    CPNS = "CPNS"
    PPPK = "PPPK"


class StatusPegawai(StrEnum):
    AKTIF = "AKTIF"
    CLTN = "CLTN"
    DIBERHENTIKAN_SEMENTARA = "DIBERHENTIKAN_SEMENTARA"
    MPP = "MPP"
    TUGAS_BELAJAR = "TUGAS_BELAJAR"
    PENSIUN = "PENSIUN"
    MENINGGAL = "MENINGGAL"
    NONAKTIF = "NONAKTIF"


class JenisKelamin(StrEnum):
    LAKI_LAKI = "LAKI_LAKI"
    PEREMPUAN = "PEREMPUAN"


class JenisJabatan(StrEnum):
    """SIASN jenisJabatan: 1 Struktural, 2 JF Tertentu, 3 Rangkap, 4 JF Umum (pelaksana)."""

    STRUKTURAL = "STRUKTURAL"
    FUNGSIONAL_TERTENTU = "FUNGSIONAL_TERTENTU"
    RANGKAP = "RANGKAP"
    FUNGSIONAL_UMUM = "FUNGSIONAL_UMUM"


class Eselon(StrEnum):
    """Named by SIASN eselonId; 99 is non-eselon."""

    I_A = "10"
    I_B = "11"
    I_C = "12"
    II_A = "21"
    II_B = "22"
    III_A = "31"
    III_B = "32"
    IV_A = "41"
    IV_B = "42"
    V_A = "51"
    V_B = "52"
    NON_ESELON = "99"


class JenjangJabatanFungsional(StrEnum):
    AHLI_PERTAMA = "AHLI_PERTAMA"
    AHLI_MUDA = "AHLI_MUDA"
    AHLI_MADYA = "AHLI_MADYA"
    AHLI_UTAMA = "AHLI_UTAMA"
    PEMULA = "PEMULA"
    TERAMPIL = "TERAMPIL"
    MAHIR = "MAHIR"
    PENYELIA = "PENYELIA"


class Golongan(StrEnum):
    """PNS golongan/ruang, valued by SIASN golonganId (11 I/a … 45 IV/e)."""

    I_A = "11"
    I_B = "12"
    I_C = "13"
    I_D = "14"
    II_A = "21"
    II_B = "22"
    II_C = "23"
    II_D = "24"
    III_A = "31"
    III_B = "32"
    III_C = "33"
    III_D = "34"
    IV_A = "41"
    IV_B = "42"
    IV_C = "43"
    IV_D = "44"
    IV_E = "45"


PANGKAT = {
    Golongan.I_A: "Juru Muda",
    Golongan.I_B: "Juru Muda Tingkat I",
    Golongan.I_C: "Juru",
    Golongan.I_D: "Juru Tingkat I",
    Golongan.II_A: "Pengatur Muda",
    Golongan.II_B: "Pengatur Muda Tingkat I",
    Golongan.II_C: "Pengatur",
    Golongan.II_D: "Pengatur Tingkat I",
    Golongan.III_A: "Penata Muda",
    Golongan.III_B: "Penata Muda Tingkat I",
    Golongan.III_C: "Penata",
    Golongan.III_D: "Penata Tingkat I",
    Golongan.IV_A: "Pembina",
    Golongan.IV_B: "Pembina Tingkat I",
    Golongan.IV_C: "Pembina Utama Muda",
    Golongan.IV_D: "Pembina Utama Madya",
    Golongan.IV_E: "Pembina Utama",
}


def golongan_label(golongan: Golongan) -> str:
    """'III/a' style label of a golongan."""
    roman, ruang = golongan.name.split("_")
    return f"{roman}/{ruang.lower()}"
