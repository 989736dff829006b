import csv
from pathlib import Path

import pytest

from places import turkish
from places.models import Neighbourhood

SEED = Path(__file__).resolve().parents[2] / "places" / "data" / "mahalleler-2020.csv"

# The report's own listing (Mahalle Bazlı Şikâyet-Talep Sayısı) is in Turkish order.
REPORT_ORDER = [
    "Adem Yavuz", "Altınşehir", "Armağanevler", "Aşağı Dudullu", "Atakent", "Atatürk", "Cemil Meriç",
    "Çakmak", "Çamlık", "Dumlupınar", "Elmalıkent", "Esenevler", "Esenkent", "Esenşehir",
    "Fatih Sultan Mehmet", "Finanskent", "Hekimbaşı", "Huzur", "Ihlamurkuyu", "İnkılap", "İstiklal",
    "Kazım Karabekir", "Madenler", "Mehmet Akif", "Namık Kemal", "Necip Fazıl", "Parseller", "Saray",
    "Site", "Şerifali", "Tantavi", "Tatlısu", "Tepeüstü", "Topağacı", "Yamanevler", "Yenişehir",
    "Yukarı Dudullu",
]  # fmt: skip


@pytest.mark.django_db
def test_the_data_migration_loads_all_37_neighbourhoods_of_the_report():
    with SEED.open(encoding="utf-8") as rows:
        names = {row["mahalle"] for row in csv.DictReader(rows)}
    assert len(names) == 37
    assert set(Neighbourhood.objects.values_list("name", flat=True)) == names


@pytest.mark.django_db
def test_the_database_lists_neighbourhoods_in_turkish_alphabetical_order():
    assert list(Neighbourhood.objects.values_list("name", flat=True)) == REPORT_ORDER


@pytest.mark.django_db
def test_dotted_and_dotless_i_cedilla_and_s_cedilla_sort_as_separate_letters():
    for name in ["Işıklar", "İçerenköy", "Çarşı", "Cami", "Şahin", "Sahil", "Irmak", "İlkbahar"]:
        Neighbourhood.objects.create(name=name)
    names = list(
        Neighbourhood.objects.filter(
            name__in=["Işıklar", "İçerenköy", "Çarşı", "Cami", "Şahin", "Sahil", "Irmak", "İlkbahar", "Huzur"]
        ).values_list("name", flat=True)
    )
    assert names == ["Cami", "Çarşı", "Huzur", "Irmak", "Işıklar", "İçerenköy", "İlkbahar", "Sahil", "Şahin"]


def test_sort_key_orders_prefixes_first_and_numbers_before_letters():
    words = ["Site Blok 10", "Site", "Site Blok 2", "Sitem"]
    assert turkish.sorted_turkish(words) == ["Site", "Site Blok 10", "Site Blok 2", "Sitem"]
    assert turkish.sorted_turkish(["b", "2", "a"]) == ["2", "a", "b"]


def test_turkish_case_mapping_keeps_the_dot_on_i():
    assert turkish.upper("istiklal ılgaz") == "İSTİKLAL ILGAZ"
    assert turkish.lower("İSTİKLAL ILGAZ") == "istiklal ılgaz"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Kıdemli Hemşehriciler Meclisi", "kidemli-hemsehriciler-meclisi"),
        ("Çocuk Meclisi", "cocuk-meclisi"),
        ("Gençlik Meclisi'nin Şenliği", "genclik-meclisinin-senligi"),
        ("İnkılap — Ihlamurkuyu", "inkilap-ihlamurkuyu"),
        ("Ağaç Dikimi 2026!", "agac-dikimi-2026"),
    ],
)
def test_slugs_are_ascii_with_turkish_letters_transliterated(text, slug):
    assert turkish.slugify(text) == slug
