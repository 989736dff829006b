"""The mahalleler offered by the admin's filters come from the cache, and a mahalle edited shows at once."""

import pytest

from places.choices import neighbourhood_choices
from places.models import Neighbourhood


def names():
    return [name for _pk, name in neighbourhood_choices()]


@pytest.mark.django_db
def test_choices_are_kept_and_forgotten_when_a_mahalle_changes(django_assert_num_queries):
    assert len(names()) == Neighbourhood.objects.count() == 37  # Ümraniye's, from the data migration
    with django_assert_num_queries(0):
        kept = names()
    assert kept.index("Atakent") < kept.index("Çakmak") < kept.index("Dumlupınar")  # Turkish order: Ç after C
    Neighbourhood.objects.create(name="Deneme Mahallesi", slug="deneme")
    assert "Deneme Mahallesi" in names()
    Neighbourhood.objects.get(slug="deneme").delete()
    assert "Deneme Mahallesi" not in names()
