"""Personal data that must agree with itself and with the place: NIP, NIK, gelar, address."""

import random
from datetime import date

from ekinerja_graphql.domain.kepegawaian import JenisKelamin, JenisPegawai
from ekinerja_graphql.domain.nip import JenisNip, format_ni_pppk, format_nip
from ekinerja_graphql.seed.agama import Agama
from ekinerja_graphql.seed.wilayah import KabKota, Provinsi, provinsi_all, provinsi_of

PREFIX_HP = ("11", "12", "13", "21", "22", "23", "52", "53", "55", "56", "57", "58", "77", "78",
             "81", "82", "83", "95", "96", "97", "98", "99")  # fmt: skip
DOMAIN_EMAIL = ("gmail.com", "gmail.com", "gmail.com", "yahoo.co.id", "kemenag.go.id")
MAX_NOMOR_URUT = 999
JENIS_NIP = {JenisPegawai.PPPK: JenisNip.PPPK,
             JenisPegawai.PPPK_PARUH_WAKTU: JenisNip.PPPK_PARUH_WAKTU}  # fmt: skip
UMUR_HAJI = 35  # "H."/"Hj." only for Muslims old enough to have waited their turn

# Degrees by rumpun jabatan; "" means none. Islamic-studies degrees only for Muslims; the
# other religions' staff get their own (AGAMA_GELAR) where the rumpun is religious.
GELAR_BELAKANG: dict[str, tuple[str, ...]] = {
    "guru": ("S.Pd.", "S.Pd.I.", "S.Ag.", "S.Pd., M.Pd.", "S.Pd.I., M.Pd.I.", "S.Si.", "S.Kom."),
    "dosen": ("M.Ag.", "M.Pd.I.", "M.A.", "M.Si.", "M.H.I.", "M.Hum.", "Lc., M.A.", "M.Pd."),
    "penghulu": ("S.Ag.", "S.H.I.", "S.Sy.", "S.Ag., M.H.", "S.H.I., M.H.I."),
    "penyuluh": ("S.Ag.", "S.Sos.I.", "S.Th.I.", "S.Kom.I.", "S.Pd.I."),
    "widyaiswara": ("M.Pd.", "M.Si.", "M.Ag.", "M.M."),
    "pimpinan": ("S.Ag., M.Pd.I.", "S.Ag., M.Si.", "M.Ag.", "S.H., M.H.", "M.Pd.", "M.M."),
    "umum": ("S.E.", "S.H.", "S.Kom.", "S.Sos.", "S.Ag.", "S.AP.", "A.Md.", "M.Si.", "S.E., M.M.",
             "", "", ""),
}  # fmt: skip
AGAMA_GELAR = {
    Agama.KRISTEN: ("S.Th.", "M.Th.", "S.Pd.K.", "S.Th., M.Pd.K."),
    Agama.KATOLIK: ("S.Ag.", "S.Fil.", "S.Pd.", "S.Ag., M.Pd."),
    Agama.HINDU: ("S.Ag.", "S.Pd.H.", "M.Pd.H.", "S.Ag., M.Ag."),
    Agama.BUDDHA: ("S.Ag.", "S.Pd.B.", "M.Pd.B."),
}
GELAR_ISLAMI = ("I.", "Lc.", "S.Sy.", "H.I.")


class NipRegister:
    """Hands out NIPs and NI PPPK; the 3-digit sequence keeps those with one prefix apart."""

    def __init__(self) -> None:
        self._last: dict[str, int] = {}

    def allocate(self, jenis: JenisPegawai, lahir: date, tmt: date, kelamin: JenisKelamin) -> str:
        if jenis in JENIS_NIP:
            prefix = format_ni_pppk(lahir, tmt.year, JENIS_NIP[jenis], kelamin, 1)[:-3]
        else:
            prefix = format_nip(lahir, tmt, kelamin, 1)[:-3]
        urut = self._last.get(prefix, 0) + 1
        if urut > MAX_NOMOR_URUT:
            raise OverflowError(f"more than {MAX_NOMOR_URUT} NIPs share the prefix {prefix}")
        self._last[prefix] = urut
        return f"{prefix}{urut:03d}"


def tempat(rng: random.Random, kabkota: KabKota | None, provinsi: Provinsi | None) -> KabKota:
    """Where a pegawai lives: the unit's kab/kota, else one of its province's, else any."""
    if kabkota is not None:
        return kabkota
    provinsi = provinsi or rng.choice(provinsi_all())
    return rng.choice(provinsi.kabkota)


def nik(rng: random.Random, kabkota: KabKota, tanggal_lahir: date, perempuan: bool) -> str:
    """16 digits: kab/kota (4) and kecamatan (2), birth date with day + 40 for women (6),
    sequence (4)."""
    hari = tanggal_lahir.day + (40 if perempuan else 0)
    lahir = f"{hari:02d}{tanggal_lahir.month:02d}{tanggal_lahir.year % 100:02d}"
    return f"{kabkota.kode}{rng.randrange(1, 30):02d}{lahir}{rng.randrange(1, 10_000):04d}"


def alamat(rng: random.Random, jalan: tuple[str, ...], kabkota: KabKota) -> str:
    return f"{rng.choice(jalan)}, {kabkota.nama}, {provinsi_of(kabkota).nama}"


def nomor_hp(rng: random.Random) -> str:
    return f"08{rng.choice(PREFIX_HP)}{rng.randrange(10_000_000, 100_000_000)}"


def email(rng: random.Random, nama: str) -> str:
    slug = nama.lower().replace(" ", ".").replace("'", "")
    return f"{slug}{rng.randrange(100)}@{rng.choice(DOMAIN_EMAIL)}"


def gelar(
    rng: random.Random, rumpun: str, perempuan: bool, age: int, guru_besar: bool, agama: Agama
) -> tuple[str | None, str | None]:
    """(gelar_depan, gelar_belakang) plausible for the rumpun jabatan, age and religion."""
    depan = []
    if guru_besar:
        depan.append("Prof. Dr.")
    elif rumpun in ("dosen", "pimpinan", "widyaiswara") and rng.random() < 0.3:
        depan.append("Dr.")
    elif age >= 55 and rng.random() < 0.3:
        depan.append("Dra." if perempuan else "Drs.")
    haji = 0.35 if rumpun in ("pimpinan", "penghulu") else 0.12
    if agama is Agama.ISLAM and age >= UMUR_HAJI and rng.random() < haji:
        depan.append("Hj." if perempuan else "H.")
    if depan and depan[0] in ("Drs.", "Dra."):
        return " ".join(depan), None
    return (" ".join(depan) or None), (_gelar_belakang(rng, rumpun, agama) or None)


def _gelar_belakang(rng: random.Random, rumpun: str, agama: Agama) -> str:
    options = GELAR_BELAKANG.get(rumpun, GELAR_BELAKANG["umum"])
    if agama is Agama.ISLAM:
        return rng.choice(options)
    religious = rumpun in ("penyuluh", "penghulu", "guru", "dosen", "pimpinan")
    if religious and rng.random() < 0.6:
        return rng.choice(AGAMA_GELAR[agama])
    secular = [g for g in options if not any(mark in g for mark in GELAR_ISLAMI)]
    return rng.choice(secular or GELAR_BELAKANG["umum"])
