"""The PNS and PPPK golongan scales and how far a career can climb (spec/domain.md §6)."""

import pytest

from ekinerja_graphql.domain.golongan import (
    GOLONGAN_AWAL,
    GOLONGAN_PPPK_PENDIDIKAN,
    MASA_MINIMAL_FUNGSIONAL,
    MASA_MINIMAL_REGULER,
    Golongan,
    GolonganPppk,
    TingkatPendidikan,
    golongan_label,
    golongan_tertinggi,
    naik,
)
from ekinerja_graphql.domain.jabatan import GOLONGAN_PPPK_JENJANG, Jenjang, golongan_pppk

G = Golongan


@pytest.mark.parametrize(("golongan", "label"), [
    (G.I_A, "I/a"), (G.II_C, "II/c"), (G.III_A, "III/a"), (G.IV_E, "IV/e"),
])  # fmt: skip
def test_labels(golongan, label):
    assert golongan_label(golongan) == label


@pytest.mark.parametrize(("awal", "tahun", "masa_minimal", "tertinggi"), [
    # The review's example: from III/a a PNS cannot be IV/b after 8 years.
    (G.III_A, 8, MASA_MINIMAL_REGULER, G.III_C),
    (G.III_A, 8, MASA_MINIMAL_FUNGSIONAL, G.IV_A),
    (G.III_A, 0, MASA_MINIMAL_REGULER, G.III_A),
    (G.III_A, 3, MASA_MINIMAL_REGULER, G.III_A),
    (G.III_A, 4, MASA_MINIMAL_REGULER, G.III_B),
    (G.II_A, 40, MASA_MINIMAL_FUNGSIONAL, G.IV_E),  # held at the top of the scale
    (G.III_B, -1, MASA_MINIMAL_REGULER, G.III_B),  # a TMT in the future climbs nothing
])  # fmt: skip
def test_how_far_a_career_can_climb(awal, tahun, masa_minimal, tertinggi):
    assert golongan_tertinggi(awal, tahun, masa_minimal) is tertinggi


def test_naik_stays_on_the_scale():
    assert naik(G.IV_D, 3) is G.IV_E and naik(G.I_B, -5) is G.I_A and naik(G.III_D, 1) is G.IV_A


@pytest.mark.parametrize(("pendidikan", "pns", "pppk"), [
    (TingkatPendidikan.SD, G.I_A, GolonganPppk.I),
    (TingkatPendidikan.SMP, G.I_C, GolonganPppk.IV),
    (TingkatPendidikan.SLTA, G.II_A, GolonganPppk.V),
    (TingkatPendidikan.D3, G.II_C, GolonganPppk.VII),
    (TingkatPendidikan.S1, G.III_A, GolonganPppk.IX),
    (TingkatPendidikan.S2, G.III_B, GolonganPppk.X),
    (TingkatPendidikan.S3, G.III_C, GolonganPppk.XI),
])
def test_first_golongan_by_education_on_each_scale(pendidikan, pns, pppk):
    assert GOLONGAN_AWAL[pendidikan] is pns
    assert GOLONGAN_PPPK_PENDIDIKAN[pendidikan] is pppk


@pytest.mark.parametrize(("jenjang", "golongan"), [
    (Jenjang.AHLI_PERTAMA, GolonganPppk.IX),
    (Jenjang.AHLI_MUDA, GolonganPppk.XI),
    (Jenjang.AHLI_MADYA, GolonganPppk.XIII),
    (Jenjang.AHLI_UTAMA, GolonganPppk.XVI),
    (Jenjang.TERAMPIL, GolonganPppk.VII),
    (Jenjang.PEMULA, GolonganPppk.V),
])
def test_pppk_golongan_from_jenjang(jenjang, golongan):
    assert GOLONGAN_PPPK_JENJANG[jenjang] is golongan


@pytest.mark.parametrize(("jenjang", "pendidikan", "dosen", "golongan"), [
    (Jenjang.AHLI_PERTAMA, TingkatPendidikan.S1, False, GolonganPppk.IX),
    (Jenjang.AHLI_PERTAMA, TingkatPendidikan.S2, True, GolonganPppk.X),  # Asisten Ahli
    (Jenjang.AHLI_MUDA, TingkatPendidikan.S2, True, GolonganPppk.XI),  # Lektor
    (Jenjang.AHLI_MADYA, TingkatPendidikan.S3, True, GolonganPppk.XIII),  # Lektor Kepala
    (Jenjang.TERAMPIL, TingkatPendidikan.D3, False, GolonganPppk.VII),
    (None, TingkatPendidikan.SLTA, False, GolonganPppk.V),  # a pelaksana: by education
    (None, TingkatPendidikan.S1, False, GolonganPppk.IX),
])
def test_golongan_of_a_pppk(jenjang, pendidikan, dosen, golongan):
    assert golongan_pppk(jenjang, pendidikan, dosen) is golongan
    assert set(GOLONGAN_PPPK_JENJANG) == set(Jenjang)


def test_the_two_scales_are_different_types_with_disjoint_values():
    assert not {g.value for g in Golongan} & {g.value for g in GolonganPppk}
    assert len(GolonganPppk) == 17 and GolonganPppk.IX.value == "IX"
