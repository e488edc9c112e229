"""One case of tests/migrations/test_0004_domain_fidelity.py, run in a process of its own:
`python run_0004_case.py CASE URL [REFERENCE_URL]`; prints one JSON line."""

import asyncio
import json
import sys

from tortoise import Tortoise, connections
from tortoise.exceptions import IntegrityError
from tortoise.migrations.api import migrate

from ekinerja_graphql.db import MODELS_MODULE, MigrationRefused, tortoise_config

BEFORE = "models.0003_admin_assignment"
THIS = "models.0004_domain_fidelity"
NOW = "2026-01-01"


def _values(*rows: tuple) -> str:
    def sql(value) -> str:
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        return str(value) if isinstance(value, int) else f"'{value}'"

    return ", ".join("(" + ", ".join(sql(value) for value in row) + ")" for row in rows)


UNIT = ("INSERT INTO unit_organisasi (created_at, updated_at, id, path, depth, nama, jenis,"
        " aktif) VALUES "
        + _values((NOW, NOW, 1, "0000001", 0, "Kementerian Agama", "KEMENTERIAN", True)))
JABATAN = ("INSERT INTO jabatan (created_at, updated_at, id, nama, jenis, kelas_jabatan, eselon,"
           " jenjang) VALUES ")
PEGAWAI = ("INSERT INTO pegawai (created_at, updated_at, version, id, nip, nama, jenis_kelamin,"
           " tanggal_lahir, jenis, golongan, status, jabatan_id, unit_id, pejabat_penilai_id)"
           " VALUES ")
REAL_DATA = [
    UNIT,
    JABATAN + _values(
        (NOW, NOW, 1, "Sekretaris Jenderal", "STRUKTURAL", 17, "10", None),
        (NOW, NOW, 2, "Rektor Universitas Negeri", "STRUKTURAL", 16, "11", None),
        (NOW, NOW, 3, "Direktur", "STRUKTURAL", 15, "21", None),
        (NOW, NOW, 4, "Guru Ahli Muda", "FUNGSIONAL_TERTENTU", 9, None, "AHLI_MUDA"),
        (NOW, NOW, 5, "Operator Layanan Operasional", "FUNGSIONAL_UMUM", 5, None, None),
    ),
    PEGAWAI + _values(
        (NOW, NOW, 1, 1, "196801011990031001", "Kepala", "LAKI_LAKI", "1968-01-01", "PNS", "44",
         "AKTIF", 1, 1, None),
        (NOW, NOW, 1, 2, "199312282025212001", "Guru", "PEREMPUAN", "1993-12-28", "PPPK", None,
         "AKTIF", 4, 1, 1),
        (NOW, NOW, 1, 3, "199001012024211002", "Operator", "LAKI_LAKI", "1990-01-01", "PPPK",
         None, "AKTIF", 5, 1, 1),
    ),
    "INSERT INTO skp (created_at, updated_at, version, id, pegawai_id, unit_id, tahun,"
    " periode_awal, periode_akhir, pendekatan, jenis_jabatan, status, dukungan_sumber_daya,"
    " skema_pertanggungjawaban, konsekuensi) VALUES " + _values(
        (NOW, NOW, 1, 1, 1, 1, 2026, NOW, "2026-12-31", "KUANTITATIF", "JPT", "DISETUJUI", "[]",
         "[]", "[]"),
        (NOW, NOW, 1, 2, 2, 1, 2026, NOW, "2026-12-31", "KUANTITATIF", "JF", "DISETUJUI", "[]",
         "[]", "[]"),
    ),
    "INSERT INTO rencana_hasil_kerja (created_at, updated_at, version, id, skp_id, jenis,"
    " uraian, rhk_atasan_id, urutan) VALUES " + _values(
        (NOW, NOW, 1, 1, 1, "UTAMA", "Meningkatnya layanan", None, 1),
        (NOW, NOW, 1, 2, 2, "UTAMA", "Terlaksananya pembelajaran", 1, 1),
    ),
    "INSERT INTO perilaku_kerja (id, skp_id, nilai) VALUES "
    + _values((1, 1, "BERORIENTASI_PELAYANAN")),
    "INSERT INTO evaluasi (created_at, updated_at, version, id, skp_id, pegawai_id, tahun,"
    " jenis_periode, nomor_periode, periode_awal, periode_akhir, status, unit_id, unit_nama,"
    " golongan) VALUES " + _values(
        ("2026-04-01", "2026-04-01", 1, 1, 2, 2, 2026, "TRIWULANAN", 1, NOW, "2026-03-31",
         "DITETAPKAN", 1, "Kementerian Agama", None),
    ),
]
OLD_SEED = [
    UNIT,
    JABATAN + _values((NOW, NOW, 1, "Menteri Agama", "STRUKTURAL", 17, "10", None)),
    PEGAWAI + _values((NOW, NOW, 1, 1, "196801011990031001", "Menteri", "LAKI_LAKI",
                       "1968-01-01", "PNS", "45", "AKTIF", 1, 1, None)),
]


async def sql(statement: str) -> list[dict]:
    return await connections.get("default").execute_query_dict(statement)


async def column(statement: str) -> list:
    return [next(iter(row.values())) for row in await sql(statement)]


async def sqlite_indexes() -> list[tuple[str, tuple[str, ...], bool]]:
    """(table, columns, unique) of every index, names aside."""
    found = []
    for table in await column("SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite_%'"):  # fmt: skip
        for index in await sql(f"PRAGMA index_list('{table}')"):
            info = await sql(f"PRAGMA index_info('{index['name']}')")
            columns = tuple(row["name"] for row in sorted(info, key=lambda row: row["seqno"]))
            found.append((table, columns, bool(index["unique"])))
    return sorted(found)


async def create_tables_from_models() -> None:
    """The schema Tortoise's own generator writes for the models, table by table
    (generate_schemas refuses the unit <-> pegawai cycle of foreign keys; SQLite does not
    mind the order)."""
    client = connections.get("default")
    generator = client.schema_generator(client)
    for model in Tortoise.apps["models"].values():
        await client.execute_script(generator._get_table_sql(model)["table_creation_string"])


async def table_exists(name: str) -> bool:
    if connections.get("default").capabilities.dialect == "sqlite":
        return bool(await sql(f"SELECT 1 FROM sqlite_master WHERE name = '{name}'"))
    return bool(await sql(f"SELECT 1 FROM information_schema.tables WHERE table_name = '{name}'"))


async def reopen(url: str) -> None:
    await Tortoise.close_connections()
    await Tortoise.init(config=tortoise_config(url))


async def applied() -> list[str]:
    return await column("SELECT name FROM tortoise_migrations ORDER BY id")


async def forward(url: str, reference_url: str) -> dict:
    config = tortoise_config(url)
    await migrate(config=config, target=BEFORE)
    for statement in REAL_DATA:
        await sql(statement)
    await migrate(config=config)
    found = {
        "eselon": await column("SELECT eselon FROM jabatan ORDER BY id"),
        "golongan_pppk": await column("SELECT golongan_pppk FROM pegawai ORDER BY id"),
        "evaluasi": (await sql("SELECT golongan_pppk, status_penilai FROM evaluasi"))[0],
        "skp": await column("SELECT status_penilai FROM skp ORDER BY id"),
        "rhk": (await column("SELECT count(*) FROM rencana_hasil_kerja"))[0],
        "perilaku_version": await column("SELECT version FROM perilaku_kerja"),  # 0006
        "sqlite": connections.get("default").capabilities.dialect == "sqlite",
    }
    try:
        await sql("DELETE FROM rencana_hasil_kerja WHERE id = 1")
        found["restrict"] = None
    except IntegrityError as error:
        found["restrict"] = type(error).__name__
    if found["sqlite"]:
        migrated = await sqlite_indexes()
        found["foreign_keys"] = (await column("PRAGMA foreign_keys"))[0]
        await Tortoise.close_connections()
        await Tortoise.init(db_url=reference_url, modules={"models": [MODELS_MODULE]})
        await create_tables_from_models()
        reference = await sqlite_indexes()
        found["indexes"] = migrated
        found["missing_indexes"] = [index for index in reference if index not in migrated]
    return found


async def old_seed(url: str) -> dict:
    config = tortoise_config(url)
    await migrate(config=config, target=BEFORE)
    for statement in OLD_SEED:
        await sql(statement)
    try:
        await migrate(config=config)
        error = None
    except MigrationRefused as refused:
        error = str(refused)
    await reopen(url)
    return {"error": error, "applied": await applied(),
            "pejabat_negara_table": await table_exists("pejabat_negara"),
            "eselon": await column("SELECT eselon FROM jabatan")}  # fmt: skip


async def round_trip(url: str) -> dict:
    config = tortoise_config(url)
    await migrate(config=config)
    await sql(UNIT)
    await sql(JABATAN + _values((NOW, NOW, 1, "Sekretaris Jenderal", "STRUKTURAL", 17, "11",
                                 None)))  # fmt: skip
    if connections.get("default").capabilities.dialect == "sqlite":
        try:
            await migrate(config=config, target=BEFORE)
            refused = None
        except MigrationRefused as error:
            refused = str(error)
        await reopen(url)
        after_refusal = {"applied": (await applied())[-1],
                         "eselon": (await column("SELECT eselon FROM jabatan"))[0]}  # fmt: skip
        return {"sqlite": True, "refused": refused, "after_refusal": after_refusal}
    await migrate(config=config, target=BEFORE)
    after_downgrade = {"applied": (await applied())[-1],
                       "eselon": (await column("SELECT eselon FROM jabatan"))[0],
                       "pejabat_negara_table": await table_exists("pejabat_negara")}  # fmt: skip
    await migrate(config=config, target=THIS)
    after_upgrade = {"applied": (await applied())[-1],
                     "eselon": (await column("SELECT eselon FROM jabatan"))[0]}  # fmt: skip
    await sql(PEGAWAI + _values((NOW, NOW, 1, 1, "199001012025241001", "Operator", "LAKI_LAKI",
                                 "1990-01-01", "PPPK_PARUH_WAKTU", None, "AKTIF", 1, 1, None)))
    try:
        await migrate(config=config, target=BEFORE)
        refused = None
    except MigrationRefused as error:
        refused = str(error)
    return {"sqlite": False, "after_downgrade": after_downgrade, "after_upgrade": after_upgrade,
            "refused_with_paruh_waktu": refused}  # fmt: skip


async def main(case: str, *urls: str) -> None:
    try:
        found = await {"forward": forward, "old_seed": old_seed, "round_trip": round_trip}[case](
            *urls)
    finally:
        await Tortoise.close_connections()
    print(json.dumps(found, default=str))


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:]))
