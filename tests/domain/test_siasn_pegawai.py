"""Reading a pegawai from SIASN's data-utama: kedudukan hukum to status, the kind from the
form of the NIP, golongan codes, and which changes are deactivations."""

from datetime import date

from ekinerja_graphql.domain.golongan import Golongan
from ekinerja_graphql.domain.kepegawaian import (
    JenisKelamin,
    JenisPegawai,
    StatusPegawai,
    kedudukan_hukum,
)
from ekinerja_graphql.domain.nip import JenisNip, format_ni_pppk, format_nip
from ekinerja_graphql.domain.siasn_pegawai import (
    golongan_dari,
    jenis_dari,
    perubahan,
    status_dari,
)

PNS_NIP = format_nip(date(1990, 1, 1), date(2015, 1, 1), JenisKelamin.LAKI_LAKI, 1)
PPPK_NIP = format_ni_pppk(date(1990, 1, 1), 2022, JenisNip.PPPK, JenisKelamin.PEREMPUAN, 1)


def test_every_status_we_send_reads_back_as_itself():
    for status in StatusPegawai:
        for jenis in JenisPegawai:
            kode = kedudukan_hukum(status, jenis)
            if kode is not None:
                assert status_dari(kode, None) is status, (status, jenis, kode)


def test_kedudukan_codes_without_a_certain_status_give_none_and_a_death_wins():
    assert status_dari("15", None) is None  # kena hukuman disiplin: still working
    assert status_dari("07", None) is None  # pejabat negara
    assert status_dari(None, None) is None
    assert status_dari("88", None) is StatusPegawai.PENSIUN
    assert status_dari("01", date(2026, 5, 1)) is StatusPegawai.MENINGGAL


def test_the_kind_follows_the_nip_form_then_siasn_status_pegawai():
    assert jenis_dari(PPPK_NIP, "PNS", None) is JenisPegawai.PPPK
    assert jenis_dari(PNS_NIP, "CPNS", JenisPegawai.PNS) is JenisPegawai.CPNS
    assert jenis_dari(PNS_NIP, "pns ", JenisPegawai.CPNS) is JenisPegawai.PNS
    assert jenis_dari(PNS_NIP, None, JenisPegawai.CPNS) is JenisPegawai.CPNS
    assert jenis_dari(PNS_NIP, "?", None) is JenisPegawai.PNS


def test_golongan_codes_outside_the_pns_scale_are_not_taken():
    assert golongan_dari("34") is Golongan.III_D
    assert golongan_dari("IX") is None
    assert golongan_dari(None) is None


def test_reaching_pensiun_or_nonaktif_is_a_deactivation_and_unknown_fields_are_kept():
    old = {"nama": "A", "status": StatusPegawai.AKTIF, "golongan": Golongan.III_A}
    assert perubahan(old, {"nama": "A", "status": StatusPegawai.PENSIUN}) == [
        ("PEGAWAI_DEACTIVATED", "status", StatusPegawai.AKTIF, StatusPegawai.PENSIUN)]
    assert perubahan(old, {"status": StatusPegawai.CLTN}) == [
        ("PEGAWAI_STATUS_CHANGED", "status", StatusPegawai.AKTIF, StatusPegawai.CLTN)]
    assert perubahan(old, {"nama": "A"}) == []  # golongan absent: SIASN said nothing
