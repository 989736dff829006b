"""Demo recipients in every mahalle, the team's logins and a culture-bulletin distribution ready to plan.

The positions are demo positions: points scattered around a made-up centre per
mahalle inside Ümraniye's bounds, not surveyed addresses. A few recipients have
none, as imported lists often do, and are ordered by street and number.
"""

import datetime
import random

from distribution.groups import ensure_courier_group, ensure_group
from distribution.models import Distribution, Publication, Recipient, RecipientList
from places.models import Neighbourhood

COORDINATOR = ("cozumpostasi@kentkonseyi.test", "Hülya", "Aydın")
COURIERS = [("kurye1@kentkonseyi.test", "Murat", "Çelik"), ("kurye2@kentkonseyi.test", "İbrahim", "Öztürk")]
LISTS = {
    "bulletin": ("Kültür bülteni aboneleri", "Kurum ve kişiler, her ay bir bülten."),
    "muhtars": ("Muhtarlar", "Her mahallenin muhtarlığı."),
    "schools": ("Okullar", "İlk ve ortaokullar, liseler."),
}
STREETS = [
    "Alemdağ Caddesi",
    "Atatürk Caddesi",
    "Cumhuriyet Caddesi",
    "Çamlık Sokak",
    "Dere Sokak",
    "Gül Sokak",
    "Irmak Sokak",
    "İstiklal Caddesi",
    "Lale Sokak",
    "Okul Sokak",
    "Şehit Yusuf Sokak",
    "Üsküdar Caddesi",
]
# Ümraniye lies roughly between these latitudes and longitudes.
SOUTH, NORTH, WEST, EAST = 40.995, 41.055, 29.085, 29.175


def _places():
    """Each mahalle with a made-up centre on a grid over the district, in Turkish order."""
    places = list(Neighbourhood.objects.in_turkish_order())
    columns = 7
    rows = (len(places) + columns - 1) // columns
    for index, place in enumerate(places):
        row, column = divmod(index, columns)
        place.centre = (
            SOUTH + (NORTH - SOUTH) * (row + 0.5) / rows,
            WEST + (EAST - WEST) * (column + 0.5) / columns,
        )
    return places


def _recipients(place, rng):
    name = place.name
    found = [
        (Recipient.Kind.MUHTARLIK, f"{name} Mahallesi Muhtarlığı", f"{name} Muhtarı", ["muhtars", "bulletin"]),
        (Recipient.Kind.SCHOOL, f"{name} İlkokulu", "Okul Müdürü", ["schools", "bulletin"]),
        (Recipient.Kind.SCHOOL, f"{name} Anadolu Lisesi", "Okul Müdürü", ["schools"]),
        (Recipient.Kind.PLACE_OF_WORSHIP, f"{name} Merkez Camii", "Cami Derneği", []),
        (Recipient.Kind.HEALTH_CENTRE, f"{name} Aile Sağlığı Merkezi", "", ["bulletin"]),
        (Recipient.Kind.ASSOCIATION, f"{name} Kültür ve Dayanışma Derneği", "Dernek Başkanı", ["bulletin"]),
        (Recipient.Kind.SHOP, f"{name} Kırtasiyesi", "", []),
        (Recipient.Kind.SHOP, f"Yıldız Eczanesi ({name})", "Eczacı", ["bulletin"]),
    ]
    for kind, title, contact, lists in found:
        positioned = rng.random() > 0.15
        latitude, longitude = place.centre
        yield (
            Recipient(
                kind=kind,
                name=title,
                contact_person=contact,
                phone=f"0216 {rng.randint(300, 699)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                neighbourhood=place,
                street=rng.choice(STREETS),
                building_no=str(rng.randint(1, 120)) + rng.choice(["", "", "", "A", "B"]),
                postcode="34" + str(rng.randint(760, 775)),
                latitude=round(latitude + rng.uniform(-0.004, 0.004), 6) if positioned else None,
                longitude=round(longitude + rng.uniform(-0.005, 0.005), 6) if positioned else None,
            ),
            lists,
        )


def load(make_user):
    """Idempotent: the team's logins, the recipient book, a publication and its distribution."""
    group = ensure_group()
    make_user(*COORDINATOR).groups.add(group)
    couriers = ensure_courier_group()
    for courier in COURIERS:
        make_user(*courier).groups.add(couriers)
    lists = {
        key: RecipientList.objects.get_or_create(name=name, defaults={"description": text})[0]
        for key, (name, text) in LISTS.items()
    }
    if not Recipient.objects.exists():
        rng = random.Random(2020)
        for place in _places():
            for recipient, keys in _recipients(place, rng):
                recipient.save()
                recipient.lists.set([lists[key] for key in keys])
    bulletin, _ = Publication.objects.get_or_create(
        kind=Publication.Kind.CULTURE_BULLETIN,
        title="Ümraniye Kültür Bülteni",
        issue="Aralık 2026",
        defaults={"date": datetime.date(2026, 12, 1)},
    )
    if not bulletin.distributions.exists():
        distribution = Distribution.objects.create(
            publication=bulletin,
            date=datetime.date(2026, 12, 3),
            default_quantity=2,
            quantities={Recipient.Kind.SCHOOL: 10, Recipient.Kind.MUHTARLIK: 5},
            max_stops=25,
        )
        distribution.lists.set([lists["bulletin"]])
