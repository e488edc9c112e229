"""A small ministry for the write-side tests, written row by row (no seed):

    Kementerian Agama (root)  -- headed by the Menteri, a pejabat negara
    └─ Kanwil K               -- head H (JPT), rated by the Menteri
       ├─ Kankemenag U        -- head P, rated by H; staff S1 (JF), S2, S3 rated by P
       └─ Kankemenag U2       -- head P2, rated by H
    plus ADMIN_PUSAT A (in the root) and ADMIN_UNIT Y of K.
"""

from dataclasses import dataclass
from datetime import date

from ekinerja_graphql.domain.akses import Peran
from ekinerja_graphql.domain.organisasi import child_path
from ekinerja_graphql.models import Jabatan, Pegawai, PejabatNegara, UnitOrganisasi
from ekinerja_graphql.services.admin_assignments import AdminGrant, grant_admin


@dataclass
class Kementerian:
    root: UnitOrganisasi
    kanwil: UnitOrganisasi
    unit: UnitOrganisasi
    unit2: UnitOrganisasi
    menteri: PejabatNegara
    h: Pegawai
    p: Pegawai
    p2: Pegawai
    s1: Pegawai
    s2: Pegawai
    s3: Pegawai
    admin_pusat: Pegawai
    admin_unit: Pegawai
    jabatan_pelaksana: Jabatan

    @property
    def everyone(self) -> dict[str, Pegawai]:
        return {"H": self.h, "P": self.p, "P2": self.p2, "S1": self.s1, "S2": self.s2,
                "S3": self.s3, "ADMIN_PUSAT": self.admin_pusat,
                "ADMIN_UNIT": self.admin_unit}  # fmt: skip


async def _unit(unit_id: int, nama: str, jenis: str, parent=None) -> UnitOrganisasi:
    return await UnitOrganisasi.create(
        id=unit_id, nama=nama, jenis=jenis, parent=parent, depth=parent.depth + 1 if parent else 0,
        path=child_path(parent.path if parent else None, unit_id),
    )


async def add_pegawai(nip: str, nama: str, unit, jabatan, **chain) -> Pegawai:
    return await Pegawai.create(
        nip=nip, nama=nama, jenis_kelamin="LAKI_LAKI" if nip[14] == "1" else "PEREMPUAN",
        tanggal_lahir=date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])), jenis="PNS",
        golongan="34", golongan_awal="31", status="AKTIF", unit=unit, jabatan=jabatan,
        tmt_cpns=date(int(nip[8:12]), int(nip[12:14]), 1), tmt_jabatan=date(2020, 1, 1),
        **chain,
    )


async def build_kementerian() -> Kementerian:
    root = await _unit(1, "Kementerian Agama", "KEMENTERIAN")
    kanwil = await _unit(2, "Kantor Wilayah Kementerian Agama Provinsi Bali", "KANWIL", root)
    unit = await _unit(3, "Kantor Kementerian Agama Kabupaten Badung", "KANKEMENAG", kanwil)
    unit2 = await _unit(4, "Kantor Kementerian Agama Kota Denpasar", "KANKEMENAG", kanwil)
    menteri = await PejabatNegara.create(nama="Menteri", jabatan="Menteri Agama", unit=root,
                                         mulai=date(2024, 10, 21))  # fmt: skip
    jpt = await Jabatan.create(nama="Kepala Kantor Wilayah", jenis="STRUKTURAL", kelas_jabatan=15,
                               eselon="21")  # fmt: skip
    kepala = await Jabatan.create(nama="Kepala Kantor Kementerian Agama Kabupaten/Kota",
                                  jenis="STRUKTURAL", kelas_jabatan=12, eselon="31")  # fmt: skip
    penyuluh = await Jabatan.create(nama="Penyuluh Agama Ahli Pertama", kelas_jabatan=8,
                                    jenis="FUNGSIONAL_TERTENTU", jenjang="AHLI_PERTAMA")
    pelaksana = await Jabatan.create(nama="Pengadministrasi Perkantoran", kelas_jabatan=6,
                                     jenis="FUNGSIONAL_UMUM")  # fmt: skip
    analis = await Jabatan.create(nama="Analis Sumber Daya Manusia Aparatur Ahli Muda",
                                  kelas_jabatan=9, jenis="FUNGSIONAL_TERTENTU",
                                  jenjang="AHLI_MUDA")  # fmt: skip
    h = await add_pegawai("196801011990031001", "Kakanwil", kanwil, jpt,
                       pejabat_penilai_negara=menteri)  # fmt: skip
    p = await add_pegawai("197002021995031002", "Kakankemenag", unit, kepala, pejabat_penilai=h)
    p2 = await add_pegawai("197103031996031003", "Kakankemenag Dua", unit2, kepala,
                        pejabat_penilai=h)  # fmt: skip
    s1 = await add_pegawai("198504042010012004", "Penyuluh", unit, penyuluh, pejabat_penilai=p)
    s2 = await add_pegawai("198605052011011005", "Pengadministrasi", unit, pelaksana,
                        pejabat_penilai=p)  # fmt: skip
    s3 = await add_pegawai("198706062012011006", "Pindahan", unit, pelaksana, pejabat_penilai=p)
    admin_pusat = await add_pegawai("197507072000031007", "Admin Pusat", root, analis)
    admin_unit = await add_pegawai("197808082003122008", "Admin Kanwil", kanwil, analis,
                                pejabat_penilai=h)  # fmt: skip
    for who, role, unit_id in ((admin_pusat, Peran.ADMIN_PUSAT, None),
                               (admin_unit, Peran.ADMIN_UNIT, kanwil.id)):  # fmt: skip
        await grant_admin(AdminGrant(who.nip, role, unit_id, date(2026, 1, 1), None, "test"),
                          frozenset())  # fmt: skip
    for unit_row, head in ((kanwil, h), (unit, p), (unit2, p2)):
        unit_row.pemimpin = head
        await unit_row.save()
    return Kementerian(root, kanwil, unit, unit2, menteri, h, p, p2, s1, s2, s3, admin_pusat,
                       admin_unit, pelaksana)  # fmt: skip
