from ekinerja_graphql.api.loaders import by_id, grouped, newest
from ekinerja_graphql.models import Evaluasi, EvaluasiRiwayat, Keberatan

EVALUASI_BY_ID = by_id("evaluasi", Evaluasi)
EVALUASI_BY_SKP = grouped(
    "evaluasi_by_skp", Evaluasi, ("skp_id",), ("periode_akhir", "-periode_awal", "id")
)
EVALUASI_BY_PEGAWAI_TAHUN = grouped(
    "evaluasi_by_pegawai_tahun", Evaluasi, ("pegawai_id", "tahun"),
    ("-periode_awal", "jenis_periode", "id"),
)
RIWAYAT_BY_EVALUASI = newest("riwayat_by_evaluasi", EvaluasiRiwayat, "evaluasi_id")
KEBERATAN_BY_EVALUASI = grouped("keberatan_by_evaluasi", Keberatan, ("evaluasi_id",), ("id",))
