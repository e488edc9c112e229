"""Who may sign in: still-employed statuses, paid or not; not pensioned, dead or deactivated."""

from ekinerja_graphql.domain.akses import ADMIN_ROLES, STATUS_BOLEH_MASUK, Peran
from ekinerja_graphql.domain.kepegawaian import StatusPegawai


def test_statuses_that_may_sign_in():
    assert {StatusPegawai.PENSIUN, StatusPegawai.MENINGGAL, StatusPegawai.NONAKTIF}.isdisjoint(
        STATUS_BOLEH_MASUK)
    assert STATUS_BOLEH_MASUK | {StatusPegawai.PENSIUN, StatusPegawai.MENINGGAL,
                                 StatusPegawai.NONAKTIF} == set(StatusPegawai)


def test_only_admin_roles_are_granted_by_assignment():
    assert {Peran.ADMIN_UNIT, Peran.ADMIN_PUSAT} == ADMIN_ROLES
