from ekinerja_graphql.api.loaders import by_id, grouped
from ekinerja_graphql.models import AturanTukin, Tukin, TukinRun

TUKIN_BY_PEGAWAI_BULAN = grouped("tukin_by_pegawai_bulan", Tukin, ("pegawai_id", "bulan"))
TUKIN_RUN_BY_ID = by_id("tukin_run", TukinRun, unit_path="unit__path")
ATURAN_BY_ID = by_id("aturan_tukin", AturanTukin)
