"""Domain enums exposed as GraphQL enums (names as in the regulations)."""

import strawberry

from ekinerja_graphql.domain import (
    akses,
    evaluasi,
    golongan,
    jabatan,
    kepegawaian,
    kurva,
    organisasi,
    periode,
    predikat,
    skp,
    workflow,
)

JenisPegawai = strawberry.enum(kepegawaian.JenisPegawai)
StatusPegawai = strawberry.enum(kepegawaian.StatusPegawai)
JenisKelamin = strawberry.enum(kepegawaian.JenisKelamin)
StatusPenilai = strawberry.enum(
    kepegawaian.StatusPenilai, description="NON_ASN: the pejabat penilai is a pejabat negara"
)
JenisJabatan = strawberry.enum(jabatan.JenisJabatan)
Eselon = strawberry.enum(
    jabatan.Eselon,
    description="Eselon, valued by SIASN eselonId: 10 I.a JPT Utama, 11 I.a JPT Madya, "
    "12 I.b JPT Madya, 21 II.a … 52 V.b, 99 non-eselon (there is no I.c)",
)
JenjangJabatanFungsional = strawberry.enum(jabatan.JenjangJabatanFungsional)
TugasTambahan = strawberry.enum(
    jabatan.TugasTambahan, description="A leadership task held beside a jabatan fungsional"
)
Golongan = strawberry.enum(golongan.Golongan, description="PNS golongan/ruang (III_A is III/a)")
GolonganPppk = strawberry.enum(golongan.GolonganPppk, description="PPPK golongan I–XVII")
JenisUnit = strawberry.enum(organisasi.JenisUnit)
Pendekatan = strawberry.enum(skp.Pendekatan)
JenisJabatanSkp = strawberry.enum(skp.JenisJabatanSkp)
StatusSkp = strawberry.enum(skp.StatusSkp)
JenisRhk = strawberry.enum(skp.JenisRhk)
PerspektifJpt = strawberry.enum(skp.PerspektifJpt)
AspekIndikator = strawberry.enum(skp.AspekIndikator)
NilaiBerakhlak = strawberry.enum(skp.NilaiBerakhlak)
Rating = strawberry.enum(predikat.Rating)
Predikat = strawberry.enum(predikat.Predikat)
JenisPeriode = strawberry.enum(periode.JenisPeriode)
StatusEvaluasi = strawberry.enum(evaluasi.StatusEvaluasi)
KeputusanKeberatan = strawberry.enum(evaluasi.KeputusanKeberatan)
Aksi = strawberry.enum(workflow.Aksi, description="A step of the workflow, as riwayat records it")
CapaianOrganisasi = strawberry.enum(
    kurva.PredikatOrganisasi, name="CapaianOrganisasi",
    description="The capaian (organisation predikat) of a unit, set by the leader one level up",
)
KodePelanggaran = strawberry.enum(kurva.KodePelanggaran)
Peran = strawberry.enum(akses.Peran)
