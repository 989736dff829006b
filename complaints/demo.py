"""Believable cases for the demo site and the benchmarks, spread as the 2020 annual report's tables say.

Channels follow `basvuru-kanallari-2020.csv` (91,599 cases), the ten main topics
`konular-ilk10-2020.csv` (the rest go to the other topics), neighbourhoods
`mahalleler-2020.csv` (88,200 cases have one; the others none).
"""

import csv
import datetime
import random
from pathlib import Path

from django.utils import timezone

from complaints import tracking
from complaints.models import Case, CaseEvent, Channel, Directorate, Topic, due_date
from places.models import Neighbourhood

DATA = Path(__file__).parent / "data"
CHANNEL_NAMES = {
    "Telefon": Channel.PHONE,
    "İnternet": Channel.INTERNET,
    "Şahsen": Channel.IN_PERSON,
    "Bilgi Edinme (4982)": Channel.INFORMATION,
    "CİMER (3071)": Channel.CIMER,
    "Açık Kapı": Channel.ACIK_KAPI,
    "İBB Beyaz Masa": Channel.BEYAZ_MASA,
}
DESCRIPTIONS = {
    "Hayvanların Muayene ve Tedavileri": "Sokaktaki yaralı köpeğin tedavi edilmesini rica ediyorum.",
    "Moloz Alımı": "Tadilattan kalan moloz torbaları kaldırımın üzerinde bekliyor, alınmasını talep ediyorum.",
    "Denetimler": "Mahalledeki fırının çalışma saatleri dışında gürültü yaptığını bildiriyorum.",
    "Sokak Hayvanı Şikâyeti": "Parktaki köpekler çocuklara saldırıyor, gerekli önlemin alınmasını istiyorum.",
    "Asfalt Onarımı": "Sokağımızdaki çukur yağmurda su birikintisine dönüyor, asfaltın onarılmasını istiyorum.",
    "Genel İlaçlama Talebi": "Bodrum katlarda sivrisinek çok arttı, ilaçlama yapılmasını rica ediyoruz.",
    "Çöp Toplama": "Konteyner iki gündür boşaltılmadı, çevrede koku oluştu.",
    "Yıkama Süpürme ve Temizleme Hizmetleri": "Pazar yerinin pazar sonrası yıkanmasını talep ediyoruz.",
    "Budama ve Kesim": "Ağaç dalları elektrik tellerine değiyor, budanmasını rica ediyorum.",
    "Komşu Şikâyetleri": "Komşumuz ortak alana eşya bırakıyor, geçiş zorlaşıyor.",
}
OTHER_DESCRIPTION = "Konuyla ilgili bilgi ve yardım rica ediyorum."


def _read(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def channel_counts():
    return {CHANNEL_NAMES[row["kanal"]]: int(row["kayit_2020"]) for row in _read("basvuru-kanallari-2020.csv")}


def topic_counts(total):
    """The report's top ten by their counts; what is left of `total` shared evenly by the other topics."""
    top = {row["konu"]: int(row["adet_2020"]) for row in _read("konular-ilk10-2020.csv")}
    topics = {topic.name: topic for topic in Topic.objects.all()}
    counts = {topics[name]: count for name, count in top.items() if name in topics}
    others = [topic for name, topic in topics.items() if name not in top]
    rest = max(total - sum(counts.values()), 0)
    for index, topic in enumerate(others):
        counts[topic] = rest // len(others) + (1 if index < rest % len(others) else 0)
    return counts


def neighbourhood_counts():
    with open(
        Path(__file__).resolve().parent.parent / "places" / "data" / "mahalleler-2020.csv", encoding="utf-8"
    ) as f:
        figures = {row["mahalle"]: int(row["sikayet_talep_2020"]) for row in csv.DictReader(f)}
    return {place: figures.get(place.name, 0) for place in Neighbourhood.objects.all()}


def _bag(counts, total, rng):
    """`total` items drawn in the proportions of `counts` (exactly the counts when they add up to `total`)."""
    whole = sum(counts.values()) or 1
    items = []
    for item, count in counts.items():
        items.extend([item] * round(count * total / whole))
    while len(items) < total:
        items.append(None)
    rng.shuffle(items)
    return items[:total]


def build_cases(total, rng=None, days=365, now=None):
    """`total` unsaved cases received over the last `days` days, with statuses as a working register has them."""
    rng = rng or random.Random(2020)
    now = now or timezone.now()
    channels = _bag(channel_counts(), total, rng)
    topics = _bag(topic_counts(91_599), total, rng)
    places = _bag(neighbourhood_counts(), total, rng)
    numbers = set()
    while len(numbers) < total:
        numbers.add(tracking.new_number())
    numbers = list(numbers)
    cases = []
    for index in range(total):
        channel = channels[index] or Channel.PHONE
        topic = topics[index]
        received = now - datetime.timedelta(minutes=rng.randint(0, days * 24 * 60))
        age = (now - received).days
        directorate = topic.default_directorate if topic else None
        if age > 20:
            status = rng.choice([Case.Status.CLOSED] * 6 + [Case.Status.ANSWERED] * 2 + [Case.Status.IN_PROGRESS])
        elif age > 2:
            status = rng.choice([Case.Status.ROUTED, Case.Status.IN_PROGRESS, Case.Status.ANSWERED])
        else:
            status = Case.Status.RECEIVED
        if status != Case.Status.RECEIVED and directorate is None:
            directorate = rng.choice(list(Directorate.objects.all()[:5])) if index % 7 == 0 else None
            status = status if directorate else Case.Status.RECEIVED
        answered = status in (Case.Status.ANSWERED, Case.Status.CLOSED)
        cases.append(
            Case(
                tracking_number=numbers[index],
                kind=rng.choice([Case.Kind.REQUEST] * 5 + [Case.Kind.COMPLAINT] * 4 + [Case.Kind.SUGGESTION]),
                channel=channel,
                topic=topic,
                neighbourhood=places[index],
                description=DESCRIPTIONS.get(topic.name if topic else "", OTHER_DESCRIPTION),
                name=f"Vatandaş {index + 1}",
                phone=f"+90532{rng.randint(1000000, 9999999)}",
                reply_by=Case.ReplyBy.SMS,
                directorate=directorate,
                status=status,
                received_at=received,
                due_on=due_date(channel, timezone.localdate(received)),
                answered_at=received + datetime.timedelta(days=rng.randint(1, 15)) if answered else None,
                public_answer="Talebiniz ekiplerimizce yerinde incelenerek gereği yapılmıştır." if answered else "",
            )
        )
    return cases


def create_cases(total, rng=None, batch_size=5000, **options):
    """Save `total` generated cases, each with its registration in the history."""
    cases = Case.objects.bulk_create(build_cases(total, rng, **options), batch_size=batch_size)
    CaseEvent.objects.bulk_create(
        [CaseEvent(case=case, at=case.received_at, action=CaseEvent.Action.REGISTERED, public=True) for case in cases],
        batch_size=batch_size,
    )
    return cases
