"""The demo suggestion box, call-centre and directorate logins, and a register with cases in it."""

import random

from django.utils import timezone

from complaints import cases, demo, groups
from complaints.models import Case, Channel, Directorate, Topic
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
    return box


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
