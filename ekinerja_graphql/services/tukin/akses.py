"""Who may run, read totals of and export a unit subtree's tukin: its admins (ADMIN_UNIT of
the subtree or above, ADMIN_PUSAT), through the same grants as every read."""

from ekinerja_graphql.errors import Forbidden, NotFound
from ekinerja_graphql.models import UnitOrganisasi
from ekinerja_graphql.services.access import Viewer
from ekinerja_graphql.services.access.grants import UnitSubtree

ADMINS = "tukin of a unit is for ADMIN_UNIT of it and ADMIN_PUSAT"


async def pastikan_admin(viewer: Viewer, unit_id: int | None) -> str | None:
    """The unit's path (None: the whole ministry, ADMIN_PUSAT only), or FORBIDDEN/NOT_FOUND."""
    if not viewer.administers:
        raise Forbidden(ADMINS)
    if unit_id is None:
        if not viewer.sees_everyone:
            raise Forbidden("the whole ministry is for ADMIN_PUSAT: name a unit")
        return None
    paths = await UnitOrganisasi.filter(id=unit_id).values_list("path", flat=True)
    if not paths:
        raise NotFound(f"UnitOrganisasi {unit_id} does not exist")
    if not viewer.sees_everyone and not any(
            UnitSubtree(p).allows({"unit_path": paths[0]}) for p in viewer.admin_unit_paths):
        raise Forbidden(f"unit {unit_id} is outside the units you administer")
    return paths[0]
