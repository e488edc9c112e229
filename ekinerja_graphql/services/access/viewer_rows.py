"""What a signing-in pegawai's grants are read from, in one statement.

Every request reads them, so they cost one round trip, not three: the pegawai's row
(with their appraiser's appraiser), their admin assignments active on the day, and the
pegawai an SKP closed by a mutasi still names them the appraiser of. The SQL text is
built once per dialect; the same text runs on SQLite and PostgreSQL.
"""

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ekinerja_graphql.models import Pegawai

_STATEMENT = """
SELECT 'pegawai' AS kind, p.id AS pegawai_id, p.status AS status,
       p.pejabat_penilai_id AS pejabat_penilai_id, pp.pejabat_penilai_id AS atasan_penilai_id,
       NULL AS role, NULL AS unit_path
FROM pegawai p LEFT JOIN pegawai pp ON pp.id = p.pejabat_penilai_id
WHERE p.nip = :nip
UNION ALL
SELECT 'admin', NULL, NULL, NULL, NULL, a.role, u.path
FROM admin_assignment a
JOIN pegawai p ON p.id = a.pegawai_id
LEFT JOIN unit_organisasi u ON u.id = a.unit_id
WHERE p.nip = :nip AND a.revoked_at IS NULL AND a.valid_from <= :today
  AND (a.valid_until IS NULL OR a.valid_until >= :today)
UNION ALL
SELECT 'moved', s.pegawai_id, NULL, NULL, NULL, NULL, NULL
FROM skp s JOIN pegawai p ON p.nip = :nip
WHERE (s.pejabat_penilai_id = p.id OR s.atasan_pejabat_penilai_id = p.id)
  AND s.ditutup_pada IS NOT NULL AND s.tahun >= :since_year
"""
# admin_assignments.active_on says the same of an assignment; a test holds them equal.

_NAME = re.compile(r":(\w+)")


@dataclass(frozen=True, slots=True)
class ViewerRows:
    own: dict | None  # id, status, pejabat_penilai_id, atasan_penilai_id; None: no such NIP
    admin: list[dict]  # role, unit_path
    moved_bawahan: frozenset[int]


async def viewer_rows(nip: str, today: date) -> ViewerRows:
    db = Pegawai._meta.db
    sql, names = _statement(db.capabilities.dialect)
    values = {"nip": nip, "today": today, "since_year": today.year - 1}
    rows = await db.execute_query_dict(sql, [values[name] for name in names])
    own, admin, moved = None, [], set()
    for row in rows:
        kind = row["kind"]
        if kind == "pegawai":
            own = {"id": row["pegawai_id"], "status": row["status"],
                   "pejabat_penilai_id": row["pejabat_penilai_id"],
                   "atasan_penilai_id": row["atasan_penilai_id"]}
        elif kind == "admin":
            admin.append({"role": row["role"], "unit_path": row["unit_path"]})
        else:
            moved.add(row["pegawai_id"])
    return ViewerRows(own, admin, frozenset(moved))


@cache
def _statement(dialect: str) -> tuple[str, tuple[str, ...]]:
    """The SQL with the dialect's placeholders, and the parameter names in their order."""
    if dialect == "postgres":
        order: list[str] = []

        def number(match: re.Match) -> str:
            if match[1] not in order:
                order.append(match[1])
            return f"${order.index(match[1]) + 1}"

        return _NAME.sub(number, _STATEMENT), tuple(order)
    return _NAME.sub("?", _STATEMENT), tuple(_NAME.findall(_STATEMENT))
