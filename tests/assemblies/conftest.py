import datetime

import pytest
from django.utils import timezone

from assemblies.coordinators import ensure_coordinator_group
from tests.conftest import publish
from tests.factories import AssemblyPageFactory, UserFactory


def years_ago(years, days=0):
    """The birth date of someone who turns `years` today, moved `days` later."""
    today = timezone.localdate()
    return today.replace(year=today.year - years) + datetime.timedelta(days=days)


@pytest.fixture
def assemblies(assembly_index):
    """The five assemblies with the demo's rules, each with its coordinator group."""
    rules = {
        "kadin": {"title": "Kadın Meclisi", "min_age": 18, "women_only": True},
        "genclik": {"title": "Gençlik Meclisi", "min_age": 15, "max_age": 30},
        "cocuk": {"title": "Çocuk Meclisi", "min_age": 9, "max_age": 17},
        "engelli": {"title": "Engelli Meclisi", "asks_disability": True},
        "kidemli": {"title": "Kıdemli Hemşehriciler Meclisi", "min_age": 60},
    }
    pages = {}
    for key, fields in rules.items():
        pages[key] = publish(AssemblyPageFactory(parent=assembly_index, slug=f"{key}-meclisi", **fields))
        ensure_coordinator_group(pages[key])
    return pages


@pytest.fixture
def coordinator(assemblies):
    """The coordinator of the Kadın Meclisi."""
    user = UserFactory(email="kadin.koordinator@example.org")
    user.groups.add(assemblies["kadin"].coordinator_group.group)
    return user


@pytest.fixture
def other_coordinator(assemblies):
    """The coordinator of the Gençlik Meclisi."""
    user = UserFactory(email="genclik.koordinator@example.org")
    user.groups.add(assemblies["genclik"].coordinator_group.group)
    return user


@pytest.fixture
def woman(db):
    from places.models import Neighbourhood

    return UserFactory(
        first_name="Ayşe",
        last_name="Yılmaz",
        birth_date=years_ago(45),
        gender="female",
        neighbourhood=Neighbourhood.objects.get(name="Çakmak"),
        phone="0532 123 45 67",
    )
