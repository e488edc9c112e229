"""Who a pegawai is to the civil service: kind, status, and SIASN's codes for them
(spec/domain.md §5, §6; ekinerja_graphql/ref, kept equal by tests/domain/test_reference_data.py)."""

from enum import StrEnum


class JenisPegawai(StrEnum):
    PNS = "PNS"
    CPNS = "CPNS"
    PPPK = "PPPK"
    PPPK_PARUH_WAKTU = "PPPK_PARUH_WAKTU"


PPPK = frozenset({JenisPegawai.PPPK, JenisPegawai.PPPK_PARUH_WAKTU})


class StatusPegawai(StrEnum):
    AKTIF = "AKTIF"
    CLTN = "CLTN"
    DIBERHENTIKAN_SEMENTARA = "DIBERHENTIKAN_SEMENTARA"
    UANG_TUNGGU = "UANG_TUNGGU"
    MPP = "MPP"
    TUGAS_BELAJAR = "TUGAS_BELAJAR"
    PENSIUN = "PENSIUN"
    MENINGGAL = "MENINGGAL"
    NONAKTIF = "NONAKTIF"


# Still employed but paid no tukin (spec §5: CLTN, suspension, MPP, uang tunggu, tugas belajar).
STATUS_TANPA_TUKIN = frozenset({
    StatusPegawai.CLTN,
    StatusPegawai.DIBERHENTIKAN_SEMENTARA,
    StatusPegawai.UANG_TUNGGU,
    StatusPegawai.MPP,
    StatusPegawai.TUGAS_BELAJAR,
})

# SIASN kedudukan hukum id of each status (ref/siasn_kedudukan_hukum.csv). No source maps
# a death, so MENINGGAL has none.
KEDUDUKAN_HUKUM = {
    StatusPegawai.AKTIF: "01",
    StatusPegawai.CLTN: "02",
    StatusPegawai.TUGAS_BELAJAR: "03",
    StatusPegawai.DIBERHENTIKAN_SEMENTARA: "04",
    StatusPegawai.UANG_TUNGGU: "05",
    StatusPegawai.MPP: "20",
    StatusPegawai.NONAKTIF: "52",
    StatusPegawai.PENSIUN: "99",
}
# An active PPPK is 71 "PPPK Aktif". RA also uses 72 for PPPK, with no name in any source
# (perhaps paruh waktu): an active PPPK paruh waktu therefore gets no code here.
KEDUDUKAN_HUKUM_PPPK_AKTIF = "71"


def kedudukan_hukum(status: StatusPegawai, jenis: JenisPegawai) -> str | None:
    """SIASN kedudukanPnsId of a pegawai, or None where no source gives one."""
    if status is StatusPegawai.AKTIF and jenis is JenisPegawai.PPPK:
        return KEDUDUKAN_HUKUM_PPPK_AKTIF
    if status is StatusPegawai.AKTIF and jenis is JenisPegawai.PPPK_PARUH_WAKTU:
        return None
    return KEDUDUKAN_HUKUM.get(status)


class JenisKelamin(StrEnum):
    LAKI_LAKI = "LAKI_LAKI"
    PEREMPUAN = "PEREMPUAN"


class StatusPenilai(StrEnum):
    """SIASN statusPenilai: the pejabat penilai is an ASN, or not (a pejabat negara such as
    the Menteri, recorded by name and jabatan). SIASN writes the second "NON ASN"."""

    ASN = "ASN"
    NON_ASN = "NON_ASN"


SIASN_STATUS_PENILAI = {StatusPenilai.ASN: "ASN", StatusPenilai.NON_ASN: "NON ASN"}
