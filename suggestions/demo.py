"""The demo suggestion box, call-centre and directorate logins, and a register with cases in it."""

import datetime
import random

from django.utils import timezone

from complaints import cases, demo, groups
from complaints.models import Case, Channel, Directorate, Topic
from places import gazetteer
from places.models import Neighbourhood
from suggestions.models import SuggestionBoxPage

BOX = {
    "tr": {
        "slug": "oneri-kutusu",
        "title": "Öneri Kutusu",
        "intro": (
            "Öneri, talep ve şikâyetlerinizi buradan Ümraniye Belediyesi Çözüm Merkezi'ne iletebilirsiniz. "
            "Her başvuru bir takip numarasıyla kayda alınır ve ilgili müdürlüğe yönlendirilir."
        ),
        "after_sending": (
            "Başvurunuz ilgili müdürlüğe iletilecek. Yanıtı telefonla, SMS ile ya da e-postayla size bildireceğiz; "
            "Çözüm Merkezi'ni 444 9 822'den de arayabilirsiniz."
        ),
    },
    "en": {
        "slug": "suggestion-box",
        "title": "Suggestion box",
        "intro": (
            "Send your suggestions, requests and complaints to Ümraniye Municipality's Çözüm Merkezi. "
            "Each one is registered with a tracking number and sent to the directorate concerned."
        ),
        "after_sending": "We will answer by phone, SMS or e-mail. You can also call the Çözüm Merkezi on 444 9 822.",
    },
}
CALL_CENTRE = ("cozummerkezi@kentkonseyi.test", "Kemal", "Şen")
DIRECTORATE_STAFF = {
    "Veteriner İşleri Müdürlüğü": ("veteriner@kentkonseyi.test", "Deniz", "Koç"),
    "Fen İşleri Müdürlüğü": ("fen@kentkonseyi.test", "Murat", "Yıldız"),
}
GENERATED_CASES = 400


def load(home, english, child, translate, make_user, citizen):
    box = child(home, SuggestionBoxPage, show_in_menus=True, **BOX["tr"])
    translate(box, english, show_in_menus=True, **BOX["en"])
    make_user(*CALL_CENTRE).groups.add(groups.ensure_call_centre_group())
    for name, person in DIRECTORATE_STAFF.items():
        directorate = Directorate.objects.get(name=name)
        make_user(*person).groups.add(groups.ensure_directorate_group(directorate))
    if not Case.objects.exists():
        demo.create_cases(GENERATED_CASES, random.Random(2020), days=60)
        _citizens_cases(citizen)
        _reports_near_each_other()
        gazetteer.refresh()  # the generated cases are bulk-created: tell the box's gazetteer their addresses
    return box


# Public, open reports a few dozen metres apart in Tantavi, so the box's "Is it one of these?" has something to
# show: place the pin near Alemdağ Caddesi No: 40 with the topic "Çöp Toplama".
NEAR_EACH_OTHER = [
    (
        "Çöp Toplama",
        "Alemdağ Caddesi No: 40",
        ("41.012400", "29.123300"),
        "Alemdağ Caddesi'ndeki çöp konteyneri üç gündür boşaltılmadı, etrafa taşıyor.",
        "Alemdağ Caddesi'ndeki konteyner günlerdir boşaltılmadı, çevresine taşıyor.",
        2,
    ),
    (
        "Çöp Toplama",
        "Alemdağ Caddesi No: 58",
        ("41.012900", "29.124100"),
        "Kaldırımdaki geri dönüşüm kutusu dolu, poşetler yola dağılıyor.",
        "",
        0,
    ),
    (
        "Asfalt Onarımı",
        "Alemdağ Caddesi No: 44",
        ("41.012600", "29.123600"),
        "Yaya geçidinin önünde derin bir çukur var, yağmurda su birikiyor.",
        "Yaya geçidinin önünde su biriken derin bir çukur var.",
        1,
    ),
]


def _reports_near_each_other():
    tantavi = Neighbourhood.objects.get(name="Tantavi")
    for number, (topic, address, (latitude, longitude), text, public_text, voices) in enumerate(NEAR_EACH_OTHER):
        case = cases.file_case(
            channel=Channel.SUGGESTION_BOX,
            kind=Case.Kind.COMPLAINT,
            topic=Topic.objects.get(name=topic),
            neighbourhood=tantavi,
            address=address,
            latitude=latitude,
            longitude=longitude,
            description=text,
            name=f"Demo Sakin {number + 1}",
            phone=f"+90532111220{number}",
            reply_by=Case.ReplyBy.SMS,
            consent_at=timezone.now(),
            public_consent=True,
            received_at=timezone.now() - datetime.timedelta(days=3 + number),
            notify=False,
        )
        if public_text:
            Case.objects.filter(pk=case.pk).update(public_description=public_text, moderated_at=timezone.now())
        for voice in range(voices):
            cases.add_supporter(case, name=f"Komşu {voice + 1}", consent_at=timezone.now())


def _citizens_cases(citizen):
    """The demo citizen's own: one answered by the Veterinary directorate, one still open."""
    answered = cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        kind=Case.Kind.REQUEST,
        topic=Topic.objects.get(name="Hayvanların Muayene ve Tedavileri"),
        neighbourhood=Neighbourhood.objects.get(name="İnkılap"),
        address="Alemdağ Caddesi, otobüs durağının yanı",
        description="Durağın yanında ayağı yaralı bir köpek var, tedavi edilmesini rica ediyorum.",
        name=citizen.get_full_name(),
        phone="+905320000000",
        email=citizen.email,
        reply_by=Case.ReplyBy.EMAIL,
        user=citizen,
        consent_at=timezone.now(),
        notify=False,
    )
    staff = Directorate.objects.get(name="Veteriner İşleri Müdürlüğü").group.user_set.first()
    cases.set_status(answered, Case.Status.IN_PROGRESS, actor=staff)
    answered.refresh_from_db()
    cases.answer(
        answered,
        "Ekibimiz köpeği aynı gün kliniğimize götürdü; tedavisi tamamlandı ve sahiplendirme listesine alındı. "
        "Duyarlılığınız için teşekkür ederiz.",
        actor=staff,
    )
    cases.file_case(
        channel=Channel.SUGGESTION_BOX,
        kind=Case.Kind.SUGGESTION,
        topic=Topic.objects.get(name="Park ve Oyun Alanları"),
        neighbourhood=Neighbourhood.objects.get(name="İnkılap"),
        description="Mahalle parkına engelli çocukların da kullanabileceği bir salıncak konulmasını öneriyorum.",
        name=citizen.get_full_name(),
        phone="+905320000000",
        email=citizen.email,
        reply_by=Case.ReplyBy.EMAIL,
        user=citizen,
        consent_at=timezone.now(),
        notify=False,
    )
