"""Pulling SIASN's ref-unor into our unit tree: units matched by SIASN id; new ones
created, renames and moves applied (a move rewrites the subtree's paths), units SIASN no
longer lists deactivated, never deleted; each unit's head (pemimpin) from PemimpinPnsId.
Each difference is recorded on the run."""

from collections import defaultdict
from dataclasses import dataclass, field

from tortoise.transactions import in_transaction

from ekinerja_graphql.domain.jabatan import Eselon
from ekinerja_graphql.domain.organisasi import (
    MAX_PATH_LENGTH,
    PATH_SEGMENT_WIDTH,
    child_path,
    jenis_unit_siasn,
)
from ekinerja_graphql.models import Pegawai, SyncRun, SyncStatus, UnitOrganisasi
from ekinerja_graphql.models.unit_organisasi import in_subtree
from ekinerja_graphql.services.sinkronisasi import runs
from ekinerja_graphql.siasn.client import SiasnClient
from ekinerja_graphql.siasn.errors import Penanggung, SiasnError
from ekinerja_graphql.siasn.models import Unor

UNIT = "UnitOrganisasi"


class UnorTidakTerhubung(SiasnError):
    """An unor whose DiatasanId is not in the tree (or that is its own ancestor)."""

    code = "UNOR_PARENT_UNKNOWN"
    penanggung = Penanggung.ADMIN_INSTANSI_SIASN


class UnorTerlaluDalam(SiasnError):
    code = "UNOR_TOO_DEEP"
    penanggung = Penanggung.OPERATOR


@dataclass
class _Tree:
    """SIASN's unors in parents-first order, and those no root reaches."""

    ordered: list[Unor] = field(default_factory=list)
    unreachable: list[Unor] = field(default_factory=list)


def _parents_first(items: list[Unor]) -> _Tree:
    by_id = {item.id: item for item in items}  # a repeated id: the last one listed
    children: dict[str, list[Unor]] = defaultdict(list)
    roots = []
    for item in by_id.values():
        if item.diatasan_id:
            children[item.diatasan_id].append(item)
        else:
            roots.append(item)
    tree = _Tree()
    queue = list(roots)
    while queue:
        item = queue.pop(0)
        tree.ordered.append(item)
        queue.extend(children.get(item.id, []))
    reached = {item.id for item in tree.ordered}
    tree.unreachable = [item for item in by_id.values() if item.id not in reached]
    return tree


async def tarik_unor(run: SyncRun, client: SiasnClient) -> SyncRun:
    """The whole pull of ref-unor, one transaction; the run is finished here."""
    try:
        parsed = await client.ref_unor()
    except SiasnError as error:
        await runs.gagal(run, error, "ref-unor")
        await runs.selesai(run, SyncStatus.FAILED, f"{error.code}: {error.message}")
        return run
    unparsed = set()
    for invalid in parsed.invalid:
        await runs.karantina(run, invalid, "ref-unor")
        if isinstance(invalid.payload, dict) and isinstance(invalid.payload.get("Id"), str):
            unparsed.add(invalid.payload["Id"])
    tree = _parents_first(parsed.items)
    await runs.denyut(run, done=0, total=len(tree.ordered))
    async with in_transaction():
        await _apply(run, tree, unparsed)
        await tetapkan_pemimpin(run, parsed.items)
    await runs.selesai(run, SyncStatus.SUCCEEDED if not run.failed_count else SyncStatus.FAILED,
                       f"{run.failed_count} unor not taken" if run.failed_count else None)
    return run


async def _apply(run: SyncRun, tree: _Tree, unparsed: set[str]) -> None:
    """`unparsed`: ids of quarantined unors, neither updated nor taken as removed."""
    local = {unit.siasn_id: unit
             for unit in await UnitOrganisasi.filter(siasn_id__isnull=False)}  # fmt: skip
    taken: dict[str, UnitOrganisasi] = {}
    for item in tree.unreachable:
        await runs.gagal(run, UnorTidakTerhubung(
            f"unor {item.id} ({item.nama_unor}): DiatasanId {item.diatasan_id} is not in "
            "ref-unor"), item.id)  # fmt: skip
    for item in tree.ordered:
        parent = taken.get(item.diatasan_id) if item.diatasan_id else None
        if item.diatasan_id and parent is None:
            continue  # its parent failed: already reported
        unit = local.get(item.id)
        try:
            if unit is None:
                taken[item.id] = await _create(run, item, parent)
            else:
                taken[item.id] = await _update(run, item, unit, parent, local)
        except SiasnError as error:
            await runs.gagal(run, error, item.id)
    not_judged = unparsed | {item.id for item in tree.unreachable}  # reported, not removed
    for siasn_id, unit in local.items():
        if siasn_id not in taken and siasn_id not in not_judged and unit.aktif:
            unit.aktif = False
            await unit.save(update_fields=["aktif", "updated_at"])
            await runs.perbedaan(run, "UNOR_REMOVED", UNIT, unit.id, siasn_id, "aktif", True,
                                 False)  # fmt: skip
            run.deactivated_count += 1
    run.done = len(tree.ordered)


async def tetapkan_pemimpin(run: SyncRun, items: list[Unor]) -> None:
    """Each unit's pemimpin is the pegawai SIASN names (PemimpinPnsId), once we hold that
    pegawai; a unit SIASN names no head for keeps the one set locally."""
    heads = {item.id: item.pemimpin_pns_id for item in items if item.pemimpin_pns_id}
    pegawai = dict(await Pegawai.filter(siasn_pns_id__in=set(heads.values()))
                   .values_list("siasn_pns_id", "id"))  # fmt: skip
    changed = []
    for unit in await UnitOrganisasi.filter(siasn_id__in=list(heads)):
        head = pegawai.get(heads[unit.siasn_id])
        if head is not None and unit.pemimpin_id != head:
            await runs.perbedaan(run, "UNOR_PEMIMPIN_CHANGED", UNIT, unit.id, unit.siasn_id,
                                 "pemimpin_id", unit.pemimpin_id, head)  # fmt: skip
            unit.pemimpin_id = head
            changed.append(unit)
    if changed:
        await UnitOrganisasi.bulk_update(changed, fields=["pemimpin_id"], batch_size=500)


def _eselon(item: Unor) -> Eselon | None:
    return Eselon(item.eselon_id) if item.eselon_id in Eselon._value2member_map_ else None


def _depth_fits(parent: UnitOrganisasi | None, item: Unor) -> None:
    depth = parent.depth + 1 if parent else 0
    if (depth + 1) * PATH_SEGMENT_WIDTH > MAX_PATH_LENGTH:
        raise UnorTerlaluDalam(f"unor {item.id} ({item.nama_unor}) is deeper than the "
                               f"{MAX_PATH_LENGTH // PATH_SEGMENT_WIDTH} levels a path holds")


async def _create(run: SyncRun, item: Unor, parent: UnitOrganisasi | None) -> UnitOrganisasi:
    _depth_fits(parent, item)
    unit = await UnitOrganisasi.create(
        siasn_id=item.id, parent=parent, path=f"new:{item.id}", depth=parent.depth + 1
        if parent else 0, nama=item.nama_unor, nama_jabatan_pimpinan=item.nama_jabatan,
        jenis=jenis_unit_siasn(item.nama_unor, item.eselon_id, parent is None),
        eselon=_eselon(item), aktif=True)  # fmt: skip
    unit.path = child_path(parent.path if parent else None, unit.id)
    await unit.save(update_fields=["path"])
    await runs.perbedaan(run, "UNOR_ADDED", UNIT, unit.id, item.id, "nama", None, item.nama_unor)
    run.created_count += 1
    return unit


async def _update(run: SyncRun, item: Unor, unit: UnitOrganisasi, parent: UnitOrganisasi | None,
                  local: dict[str, UnitOrganisasi]) -> UnitOrganisasi:  # fmt: skip
    changed = []
    if unit.nama != item.nama_unor:
        changed.append(("UNOR_RENAMED", "nama", unit.nama, item.nama_unor))
        unit.nama = item.nama_unor
    if item.nama_jabatan and unit.nama_jabatan_pimpinan != item.nama_jabatan:
        changed.append(("UNOR_RENAMED", "nama_jabatan_pimpinan", unit.nama_jabatan_pimpinan,
                        item.nama_jabatan))  # fmt: skip
        unit.nama_jabatan_pimpinan = item.nama_jabatan
    if not unit.aktif:
        changed.append(("UNOR_REACTIVATED", "aktif", False, True))
        unit.aktif = True
    parent_id = parent.id if parent else None
    if unit.parent_id != parent_id:
        await _move(unit, parent, item, local)
        changed.append(("UNOR_MOVED", "parent_id", unit.parent_id, parent_id))
        unit.parent_id = parent_id
    if not changed:
        run.unchanged_count += 1
        return unit
    await unit.save()
    for code, name, old, new in changed:
        await runs.perbedaan(run, code, UNIT, unit.id, item.id, name, old, new)
    run.updated_count += 1
    return unit


async def _move(unit: UnitOrganisasi, parent: UnitOrganisasi | None, item: Unor,
                local: dict[str, UnitOrganisasi]) -> None:  # fmt: skip
    """Rewrites the paths and depths of the unit's subtree under its new parent."""
    if parent is not None and parent.path.startswith(unit.path):
        raise UnorTidakTerhubung(f"unor {item.id} ({item.nama_unor}) would move under its "
                                 "own sub-unit")  # fmt: skip
    _depth_fits(parent, item)
    old_path, old_depth = unit.path, unit.depth
    new_path = child_path(parent.path if parent else None, unit.id)
    shift = (parent.depth + 1 if parent else 0) - old_depth
    subtree = await UnitOrganisasi.filter(in_subtree(old_path, "path")).exclude(id=unit.id)
    if any(len(new_path) + len(other.path) - len(old_path) > MAX_PATH_LENGTH
           for other in subtree):  # fmt: skip
        raise UnorTerlaluDalam(f"moving unor {item.id} ({item.nama_unor}) takes its sub-units "
                               "deeper than a path holds")  # fmt: skip
    for other in subtree:
        other.path = new_path + other.path[len(old_path):]
        other.depth += shift
    if subtree:
        await UnitOrganisasi.bulk_update(subtree, fields=["path", "depth"], batch_size=500)
    by_id = {other.id: other for other in subtree}
    for known in local.values():  # later items compare against the moved rows
        if known.id in by_id:
            known.path, known.depth = by_id[known.id].path, by_id[known.id].depth
    unit.path, unit.depth = new_path, old_depth + shift
