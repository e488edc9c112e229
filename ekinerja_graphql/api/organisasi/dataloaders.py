from ekinerja_graphql.api.loaders import by_id, grouped
from ekinerja_graphql.models import Jabatan, PejabatNegara, PredikatOrganisasi, UnitOrganisasi

UNIT_BY_ID = by_id("unit", UnitOrganisasi)
UNIT_CHILDREN = grouped("unit_children", UnitOrganisasi, ("parent_id",), ("nama", "id"))
JABATAN_BY_ID = by_id("jabatan", Jabatan)
PEJABAT_NEGARA_BY_ID = by_id("pejabat_negara", PejabatNegara)
# Newest first: the one in office, if any, has no `selesai`.
PEJABAT_NEGARA_BY_UNIT = grouped(
    "pejabat_negara_by_unit", PejabatNegara, ("unit_id",), ("-mulai", "-id")
)
PREDIKAT_ORGANISASI_BY_ID = by_id("predikat_organisasi", PredikatOrganisasi)
