"""Domain enums exposed as GraphQL enums (names as in the regulations)."""

import strawberry

from ekinerja_graphql.domain import akses, evaluasi, kepegawaian, organisasi, periode, predikat, skp

JenisPegawai = strawberry.enum(kepegawaian.JenisPegawai)
StatusPegawai = strawberry.enum(kepegawaian.StatusPegawai)
JenisKelamin = strawberry.enum(kepegawaian.JenisKelamin)
JenisJabatan = strawberry.enum(kepegawaian.JenisJabatan)
Eselon = strawberry.enum(kepegawaian.Eselon, description="Eselon, valued by SIASN eselonId")
JenjangJabatanFungsional = strawberry.enum(kepegawaian.JenjangJabatanFungsional)
Golongan = strawberry.enum(kepegawaian.Golongan, description="Golongan/ruang (III_A is III/a)")
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
Peran = strawberry.enum(akses.Peran)
