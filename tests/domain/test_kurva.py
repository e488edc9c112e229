"""The distribution curve of SE MenPANRB 3/2023 (spec/domain.md §4): every rule at its
boundary, the rounding of small units, ties, the empty unit and properties of the check."""

import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekinerja_graphql.domain.kurva import (
    ATURAN_KURVA,
    PEMBULATAN_MAKSIMUM,
    PEMBULATAN_MINIMUM,
    Aturan,
    KodePelanggaran,
    Pelanggaran,
    Pembulatan,
    PredikatOrganisasi,
    bulatkan,
    periksa_kurva,
)
from ekinerja_graphql.domain.predikat import Predikat

SB, B, BP, K, SK = Predikat
Org = PredikatOrganisasi
KOSONG, TERBESAR, MAKSIMUM, MINIMUM, ADA_SATU, TIDAK_BOLEH_ADA = KodePelanggaran
CEIL, FLOOR, ROUND = Pembulatan


def ringkas(pelanggaran: list[Pelanggaran]) -> list[tuple]:
    return [(v.kode, v.predikat, v.batas, v.jumlah) for v in pelanggaran]


def test_rules_are_the_table_of_the_spec():
    spec = {
        Org.ISTIMEWA: (Aturan(TERBESAR, (SB,)), Aturan(MAKSIMUM, (SB,), 70)),
        Org.BAIK: (Aturan(TERBESAR, (B,)), Aturan(MAKSIMUM, (B,), 70),
                   Aturan(ADA_SATU, (BP, K))),
        Org.BUTUH_PERBAIKAN: (Aturan(MINIMUM, (BP,), 60), Aturan(MAKSIMUM, (SB,), 10)),
        Org.KURANG: (Aturan(MINIMUM, (K,), 60), Aturan(MINIMUM, (BP,), 10),
                     Aturan(MAKSIMUM, (SB,), 10)),
        Org.SANGAT_KURANG: (Aturan(MINIMUM, (SK,), 60), Aturan(MINIMUM, (BP, K), 10),
                            Aturan(TIDAK_BOLEH_ADA, (SB,))),
    }  # fmt: skip
    assert spec == ATURAN_KURVA


def test_default_rounding_is_ceil_for_maxima_and_floor_for_minima():
    assert (PEMBULATAN_MAKSIMUM, PEMBULATAN_MINIMUM) == (CEIL, FLOOR)
    # 3 of 3 Sangat Baik is within ceil(70% × 3) = 3; floor(10% × 3) = 0 Butuh Perbaikan needed.
    assert periksa_kurva(Org.ISTIMEWA, {SB: 3}) == []
    assert periksa_kurva(Org.KURANG, {K: 3}) == []


# Units of 10 (and 20), where every percentage is a whole number of people.
@pytest.mark.parametrize(("organisasi", "jumlah", "pelanggaran"), [
    # ISTIMEWA: Sangat Baik the largest group and ≤ 70%.
    (Org.ISTIMEWA, {SB: 7, B: 3}, []),
    (Org.ISTIMEWA, {SB: 8, B: 2}, [(MAKSIMUM, (SB,), 7, 8)]),
    (Org.ISTIMEWA, {SB: 10}, [(MAKSIMUM, (SB,), 7, 10)]),
    (Org.ISTIMEWA, {SB: 4, B: 4, BP: 2}, []),
    (Org.ISTIMEWA, {SB: 3, B: 4, BP: 3}, [(TERBESAR, (SB, B), 4, 3)]),
    (Org.ISTIMEWA, {SB: 2, B: 4, K: 4}, [(TERBESAR, (SB, B, K), 4, 2)]),
    # BAIK: Baik the largest group and ≤ 70%; at least one Butuh Perbaikan or Kurang.
    (Org.BAIK, {B: 7, BP: 3}, []),
    (Org.BAIK, {B: 7, SB: 2, K: 1}, []),
    (Org.BAIK, {B: 8, BP: 2}, [(MAKSIMUM, (B,), 7, 8)]),
    (Org.BAIK, {B: 7, SB: 3}, [(ADA_SATU, (BP, K), 1, 0)]),
    (Org.BAIK, {B: 3, SB: 4, K: 3}, [(TERBESAR, (B, SB), 4, 3)]),
    (Org.BAIK, {B: 10}, [(MAKSIMUM, (B,), 7, 10), (ADA_SATU, (BP, K), 1, 0)]),
    (Org.BAIK, {B: 1, SB: 5, SK: 4}, [(TERBESAR, (B, SB, SK), 5, 1), (ADA_SATU, (BP, K), 1, 0)]),
    # BUTUH_PERBAIKAN: Butuh Perbaikan ≥ 60%; Sangat Baik ≤ 10%.
    (Org.BUTUH_PERBAIKAN, {BP: 6, SB: 1, B: 3}, []),
    (Org.BUTUH_PERBAIKAN, {BP: 10}, []),
    (Org.BUTUH_PERBAIKAN, {BP: 5, B: 5}, [(MINIMUM, (BP,), 6, 5)]),
    (Org.BUTUH_PERBAIKAN, {BP: 6, SB: 2, B: 2}, [(MAKSIMUM, (SB,), 1, 2)]),
    (Org.BUTUH_PERBAIKAN, {BP: 4, SB: 6}, [(MINIMUM, (BP,), 6, 4), (MAKSIMUM, (SB,), 1, 6)]),
    # KURANG: Kurang ≥ 60%; Butuh Perbaikan ≥ 10%; Sangat Baik ≤ 10%.
    (Org.KURANG, {K: 6, BP: 1, SB: 1, B: 2}, []),
    (Org.KURANG, {K: 5, BP: 1, B: 4}, [(MINIMUM, (K,), 6, 5)]),
    (Org.KURANG, {K: 6, B: 4}, [(MINIMUM, (BP,), 1, 0)]),
    (Org.KURANG, {K: 6, SK: 4}, [(MINIMUM, (BP,), 1, 0)]),
    (Org.KURANG, {K: 6, BP: 1, SB: 2, B: 1}, [(MAKSIMUM, (SB,), 1, 2)]),
    (Org.KURANG, {SB: 10}, [(MINIMUM, (K,), 6, 0), (MINIMUM, (BP,), 1, 0),
                            (MAKSIMUM, (SB,), 1, 10)]),
    # SANGAT_KURANG: Sangat Kurang ≥ 60%; Kurang and/or Butuh Perbaikan ≥ 10%; no Sangat Baik.
    (Org.SANGAT_KURANG, {SK: 6, K: 1, B: 3}, []),
    (Org.SANGAT_KURANG, {SK: 6, BP: 1, B: 3}, []),
    (Org.SANGAT_KURANG, {SK: 18, BP: 1, K: 1}, []),
    (Org.SANGAT_KURANG, {SK: 18, BP: 1, B: 1}, [(MINIMUM, (BP, K), 2, 1)]),
    (Org.SANGAT_KURANG, {SK: 5, K: 1, B: 4}, [(MINIMUM, (SK,), 6, 5)]),
    (Org.SANGAT_KURANG, {SK: 6, B: 4}, [(MINIMUM, (BP, K), 1, 0)]),
    (Org.SANGAT_KURANG, {SK: 6, K: 1, SB: 1, B: 2}, [(TIDAK_BOLEH_ADA, (SB,), 0, 1)]),
])  # fmt: skip
def test_every_rule_of_the_table(organisasi, jumlah, pelanggaran):
    assert ringkas(periksa_kurva(organisasi, jumlah)) == pelanggaran


@pytest.mark.parametrize(("nilai", "ceil", "floor", "round_"), [
    (Fraction(0), 0, 0, 0),
    (Fraction(7), 7, 7, 7),
    (Fraction(3, 10), 1, 0, 0),
    (Fraction(1, 2), 1, 0, 1),  # half up, where round-half-even would give 0
    (Fraction(5, 2), 3, 2, 3),  # and 2 here
    (Fraction(21, 10), 3, 2, 2),
    (Fraction(49, 10), 5, 4, 5),
])
def test_bulatkan(nilai, ceil, floor, round_):
    assert [bulatkan(nilai, p) for p in (CEIL, FLOOR, ROUND)] == [ceil, floor, round_]


# The persen% of n people as (CEIL, FLOOR, ROUND), worked by hand.
BATAS = {
    (70, 3): (3, 2, 2),  # 2.1
    (70, 5): (4, 3, 4),  # 3.5
    (70, 7): (5, 4, 5),  # 4.9
    (70, 11): (8, 7, 8),  # 7.7
    (60, 3): (2, 1, 2),  # 1.8
    (60, 5): (3, 3, 3),  # 3
    (60, 7): (5, 4, 4),  # 4.2
    (60, 11): (7, 6, 7),  # 6.6
    (10, 3): (1, 0, 0),  # 0.3
    (10, 5): (1, 0, 1),  # 0.5
    (10, 7): (1, 0, 1),  # 0.7
    (10, 11): (2, 1, 1),  # 1.1
}
# Every rule with a percentage, and a predikat for the rest of the unit that it ignores.
ATURAN_PERSEN = [
    (Org.ISTIMEWA, MAKSIMUM, (SB,), 70, B),
    (Org.BAIK, MAKSIMUM, (B,), 70, BP),
    (Org.BUTUH_PERBAIKAN, MAKSIMUM, (SB,), 10, B),
    (Org.KURANG, MAKSIMUM, (SB,), 10, B),
    (Org.BUTUH_PERBAIKAN, MINIMUM, (BP,), 60, B),
    (Org.KURANG, MINIMUM, (K,), 60, B),
    (Org.KURANG, MINIMUM, (BP,), 10, B),
    (Org.SANGAT_KURANG, MINIMUM, (SK,), 60, B),
    (Org.SANGAT_KURANG, MINIMUM, (BP, K), 10, B),
]


@pytest.mark.parametrize("pembulatan", Pembulatan)
@pytest.mark.parametrize("n", [3, 5, 7, 11])
@pytest.mark.parametrize(("organisasi", "kode", "kelompok", "persen", "lainnya"), ATURAN_PERSEN)
def test_rounding_moves_the_boundary_of_small_units(organisasi, kode, kelompok, persen, lainnya,
                                                   n, pembulatan):
    batas = BATAS[(persen, n)][list(Pembulatan).index(pembulatan)]

    def pelanggaran(dalam_kelompok: int, lain: Pembulatan) -> list[tuple]:
        maksimum, minimum = (pembulatan, lain) if kode is MAKSIMUM else (lain, pembulatan)
        jumlah = {kelompok[0]: dalam_kelompok, lainnya: n - dalam_kelompok}
        hasil = periksa_kurva(organisasi, jumlah, maksimum, minimum)
        return [v for v in ringkas(hasil) if v[:2] == (kode, kelompok)]

    for lain in Pembulatan:  # the rounding of the other kind of rule never matters
        assert pelanggaran(batas, lain) == []
        if kode is MAKSIMUM and batas < n:
            assert pelanggaran(batas + 1, lain) == [(kode, kelompok, batas, batas + 1)]
        if kode is MINIMUM and batas > 0:
            assert pelanggaran(batas - 1, lain) == [(kode, kelompok, batas, batas - 1)]


@pytest.mark.parametrize("organisasi", Org)
@pytest.mark.parametrize("jumlah", [{}, dict.fromkeys(Predikat, 0), {B: 0}])
def test_a_unit_with_nobody_rated_is_one_violation(organisasi, jumlah):
    (pelanggaran,) = periksa_kurva(organisasi, jumlah)
    assert (pelanggaran.kode, pelanggaran.predikat, pelanggaran.batas, pelanggaran.jumlah) == (
        KOSONG, (), 1, 0)
    assert "Belum ada pegawai yang dinilai" in pelanggaran.pesan


@pytest.mark.parametrize("jumlah", [{B: -1}, {B: 5, K: -3}])
def test_negative_counts_are_refused(jumlah):
    with pytest.raises(ValueError, match="negative"):
        periksa_kurva(Org.BAIK, jumlah)


def test_unknown_predikat_and_non_integer_counts_are_refused():
    with pytest.raises(ValueError):
        periksa_kurva(Org.BAIK, {"ISTIMEWA": 3})
    with pytest.raises(TypeError):
        periksa_kurva(Org.BAIK, {B: 2.0})
    with pytest.raises(TypeError):
        periksa_kurva(Org.BAIK, {B: True})


def test_values_given_as_strings_mean_the_same():
    assert periksa_kurva("BAIK", {"BAIK": 8, "KURANG": 2}, "CEIL", "FLOOR") == periksa_kurva(
        Org.BAIK, {B: 8, K: 2})


@pytest.mark.parametrize(("organisasi", "jumlah", "pembulatan", "pesan"), [
    (Org.BAIK, {B: 8, BP: 2}, CEIL,
     "Baik 8 dari 10 pegawai (80%); paling banyak 7 pegawai (70%) untuk unit berpredikat Baik."),
    (Org.ISTIMEWA, {SB: 3}, FLOOR,
     "Sangat Baik 3 dari 3 pegawai (100%); paling banyak 2 pegawai (70% dari 3 = 2,1, "
     "dibulatkan ke bawah) untuk unit berpredikat Istimewa."),
    (Org.ISTIMEWA, {SB: 1, B: 2}, CEIL,
     "Sangat Baik 1 dari 3 pegawai (33,3%), lebih sedikit dari Baik (2); unit berpredikat "
     "Istimewa harus punya Sangat Baik sebagai kelompok terbesar, jadi paling sedikit 2 pegawai "
     "Sangat Baik."),
    (Org.BAIK, {B: 7, SB: 3}, CEIL,
     "Tidak ada pegawai Butuh Perbaikan atau Kurang (0 dari 10 pegawai); unit berpredikat Baik "
     "harus punya paling sedikit 1 pegawai Butuh Perbaikan atau Kurang."),
    (Org.SANGAT_KURANG, {SK: 6, B: 4}, CEIL,
     "Butuh Perbaikan dan Kurang bersama 0 dari 10 pegawai (0%); paling sedikit 1 pegawai (10%) "
     "untuk unit berpredikat Sangat Kurang."),
    (Org.SANGAT_KURANG, {SK: 6, SB: 1, K: 1, B: 1}, CEIL,
     "Sangat Baik 1 dari 9 pegawai (11,1%); unit berpredikat Sangat Kurang tidak boleh punya "
     "pegawai Sangat Baik (paling banyak 0)."),
    (Org.KURANG, {BP: 3}, CEIL,
     "Kurang 0 dari 3 pegawai (0%); paling sedikit 1 pegawai (60% dari 3 = 1,8, dibulatkan "
     "ke bawah) untuk unit berpredikat Kurang."),
])  # fmt: skip
def test_messages_say_what_is_wrong_and_what_is_allowed(organisasi, jumlah, pembulatan, pesan):
    hasil = periksa_kurva(organisasi, jumlah, pembulatan_maksimum=pembulatan)
    assert [v.pesan for v in hasil] == [pesan]


# Properties.

counts = st.dictionaries(st.sampled_from(Predikat), st.integers(0, 25))
orgs = st.sampled_from(Org)
roundings = st.sampled_from(Pembulatan)


@given(orgs, counts, st.permutations(list(Predikat)), roundings, roundings)
def test_order_of_the_mapping_and_missing_keys_do_not_matter(organisasi, jumlah, urutan,
                                                              maksimum, minimum):
    hasil = periksa_kurva(organisasi, jumlah, maksimum, minimum)
    reordered = {p: jumlah[p] for p in urutan if p in jumlah}
    complete = {p: jumlah.get(p, 0) for p in urutan}
    without_zeros = {p: c for p, c in jumlah.items() if c}
    for other in (reordered, complete, without_zeros):
        assert periksa_kurva(organisasi, other, maksimum, minimum) == hasil


# The rules that cap a group, per organisation predikat.
ATURAN_MAKSIMUM = {
    Org.ISTIMEWA: [(MAKSIMUM, (SB,))],
    Org.BAIK: [(MAKSIMUM, (B,))],
    Org.BUTUH_PERBAIKAN: [(MAKSIMUM, (SB,))],
    Org.KURANG: [(MAKSIMUM, (SB,))],
    Org.SANGAT_KURANG: [(TIDAK_BOLEH_ADA, (SB,))],
}


def aturan_dilanggar(hasil: list[Pelanggaran]) -> set[tuple]:
    return {(v.kode, v.predikat) for v in hasil}


@given(orgs, counts, roundings, roundings)
def test_one_more_person_in_a_capped_group_never_lifts_its_violation(organisasi, jumlah,
                                                                     maksimum, minimum):
    sebelum = aturan_dilanggar(periksa_kurva(organisasi, jumlah, maksimum, minimum))
    for aturan in ATURAN_MAKSIMUM[organisasi]:
        (predikat,) = aturan[1]
        lebih = {**jumlah, predikat: jumlah.get(predikat, 0) + 1}
        sesudah = aturan_dilanggar(periksa_kurva(organisasi, lebih, maksimum, minimum))
        assert aturan not in sebelum or aturan in sesudah


@given(orgs, counts, roundings, roundings)
def test_one_more_person_in_a_minimum_group_never_causes_its_violation(organisasi, jumlah,
                                                                       maksimum, minimum):
    for aturan in ATURAN_KURVA[organisasi]:
        if aturan.kode is not MINIMUM or sum(jumlah.values()) == 0:
            continue
        kunci = (aturan.kode, aturan.predikat)
        predikat = aturan.predikat[0]
        lebih = {**jumlah, predikat: jumlah.get(predikat, 0) + 1}
        sebelum = aturan_dilanggar(periksa_kurva(organisasi, jumlah, maksimum, minimum))
        sesudah = aturan_dilanggar(periksa_kurva(organisasi, lebih, maksimum, minimum))
        assert kunci in sebelum or kunci not in sesudah


TARGET = {
    Org.ISTIMEWA: SB,
    Org.BAIK: B,
    Org.BUTUH_PERBAIKAN: BP,
    Org.KURANG: K,
    Org.SANGAT_KURANG: SK,
}


def bulat_bilangan_bulat(persen: int, n: int, pembulatan: Pembulatan) -> int:
    """persen% of n rounded with integer arithmetic only (a reference independent of kurva)."""
    if pembulatan is CEIL:
        return -(-persen * n // 100)
    if pembulatan is FLOOR:
        return persen * n // 100
    return (2 * persen * n + 100) // 200


@given(orgs, st.integers(1, 60), roundings, roundings)
def test_a_unit_all_of_its_own_predikat_breaks_exactly_the_rules_needing_another_group(
        organisasi, n, maksimum, minimum):
    """Everybody holds the unit's target predikat T (ISTIMEWA → Sangat Baik, otherwise the
    namesake). A rule is then broken iff it needs people outside T:
    - TERBESAR on T and MINIMUM on a group holding T: never (n ≥ any share of n);
    - MAKSIMUM on T: iff the rounded cap is below n (a cap on another group holds: 0 people);
    - MINIMUM on a group without T: iff its rounded minimum is above 0;
    - ADA_SATU on a group without T: always; TIDAK_BOLEH_ADA on a group without T: never."""
    target = TARGET[organisasi]
    expected = set()
    for aturan in ATURAN_KURVA[organisasi]:
        memuat_target = target in aturan.predikat
        if aturan.kode is MAKSIMUM:
            rusak = memuat_target and bulat_bilangan_bulat(aturan.persen, n, maksimum) < n
        elif aturan.kode is MINIMUM:
            rusak = not memuat_target and bulat_bilangan_bulat(aturan.persen, n, minimum) > 0
        elif aturan.kode is ADA_SATU:
            rusak = not memuat_target
        elif aturan.kode is TIDAK_BOLEH_ADA:
            rusak = memuat_target
        else:
            rusak = False
        if rusak:
            expected.add((aturan.kode, aturan.predikat))
    hasil = periksa_kurva(organisasi, {target: n}, maksimum, minimum)
    assert aturan_dilanggar(hasil) == expected
    assert len(hasil) == len(expected)


def test_a_unit_all_of_its_own_predikat_examples():
    # The property above, spelled out for units of 10 and 3 with the default rounding.
    assert ringkas(periksa_kurva(Org.ISTIMEWA, {SB: 10})) == [(MAKSIMUM, (SB,), 7, 10)]
    assert ringkas(periksa_kurva(Org.ISTIMEWA, {SB: 3})) == []
    assert ringkas(periksa_kurva(Org.BUTUH_PERBAIKAN, {BP: 10})) == []
    assert ringkas(periksa_kurva(Org.KURANG, {K: 10})) == [(MINIMUM, (BP,), 1, 0)]
    assert ringkas(periksa_kurva(Org.KURANG, {K: 9})) == []
    assert ringkas(periksa_kurva(Org.SANGAT_KURANG, {SK: 10})) == [(MINIMUM, (BP, K), 1, 0)]


@given(orgs, counts, roundings, roundings)
def test_messages_contain_the_actual_and_allowed_numbers(organisasi, jumlah, maksimum, minimum):
    for pelanggaran in periksa_kurva(organisasi, jumlah, maksimum, minimum):
        angka = re.findall(r"\d+(?:,\d+)?", pelanggaran.pesan)
        assert str(pelanggaran.jumlah) in angka
        assert str(pelanggaran.batas) in angka
        assert str(sum(jumlah.values())) in angka
