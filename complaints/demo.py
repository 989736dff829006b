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
    """The report's top ten by their counts; the other topics share what is left of `total`, each staying below
    the tenth (the report counts hundreds of smaller subjects), and the remainder has no topic recorded."""
    top = {row["konu"]: int(row["adet_2020"]) for row in _read("konular-ilk10-2020.csv")}
    topics = {topic.name: topic for topic in Topic.objects.all()}
    counts = {topics[name]: count for name, count in top.items() if name in topics}
    others = [topic for name, topic in topics.items() if name not in top]
    ceiling = min(top.values()) - 1
    rest = max(total - sum(counts.values()), 0)
    share = min(rest // max(len(others), 1), ceiling)
    for topic in others:
        counts[topic] = share
    return counts


def neighbourhood_counts():
    with open(
        Path(__file__).resolve().parent.parent / "places" / "data" / "mahalleler-2020.csv", encoding="utf-8"
    ) as f:
        figures = {row["mahalle"]: int(row["sikayet_talep_2020"]) for row in csv.DictReader(f)}
    return {place: figures.get(place.name, 0) for place in Neighbourhood.objects.all()}


def _bag(counts, total, rng, exact=False):
    """`total` items in the proportions of `counts`, shuffled; with `exact`, the counts themselves and None for the rest."""
    whole = sum(counts.values()) or 1
    items = []
    for item, count in counts.items():
        items.extend([item] * (count if exact else round(count * total / whole)))
    while len(items) < total:
        items.append(None)
    rng.shuffle(items)
    return items[:total]


def fresh_numbers(count):
    """`count` tracking numbers that no case has yet."""
    taken = set(Case.objects.values_list("tracking_number", flat=True))
    numbers = set()
    while len(numbers) < count:
        number = tracking.new_number()
        if number not in taken:
            numbers.add(number)
    return list(numbers)


def build_cases(total, rng=None, days=365, now=None):
    """`total` unsaved cases received over the last `days` days, with statuses as a working register has them."""
    rng = rng or random.Random(2020)
    now = now or timezone.now()
    channels = _bag(channel_counts(), total, rng)
    topics = _bag(topic_counts(91_599), total, rng)
    places = _bag(neighbourhood_counts(), total, rng)
    numbers = fresh_numbers(total)
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
        # Never in the future: a case received a week ago was answered within that week.
        answered_at = received + datetime.timedelta(days=rng.randint(1, min(15, age))) if answered else None
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
                answered_at=answered_at,
                answered_on=timezone.localdate(answered_at) if answered else None,
                completed_in=answered_at - received if answered else None,
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


def social_counts():
    """{platform: (cases, average days to complete)} from the report's social-media table."""
    from complaints.models import SocialPlatform

    platforms = {
        "Facebook": SocialPlatform.FACEBOOK,
        "Twitter": SocialPlatform.TWITTER,
        "Instagram": SocialPlatform.INSTAGRAM,
    }
    return {
        platforms[row["platform"]]: (int(row["birimlere_iletilen_evrak"]), float(row["ortalama_tamamlanma_gun"]))
        for row in _read("sosyal-medya-2020.csv")
    }


def build_year(year, rng=None):
    """The year's cases exactly as the annual report's tables count them: every channel, topic, neighbourhood and
    social-media figure, the average days to complete per account included. All are answered and closed."""
    rng = rng or random.Random(year)
    channels = channel_counts()
    total = sum(channels.values())
    channel_bag = _bag(channels, total, rng, exact=True)
    topic_bag = _bag(topic_counts(total), total, rng, exact=True)
    place_bag = _bag(neighbourhood_counts(), total, rng, exact=True)
    social = social_counts()
    social_bag = _bag({platform: count for platform, (count, _days) in social.items()}, total, rng, exact=True)
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    seconds = int((timezone.make_aware(datetime.datetime(year + 1, 1, 1)) - start).total_seconds())
    numbers = fresh_numbers(total)
    seen = dict.fromkeys(social, 0)
    directorates = list(Directorate.objects.all())
    built = []
    for index in range(total):
        channel, topic, platform = channel_bag[index], topic_bag[index], social_bag[index]
        received = start + datetime.timedelta(seconds=rng.randrange(seconds))
        if platform:
            # Spread evenly around the report's average (-1, -0.5, 0, +0.5, +1 days), so the mean is the report's.
            days = social[platform][1] + ((seen[platform] % 5) - 2) * 0.5
            seen[platform] += 1
        else:
            days = rng.uniform(0.5, 12)
        answered = received + datetime.timedelta(days=days)
        built.append(
            Case(
                tracking_number=numbers[index],
                kind=rng.choice([Case.Kind.REQUEST] * 5 + [Case.Kind.COMPLAINT] * 4 + [Case.Kind.SUGGESTION]),
                channel=channel,
                social_platform=platform or "",
                topic=topic,
                neighbourhood=place_bag[index],
                description=DESCRIPTIONS.get(topic.name if topic else "", OTHER_DESCRIPTION),
                name=f"Vatandaş {index + 1}",
                phone=f"+90532{rng.randint(1000000, 9999999)}",
                reply_by=Case.ReplyBy.SMS,
                directorate=topic.default_directorate if topic else rng.choice(directorates),
                status=Case.Status.CLOSED,
                received_at=received,
                due_on=due_date(channel, timezone.localdate(received)),
                answered_at=answered,
                answered_on=timezone.localdate(answered),
                completed_in=answered - received,
                public_answer="Başvurunuz ilgili müdürlüğümüzce sonuçlandırılmıştır.",
            )
        )
    return built


def create_year(year, batch_size=5000):
    cases = Case.objects.bulk_create(build_year(year), batch_size=batch_size)
    CaseEvent.objects.bulk_create(
        [CaseEvent(case=case, at=case.received_at, action=CaseEvent.Action.REGISTERED, public=True) for case in cases],
        batch_size=batch_size,
    )
    return len(cases)
