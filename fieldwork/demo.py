"""Field visits' demo: an officer and a supervisor, today's plan with its stops, visits of the past months across
the mahalles (one request already a case in the register), and the municipality's stand at a fair.
Idempotent: the plans and visits are made once."""

import datetime
import random

from django.utils import timezone

from complaints.models import Topic
from employment.models import Firm
from fieldwork import access, visits
from fieldwork.models import PlannedStop, Representation, Satisfaction, VisitKind, VisitPlan
from places.models import Neighbourhood

OFFICER = ("saha@kentkonseyi.test", "Kemal", "Sahacı")
SUPERVISOR = ("saha.sorumlu@kentkonseyi.test", "Nuray", "Tekin")
TODAY_STOPS = [
    (VisitKind.SHOPKEEPER, "Yıldız Fırını", "Alemdağ Caddesi", "112"),
    (VisitKind.SHOPKEEPER, "Çınar Eczanesi", "Alemdağ Caddesi", "87"),
    (VisitKind.EMPLOYER, "", "Alemdağ Caddesi", "140"),
    (VisitKind.SHOPKEEPER, "Kardeşler Kasap", "Sokullu Caddesi", "12"),
]
SHOPS = ["Güven Market", "Akın Kırtasiye", "Deniz Berber", "Ümit Manav", "Özlem Terzi", "Şen Kuruyemiş", "Işık Optik"]
PEOPLE = [("Ahmet Yılmaz", "Dükkân sahibi"), ("Serpil Koç", "Çalışan"), ("Hasan Öz", "Dükkân sahibi")]
REQUESTS = [
    "Dükkânın önündeki kaldırım taşları kırık, yayalar düşüyor.",
    "Sokak lambası bir haftadır yanmıyor.",
    "Çöp konteyneri her gün taşıyor, toplama saatleri artırılsın.",
]


def load(make_user):
    officers, supervisors = access.ensure_groups()
    officer = make_user(*OFFICER)
    officer.groups.add(officers)
    supervisor = make_user(*SUPERVISOR)
    supervisor.groups.add(supervisors)
    if VisitPlan.objects.exists():
        return
    today = timezone.localdate()
    atakent = Neighbourhood.objects.get(name="Atakent")
    plan = VisitPlan.objects.create(
        date=today, neighbourhood=atakent, streets="Alemdağ Caddesi\nSokullu Caddesi", note="Esnaf ziyaretleri"
    )
    plan.staff.add(officer, supervisor)
    firm = Firm.objects.verified().first()
    for position, (kind, name, street, building) in enumerate(TODAY_STOPS):
        PlannedStop.objects.create(
            plan=plan,
            position=position,
            kind=kind,
            name=name or (firm.name if firm else "Potansiyel işveren"),
            firm=firm if kind == VisitKind.EMPLOYER else None,
            street=street,
            building_no=building,
        )
    rng = random.Random(18)
    neighbourhoods = list(Neighbourhood.objects.in_turkish_order())
    topics = list(Topic.objects.all()[:6])
    now = timezone.now()
    for number in range(36):
        days_ago = rng.randint(1, 150)
        person, role = rng.choice(PEOPLE)
        consent = rng.random() < 0.5
        visit = visits.record_visit(
            recorded_by=rng.choice([officer, supervisor]),
            topics=rng.sample(topics, k=min(len(topics), rng.randint(0, 2))),
            kind=VisitKind.SHOPKEEPER,
            visited_at=now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 6)),
            neighbourhood=rng.choice(neighbourhoods),
            street=rng.choice(["Alemdağ Caddesi", "Sokullu Caddesi", "Kazım Karabekir Caddesi", "Necip Fazıl Bulvarı"]),
            business_name=rng.choice(SHOPS),
            person_name=person,
            person_role=role,
            satisfaction=rng.choice([value for value, _label in Satisfaction.choices]),
            contact_consent=consent,
            contact_phone=f"0532 600 00 {number:02d}" if consent else "",
            request_text=REQUESTS[number % len(REQUESTS)] if number % 6 == 0 else "",
            request_topic=topics[0] if topics else None,
        )
        if number == 0:
            visits.open_case(visit.requests.get(), supervisor)
    Representation.objects.create(
        title="Ümraniye Kitap Fuarı",
        place="Ümraniye Belediyesi Kültür Merkezi",
        neighbourhood=Neighbourhood.objects.get(name="İstiklal"),
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today - datetime.timedelta(days=16),
        visitors_informed=640,
        recorded_by=supervisor,
    ).staff.add(officer, supervisor)
