"""Organisation units and their materialised path.

A unit's path is the concatenation of its ancestors' ids and its own id, each
zero-padded to PATH_SEGMENT_WIDTH digits. Digits only, so byte order and any
collation agree: a whole subtree is one range scan on an ordinary index.
"""

from enum import StrEnum

PATH_SEGMENT_WIDTH = 7
MAX_PATH_LENGTH = 120  # the column's width: 17 levels


class JenisUnit(StrEnum):
    KEMENTERIAN = "KEMENTERIAN"
    UNIT_ESELON_I = "UNIT_ESELON_I"
    UNIT_ESELON_II = "UNIT_ESELON_II"
    KANWIL = "KANWIL"
    KANKEMENAG = "KANKEMENAG"
    PERGURUAN_TINGGI = "PERGURUAN_TINGGI"
    BALAI = "BALAI"
    MADRASAH = "MADRASAH"
    KUA = "KUA"
    SATKER_LAIN = "SATKER_LAIN"
    # Inside a satker: bagian, bidang, subdirektorat; subbagian, seksi; fakultas; jurusan.
    UNIT_ESELON_III = "UNIT_ESELON_III"
    UNIT_ESELON_IV = "UNIT_ESELON_IV"
    FAKULTAS = "FAKULTAS"
    JURUSAN = "JURUSAN"


def child_path(parent_path: str | None, unit_id: int) -> str:
    segment = str(unit_id).zfill(PATH_SEGMENT_WIDTH)
    if len(segment) != PATH_SEGMENT_WIDTH:
        raise ValueError(f"unit id {unit_id} does not fit a {PATH_SEGMENT_WIDTH}-digit segment")
    return (parent_path or "") + segment


def subtree_bounds(path: str) -> tuple[str, str]:
    """[low, high], both inclusive, holding exactly the paths of the subtree: the path
    itself and every longer path that starts with it. (The next sibling's path, P + 1,
    would not do as an exclusive bound: for a last sibling ...9999999 it carries into
    the parent's segment and takes in the parent's next sibling.)"""
    return path, path + "9" * (MAX_PATH_LENGTH - len(path))


def ancestor_ids(path: str) -> list[int]:
    """Ids from the root down to the parent (the unit itself excluded)."""
    width = PATH_SEGMENT_WIDTH
    return [int(path[i : i + width]) for i in range(0, len(path) - width, width)]


def is_within(path: str, ancestor_path: str) -> bool:
    """Whether the unit at `path` is the unit at `ancestor_path` or below it."""
    low, high = subtree_bounds(ancestor_path)
    return low <= path <= high


# SIASN's ref-unor does not say what kind of unit an unor is [G]: a unit new from SIASN is
# classed by its name as the ministry names its satker, else by its eselon.
_JENIS_BY_NAME = (
    ("kantor wilayah", JenisUnit.KANWIL),
    ("kantor kementerian agama", JenisUnit.KANKEMENAG),
    ("kantor urusan agama", JenisUnit.KUA),
    ("madrasah", JenisUnit.MADRASAH),
    ("universitas", JenisUnit.PERGURUAN_TINGGI),
    ("institut", JenisUnit.PERGURUAN_TINGGI),
    ("sekolah tinggi", JenisUnit.PERGURUAN_TINGGI),
    ("balai", JenisUnit.BALAI),
    ("fakultas", JenisUnit.FAKULTAS),
    ("jurusan", JenisUnit.JURUSAN),
)
_JENIS_BY_ESELON = {"10": JenisUnit.UNIT_ESELON_I, "11": JenisUnit.UNIT_ESELON_I,
                    "12": JenisUnit.UNIT_ESELON_I, "21": JenisUnit.UNIT_ESELON_II,
                    "22": JenisUnit.UNIT_ESELON_II, "31": JenisUnit.UNIT_ESELON_III,
                    "32": JenisUnit.UNIT_ESELON_III, "41": JenisUnit.UNIT_ESELON_IV,
                    "42": JenisUnit.UNIT_ESELON_IV}  # fmt: skip


def jenis_unit_siasn(nama: str, eselon_id: str | None, is_root: bool) -> JenisUnit:
    if is_root:
        return JenisUnit.KEMENTERIAN
    lowered = nama.strip().lower()
    for prefix, jenis in _JENIS_BY_NAME:
        if lowered.startswith(prefix):
            return jenis
    return _JENIS_BY_ESELON.get(eselon_id or "", JenisUnit.SATKER_LAIN)
