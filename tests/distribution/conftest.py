import pytest

from distribution.groups import ensure_courier_group, ensure_group
from distribution.models import Distribution, Publication, Recipient, RecipientList
from places.models import Neighbourhood
from tests.factories import UserFactory


@pytest.fixture
def team(db):
    return ensure_group()


@pytest.fixture
def coordinator(team):
    person = UserFactory(first_name="Hülya", last_name="Aydın")
    person.groups.add(team)
    return person


@pytest.fixture
def courier(team):
    """A courier: in the couriers' group, not in the post team's."""
    person = UserFactory(first_name="Murat", last_name="Çelik")
    person.groups.add(ensure_courier_group())
    return person


@pytest.fixture
def bulletin_list(db):
    return RecipientList.objects.create(name="Kültür bülteni aboneleri")


def recipient(place, name, street="Alemdağ Caddesi", number="1", point=None, kind=Recipient.Kind.ASSOCIATION, lists=()):
    found = Recipient.objects.create(
        kind=kind,
        name=name,
        neighbourhood=Neighbourhood.objects.get(name=place),
        street=street,
        building_no=number,
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
    )
    found.lists.set(lists)
    return found


@pytest.fixture
def book(bulletin_list):
    """Recipients in three mahalleler, most on the bulletin list, some with positions."""
    made = [
        recipient(
            "Çakmak",
            "Çakmak Mahallesi Muhtarlığı",
            kind=Recipient.Kind.MUHTARLIK,
            point=(41.0101, 29.1301),
            lists=[bulletin_list],
        ),
        recipient(
            "Çakmak", "Çakmak İlkokulu", kind=Recipient.Kind.SCHOOL, point=(41.0121, 29.1321), lists=[bulletin_list]
        ),
        recipient(
            "Çakmak", "Yıldız Eczanesi", kind=Recipient.Kind.SHOP, point=(41.0111, 29.1311), lists=[bulletin_list]
        ),
        recipient("İnkılap", "İnkılap Kültür Derneği", street="Gül Sokak", number="10", lists=[bulletin_list]),
        recipient(
            "İnkılap",
            "İnkılap Aile Sağlığı Merkezi",
            street="Gül Sokak",
            number="2A",
            kind=Recipient.Kind.HEALTH_CENTRE,
            lists=[bulletin_list],
        ),
        recipient(
            "İnkılap", "Gül Kırtasiye", street="Gül Sokak", number="2", kind=Recipient.Kind.SHOP, lists=[bulletin_list]
        ),
        recipient("Ihlamurkuyu", "Ihlamurkuyu Camii", kind=Recipient.Kind.PLACE_OF_WORSHIP, lists=[bulletin_list]),
        recipient("Ihlamurkuyu", "Not on the list", kind=Recipient.Kind.COMPANY),
    ]
    Recipient.objects.filter(name="Ihlamurkuyu Camii").update(active=True)
    return made


@pytest.fixture
def distribution(book, bulletin_list):
    publication = Publication.objects.create(
        kind=Publication.Kind.CULTURE_BULLETIN, title="Kültür Bülteni", issue="Aralık 2026"
    )
    found = Distribution.objects.create(
        publication=publication, default_quantity=2, quantities={Recipient.Kind.SCHOOL: 10}, max_stops=2
    )
    found.lists.set([bulletin_list])
    return found
