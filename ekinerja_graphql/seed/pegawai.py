"""Pegawai rows: the head of each unit and its staff, with NIP, career and status that agree."""

import random
from dataclasses import dataclass
from datetime import date

from ekinerja_graphql.domain.jabatan import JPT, Jenjang, TugasTambahan
from ekinerja_graphql.domain.kepegawaian import (
    JenisKelamin,
    JenisPegawai,
    StatusPegawai,
)
from ekinerja_graphql.domain.nama import format_nama_lengkap
from ekinerja_graphql.seed import biodata
from ekinerja_graphql.seed.agama import agama_picker
from ekinerja_graphql.seed.context import SeedContext
from ekinerja_graphql.seed.jabatan import JabatanSpec, KatalogJabatan
from ekinerja_graphql.seed.karier import Karier, KarierFactory
from ekinerja_graphql.seed.names import NamePool
from ekinerja_graphql.seed.organisasi import UnitSpec
from ekinerja_graphql.seed.randomness import Weighted, hex_id
from ekinerja_graphql.seed.staffing import STAF_AHLI

SHARE_PEREMPUAN = {"guru": 0.6, "penghulu": 0.05, "dosen": 0.45, "pimpinan": 0.25}
JENIS_STAF = Weighted([(JenisPegawai.PNS, 71), (JenisPegawai.PPPK, 21), (JenisPegawai.CPNS, 5),
                       (JenisPegawai.PPPK_PARUH_WAKTU, 3)])  # fmt: skip
PARUH_WAKTU_RUMPUN = frozenset({"pelaksana", "guru"})
STATUS_PNS = Weighted([
    (StatusPegawai.AKTIF, 955), (StatusPegawai.TUGAS_BELAJAR, 15), (StatusPegawai.CLTN, 4),
    (StatusPegawai.MPP, 4), (StatusPegawai.DIBERHENTIKAN_SEMENTARA, 2),
    (StatusPegawai.UANG_TUNGGU, 1), (StatusPegawai.PENSIUN, 20),
])  # fmt: skip
SHARE_PPPK_ENTRY = 0.75
NIP_LAMA_UNTIL = 1999  # the 18-digit NIP replaced the 9-digit one


@dataclass(frozen=True, slots=True)
class PejabatNegaraSeed:
    id: int
    nama_lengkap: str


@dataclass(slots=True)
class PegawaiSeed:
    """What the SKP and evaluation stages need to know about a generated pegawai."""

    id: int
    nip: str
    nama_lengkap: str
    jenis: JenisPegawai
    jabatan: JabatanSpec
    unit: UnitSpec
    golongan: str | None
    golongan_pppk: str | None
    status: StatusPegawai
    tmt: date  # TMT CPNS, or of the first PPPK contract
    penilai: "PegawaiSeed | None"
    penilai_negara: PejabatNegaraSeed | None
    pimpinan: bool
    tugas_tambahan: TugasTambahan | None


class PegawaiFactory:
    def __init__(
        self, rng: random.Random, names: NamePool, katalog: KatalogJabatan, context: SeedContext
    ) -> None:
        self._rng = rng
        self._names = names
        self._katalog = katalog
        self._context = context
        self._karier = KarierFactory(rng, context.as_of)
        self._nips = biodata.NipRegister()
        self.next_id = 1

    def pimpinan(
        self, unit: UnitSpec, penilai: PegawaiSeed | None, penilai_negara: PejabatNegaraSeed | None
    ) -> tuple[PegawaiSeed, tuple]:
        kepala = unit.kepala
        if kepala.struktural:
            jabatan = self._katalog.struktural[kepala.struktural]
        else:
            jabatan = self._katalog.fungsional_setidaknya(kepala.rumpun, kepala.jenjang)
        return self._build(unit, jabatan, JenisPegawai.PNS, StatusPegawai.AKTIF, penilai,
                           penilai_negara, pimpinan=True, tugas=kepala.tugas_tambahan)  # fmt: skip

    def staf(self, unit: UnitSpec, rumpun: str, pimpinan: PegawaiSeed | None,
             penilai_negara: PejabatNegaraSeed | None) -> tuple[PegawaiSeed, tuple]:  # fmt: skip
        rng = self._rng
        if rumpun == STAF_AHLI:
            jabatan = self._katalog.struktural["Staf Ahli Menteri"]
            return self._build(unit, jabatan, JenisPegawai.PNS, StatusPegawai.AKTIF, pimpinan,
                               penilai_negara, pimpinan=False)  # fmt: skip
        jenis = JENIS_STAF.pick(rng)
        if jenis is JenisPegawai.PPPK_PARUH_WAKTU and rumpun not in PARUH_WAKTU_RUMPUN:
            jenis = JenisPegawai.PPPK
        if not self._katalog.has_entry_jenjang(rumpun):
            jenis = JenisPegawai.PNS
        status = STATUS_PNS.pick(rng) if jenis is JenisPegawai.PNS else StatusPegawai.AKTIF
        jabatan = self._jabatan_staf(rumpun, jenis)
        return self._build(unit, jabatan, jenis, status, pimpinan, penilai_negara,
                           pimpinan=False)  # fmt: skip

    def _jabatan_staf(self, rumpun: str, jenis: JenisPegawai) -> JabatanSpec:
        rng, katalog = self._rng, self._katalog
        if rumpun == "pelaksana":
            if jenis is JenisPegawai.PPPK_PARUH_WAKTU:
                return katalog.pelaksana[0]
            pilihan = katalog.pelaksana[:4] if jenis is JenisPegawai.CPNS else katalog.pelaksana
            return rng.choice(pilihan)
        entry = jenis is JenisPegawai.CPNS or (
            jenis is not JenisPegawai.PNS and rng.random() < SHARE_PPPK_ENTRY
        )
        return katalog.fungsional_awal(rumpun) if entry else katalog.fungsional_acak(rumpun)

    def _build(self, unit, jabatan, jenis, status, penilai, penilai_negara, pimpinan,
               tugas=None) -> tuple[PegawaiSeed, tuple]:  # fmt: skip
        rng, context = self._rng, self._context
        karier: Karier = self._karier.make(jabatan, jenis, status)
        agama = agama_picker(unit.agama, unit.provinsi.nama if unit.provinsi else None).pick(rng)
        rumpun = "pimpinan" if pimpinan and jabatan.eselon in JPT else jabatan.rumpun
        perempuan = rng.random() < SHARE_PEREMPUAN.get(
            "pimpinan" if pimpinan else jabatan.rumpun, 0.45
        )
        kelamin = JenisKelamin.PEREMPUAN if perempuan else JenisKelamin.LAKI_LAKI
        age = _age(karier.tanggal_lahir, context.as_of)
        nip = self._nips.allocate(jenis, karier.tanggal_lahir, karier.tmt_cpns, kelamin)
        provinsi = unit.provinsi
        nama = self._names.nama(rng, perempuan, agama, provinsi.nama if provinsi else None)
        guru_besar = jabatan.jenjang is Jenjang.AHLI_UTAMA and jabatan.rumpun == "dosen"
        gelar_depan, gelar_belakang = biodata.gelar(rng, rumpun, perempuan, age, guru_besar,
                                                    agama)  # fmt: skip
        tempat = biodata.tempat(rng, unit.kabkota, provinsi)
        pegawai_id = self.next_id
        self.next_id += 1
        golongan = karier.golongan.value if karier.golongan else None
        golongan_pppk = karier.golongan_pppk.value if karier.golongan_pppk else None
        seed = PegawaiSeed(pegawai_id, nip, format_nama_lengkap(nama, gelar_depan, gelar_belakang),
                           jenis, jabatan, unit, golongan, golongan_pppk, status,
                           karier.tmt_cpns, penilai, penilai_negara, pimpinan, tugas)  # fmt: skip
        at = context.master_at
        row = (
            at, at, 1, pegawai_id, nip, self._nip_lama(jenis, karier.tmt_cpns), nama,
            gelar_depan, gelar_belakang, kelamin.value, karier.tanggal_lahir, jenis.value,
            golongan, karier.golongan_awal.value if karier.golongan_awal else None,
            golongan_pppk, status.value, tugas.value if tugas else None, karier.tmt_cpns,
            karier.tmt_jabatan, biodata.nik(rng, tempat, karier.tanggal_lahir, perempuan),
            biodata.alamat(rng, self._names.jalan, tempat), biodata.email(rng, nama),
            biodata.nomor_hp(rng), hex_id(rng), None, jabatan.id,
            penilai.id if penilai else None, penilai_negara.id if penilai_negara else None,
            unit.id,
        )  # fmt: skip
        return seed, row

    def _nip_lama(self, jenis: JenisPegawai, tmt_cpns: date) -> str | None:
        """Only PNS appointed before the 18-digit NIP had a 9-digit one."""
        if jenis is JenisPegawai.PNS and tmt_cpns.year < NIP_LAMA_UNTIL:
            return f"150{self._rng.randrange(1_000_000):06d}"
        return None


def _age(lahir: date, today: date) -> int:
    return today.year - lahir.year - ((today.month, today.day) < (lahir.month, lahir.day))

