from ekinerja_graphql.api.loaders import by_id, grouped
from ekinerja_graphql.models import Jabatan, UnitOrganisasi

UNIT_BY_ID = by_id("unit", UnitOrganisasi)
UNIT_CHILDREN = grouped("unit_children", UnitOrganisasi, ("parent_id",), ("nama", "id"))
JABATAN_BY_ID = by_id("jabatan", Jabatan)
