"""Demo surveys: one per assembly (anonymous, members-only with conditions, closed with public results, …) and a
council-wide one under Anketler, built from the activities the 2020 annual report names."""

import random
from datetime import timedelta

from django.utils import timezone

from places.models import Neighbourhood
from surveys import responses
from surveys.models import Question, SurveyIndexPage, SurveyPage

K = Question.Kind

INDEX = {
    "tr": {
        "slug": "anketler",
        "title": "Anketler",
        "intro": "Kent Konseyi ve meclislerin açık anketleri. Fikriniz kararlara yön verir.",
    },
    "en": {"slug": "surveys", "title": "Surveys", "intro": "Open surveys of the City Council and its assemblies."},
}

# (assembly key or None for the council, fields, questions); a question is (kind, label, extra fields).
SURVEYS = [
    (
        None,
        {
            "title": "Hizmet öncelikleri anketi",
            "slug": "hizmet-oncelikleri",
            "intro": "2020'de Çözüm Merkezi'ne en çok gelen konular aşağıda. Sizce belediye hangilerine öncelik vermeli?",
            "audience": SurveyPage.Audience.ANYONE,
            "anonymous": True,
            "days": (-3, 40),
        },
        [
            (
                K.RANKING,
                "Bu hizmetleri önem sırasına koyun",
                {
                    "choices": "Asfalt Onarımı\nÇöp Toplama\nYıkama Süpürme ve Temizleme Hizmetleri\nBudama ve Kesim\nHayvanların Muayene ve Tedavileri"
                },
            ),
            (K.NEIGHBOURHOOD, "Hangi mahallede oturuyorsunuz?", {"required": False}),
            (K.LONG_TEXT, "Eklemek istedikleriniz", {"required": False}),
        ],
    ),
    (
        "kadin",
        {
            "title": "Kadın Meclisi 2027 çalışma öncelikleri",
            "slug": "kadin-meclisi-oncelikleri",
            "intro": "Girişimcilik komisyonu ve ev ziyaretleri sürecek. Önümüzdeki yıl neye ağırlık verelim? Yalnızca meclis üyeleri yanıtlayabilir.",
            "audience": SurveyPage.Audience.MEMBERS,
            "allow_changes": True,
            "days": (-5, 30),
        },
        [
            (K.SECTION, "Katılımınız", {}),
            (K.YES_NO, "Bu yıl meclis toplantılarına katıldınız mı?", {}),
            (
                K.SINGLE,
                "Kaç toplantıya katıldınız?",
                {
                    "choices": "Bir\nİki-beş\nBeşten fazla",
                    "condition": ("Bu yıl meclis toplantılarına katıldınız mı?", "Evet"),
                },
            ),
            (
                K.LONG_TEXT,
                "Toplantılara katılmanızı ne kolaylaştırırdı?",
                {"required": False, "condition": ("Bu yıl meclis toplantılarına katıldınız mı?", "Hayır")},
            ),
            (K.SECTION, "Öncelikler", {}),
            (
                K.MULTIPLE,
                "Hangi konular öncelikli olmalı?",
                {
                    "choices": "Kadın girişimciliği\nYaşlı ziyaretleri\nÇocuk bakımı desteği\nKadın sağlığı\nŞiddetle mücadele",
                    "min_choices": 1,
                    "max_choices": 3,
                },
            ),
            (
                K.SINGLE,
                "Girişimcilik komisyonunda hangi destek olsun?",
                {
                    "choices": "Eğitim\nPazar yeri\nMentorluk",
                    "condition": ("Hangi konular öncelikli olmalı?", "Kadın girişimciliği"),
                },
            ),
            (
                K.SCALE,
                "Meclisin bu yılki çalışmalarından ne kadar memnunsunuz?",
                {"scale_low_label": "Hiç memnun değilim", "scale_high_label": "Çok memnunum"},
            ),
        ],
    ),
    (
        "genclik",
        {
            "title": "Gençlik anketi: boş zaman ve beklentiler",
            "slug": "genclik-anketi",
            "intro": "Gençlere yönelik eğlendirici ve eğitici projeler için fikirlerinizi soruyoruz. Anket anonimdir.",
            "audience": SurveyPage.Audience.SIGNED_IN,
            "anonymous": True,
            "days": (-2, 45),
        },
        [
            (
                K.DROPDOWN,
                "Şu an ne yapıyorsunuz?",
                {"choices": "Lise öğrencisiyim\nÜniversite öğrencisiyim\nÇalışıyorum\nİş arıyorum"},
            ),
            (
                K.MULTIPLE,
                "Boş zamanınızda neler yapmak istersiniz?",
                {"choices": "Spor\nMüzik\nKodlama\nGönüllülük\nGezi", "max_choices": 3},
            ),
            (
                K.MATRIX,
                "Bu olanakları nasıl buluyorsunuz?",
                {
                    "rows": "Spor tesisleri\nKütüphaneler\nBilgi Evleri\nUlaşım",
                    "scale_low_label": "Çok kötü",
                    "scale_high_label": "Çok iyi",
                },
            ),
            (
                K.NUMBER,
                "Haftada kaç saat gönüllü çalışabilirsiniz?",
                {"number_min": 0, "number_max": 40, "required": False},
            ),
        ],
    ),
    (
        "cocuk",
        {
            "title": "Çocuk Meclisi: en sevdiğin etkinlik",
            "slug": "en-sevdigin-etkinlik",
            "intro": "Bilgi Evleri'ndeki kurslardan ve gezilerden hangisini seviyorsun? Adını yazmana gerek yok.",
            "audience": SurveyPage.Audience.ANYONE,
            "anonymous": True,
            "days": (-1, 60),
        },
        [
            (
                K.SINGLE,
                "En sevdiğin etkinlik hangisi?",
                {"choices": "Resim atölyesi\nKitap okuma\nBilim deneyleri\nMüze gezisi"},
            ),
            (K.SCALE, "Bilgi Evi'ni ne kadar seviyorsun?", {"scale_low_label": "Hiç", "scale_high_label": "Çok"}),
            (K.SHORT_TEXT, "Çocuk Meclisi'ne bir önerin var mı?", {"required": False}),
        ],
    ),
    (
        "engelli",
        {
            "title": "Etkinliklerin erişilebilirliği",
            "slug": "etkinliklerin-erisilebilirligi",
            "intro": "Kurslarımızın ve etkinliklerimizin erişilebilirliğini değerlendirdik. Anket kapandı; sonuçlar herkese açık.",
            "audience": SurveyPage.Audience.SIGNED_IN,
            "results_public": True,
            "days": (-60, -5),
        },
        [
            (
                K.MULTIPLE,
                "Hangi kurslara katıldınız?",
                {"choices": "Takı\nResim\nKitap okuma\nEngelli bakımı\nİlk yardım"},
            ),
            (
                K.MATRIX,
                "Erişilebilirliği nasıl buldunuz?",
                {
                    "rows": "Binaya giriş\nTuvaletler\nİşaret dili çevirisi\nKolay okunur belgeler",
                    "scale_low_label": "Çok kötü",
                    "scale_high_label": "Çok iyi",
                },
            ),
            (K.YES_NO, "Etkinliklere ulaşımda zorluk yaşadınız mı?", {}),
            (K.LONG_TEXT, "Neyi iyileştirelim?", {"required": False}),
        ],
    ),
    (
        "kidemli",
        {
            "title": "Kıdemli hemşehrilerimizin ihtiyaçları",
            "slug": "kidemli-hemsehri-ihtiyaclari",
            "intro": "Kent sorunlarına birlikte çözüm üretmek için ihtiyaçlarınızı öğrenmek istiyoruz. Yanıtınızı anket kapanana kadar değiştirebilirsiniz.",
            "audience": SurveyPage.Audience.SIGNED_IN,
            "allow_changes": True,
            "days": (-4, 35),
        },
        [
            (
                K.MULTIPLE,
                "Hangi hizmetlere ihtiyaç duyuyorsunuz?",
                {"choices": "Evde bakım\nSağlık taraması\nUlaşım desteği\nSosyal etkinlik\nHukuki danışmanlık"},
            ),
            (
                K.SCALE,
                "Mahallenizde kendinizi ne kadar güvende hissediyorsunuz?",
                {"scale_size": 10, "scale_low_label": "Hiç", "scale_high_label": "Tamamen"},
            ),
            (K.DATE, "Son sağlık taramanız ne zamandı?", {"required": False}),
        ],
    ),
]

DEMO_ANSWERS = 140


# English versions for the /en/ site: {Turkish slug: (fields, questions)}, questions as in SURVEYS.
ENGLISH = {
    "hizmet-oncelikleri": (
        {
            "title": "Service priorities survey",
            "slug": "service-priorities",
            "intro": "These were the subjects people raised most with the Solution Centre in 2020. Which should the "
            "municipality put first?",
        },
        [
            (
                K.RANKING,
                "Put these services in order of importance",
                {
                    "choices": "Asphalt repair\nRubbish collection\nStreet washing, sweeping and cleaning\n"
                    "Tree pruning and felling\nVeterinary care for animals"
                },
            ),
            (K.NEIGHBOURHOOD, "Which neighbourhood do you live in?", {"required": False}),
            (K.LONG_TEXT, "Anything you would like to add", {"required": False}),
        ],
    ),
}


def load(home, english, assemblies, child, translate):
    """The survey index and the demo surveys; `child` and `translate` are the demo command's page helpers."""
    index = child(
        home,
        SurveyIndexPage,
        INDEX["tr"]["slug"],
        title=INDEX["tr"]["title"],
        intro=INDEX["tr"]["intro"],
        show_in_menus=True,
    )
    translate(index, english, **INDEX["en"])
    now = timezone.now()
    for where, fields, questions in SURVEYS:
        parent = assemblies[where] if where else index
        existing = SurveyPage.objects.child_of(parent).filter(slug=fields["slug"]).first()
        if existing is not None:
            _translate(existing, english, translate)
            continue
        fields = dict(fields)
        opens, closes = fields.pop("days")
        survey = SurveyPage(opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes), **fields)
        built = [_question(kind, label, extra) for kind, label, extra in questions]
        for position, question in enumerate(built):
            question.sort_order = position
        keys = {question.label: question.key for question in built}
        for question, (_kind, _label, extra) in zip(built, questions, strict=True):
            if "condition" in extra:
                on, answer = extra["condition"]
                question.condition_question, question.condition_answer = keys[on], answer
        survey.questions = built
        parent.add_child(instance=survey)
        survey.save_revision().publish()
        survey.refresh_from_db()
        if survey.results_public:
            _answers(survey)
        _translate(survey, english, translate)
    return index


def _translate(survey, english, translate):
    if survey.slug not in ENGLISH:
        return
    fields, questions = ENGLISH[survey.slug]
    built = [_question(kind, label, extra) for kind, label, extra in questions]
    for position, question in enumerate(built):
        question.sort_order = position
    translate(
        survey,
        english,
        **fields,
        audience=survey.audience,
        anonymous=survey.anonymous,
        opens_at=survey.opens_at,
        closes_at=survey.closes_at,
        questions=built,
    )


def _question(kind, label, extra):
    extra = {key: value for key, value in extra.items() if key != "condition"}
    return Question(kind=kind, label=label, **extra)


def _answers(survey):
    """Believable answers for the closed survey, so its public results have something to show."""
    rng = random.Random(2020)
    questions = survey.question_list()
    places = list(Neighbourhood.objects.all())
    for number in range(DEMO_ANSWERS):
        answers = {}
        for question in questions:
            if question.kind == K.MULTIPLE:
                options = [key for key, _label in question.choice_list()]
                answers[question.key] = rng.sample(options, rng.randint(1, 3))
            elif question.kind == K.MATRIX:
                answers[question.key] = {
                    key: rng.choice([2, 3, 3, 4, 4, 4, 5, 5]) for key, _label in question.row_list()
                }
            elif question.kind == K.YES_NO:
                answers[question.key] = "yes" if rng.random() < 0.38 else "no"
        response = responses.save(survey, f"demo-{number}", None, answers)
        response.neighbourhood = rng.choice(places)
        response.age_group = rng.choice(["18-29", "30-44", "45-59", "60+"])
        response.save(update_fields=["neighbourhood", "age_group"])
