"""İstihdam Merkezi's demo content and the report's 2016–2020 volumes.

`load` (from home's load_demo_content) gives every screen something to show: the centre's, an employer's and a
job seeker's logins, verified firms in Ümraniye with their vacancies, CVs across the mahalles, applications,
referrals and a placement. `load_volumes` (the load_employment_volumes command) creates, for each year of the
seed (istihdam-merkezi-2016-2020.csv), exactly as many anonymised CVs, firms, agreed referrals and placements as
the report counts, so the figures page reproduces its table.
"""

import csv
import datetime
import random
import secrets
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from employment import access, seekers
from employment.models import (
    CV,
    Education,
    EmploymentConsent,
    Experience,
    Firm,
    FirmMember,
    Language,
    Occupation,
    Placement,
    Referral,
    Vacancy,
    WorkType,
)
from places.models import Neighbourhood

VOLUMES_CSV = Path(__file__).resolve().parent / "data" / "istihdam-merkezi-2016-2020.csv"
BATCH = 5000

CENTRE_STAFF = ("istihdam@kentkonseyi.test", "Zeynep", "Koç")
EMPLOYER = ("isveren@kentkonseyi.test", "Murat", "Şahin")
SEEKER = ("isarayan@kentkonseyi.test", "Emre", "Aksoy")


def tax_number(first_nine):
    """A vergi kimlik numarası: nine digits and the check digit the Revenue Administration's rule gives them."""
    total = 0
    for index, char in enumerate(first_nine):
        step = (int(char) + 9 - index) % 10
        weighted = (step * 2 ** (9 - index)) % 9
        if step != 0 and weighted == 0:
            weighted = 9
        total += weighted
    return f"{first_nine}{(10 - total % 10) % 10}"


# The report's volumes


def volumes(path=VOLUMES_CSV):
    """{year: (new CVs, new firms, referrals, people employed)} from the seed."""
    with path.open(encoding="utf-8") as lines:
        return {
            int(row["yil"]): (
                int(row["yeni_cv"]),
                int(row["yeni_firma"]),
                int(row["yonlendirilen_is"]),
                int(row["istihdam_edilen"]),
            )
            for row in csv.DictReader(lines)
        }


SECTORS = [
    "Gıda perakende",
    "Lojistik ve depolama",
    "Metal işleme",
    "Tekstil ve hazır giyim",
    "İnşaat",
    "Bilişim",
    "Temizlik hizmetleri",
    "Özel güvenlik",
    "Yiyecek ve içecek hizmetleri",
    "Sağlık hizmetleri",
]
VOLUME_OCCUPATIONS = ["5230", "5223", "4321", "9333", "8153", "5120", "9412", "9112", "5414", "7212", "8322", "4222"]


def _moments(rng, year, count):
    """`count` sorted aware moments spread over the local year."""
    begin = timezone.make_aware(datetime.datetime(year, 1, 1))
    seconds = (timezone.make_aware(datetime.datetime(year + 1, 1, 1)) - begin).total_seconds()
    return sorted(begin + datetime.timedelta(seconds=int(rng.random() * (seconds - 1))) for _ in range(count))


def _between(rng, start, year):
    """A moment from `start` to the end of the local year."""
    finish = timezone.make_aware(datetime.datetime(year + 1, 1, 1)) - datetime.timedelta(seconds=1)
    return start + (finish - start) * rng.random()


def load_year(year, cvs, firms, referrals, employed):
    """One year's anonymised records, exactly the report's counts; bulk inserts in batches."""
    if employed > min(cvs, referrals) or referrals > cvs * firms * 2:
        raise ValueError(f"{year}: the volumes cannot be laid out as records.")
    rng = random.Random(year)
    now = timezone.now()
    occupations = list(Occupation.objects.filter(code__in=VOLUME_OCCUPATIONS).order_by("code"))
    firm_objects = []
    for number, created in enumerate(_moments(rng, year, firms), start=1):
        name = f"Arşiv kaydı {year}/{number:03d}"
        firm_objects.append(
            Firm(
                name=name,
                tax_number=tax_number(f"9{year % 100:02d}{number:06d}"),
                sector=SECTORS[number % len(SECTORS)],
                contact_name="",
                contact_phone="",
                contact_email="",
                created_at=created,
                verified_at=created,
                sort_key=name,
            )
        )
    firm_objects = Firm.objects.bulk_create(firm_objects, batch_size=BATCH)
    vacancies = []
    for index, firm in enumerate(firm_objects * 2):
        occupation = occupations[index % len(occupations)]
        vacancies.append(
            Vacancy(
                firm=firm,
                title=occupation.name,
                occupation=occupation,
                work_type=WorkType.FULL_TIME,
                closing_date=datetime.date(year, 12, 31),
                status=Vacancy.Status.CLOSED,
                created_at=firm.created_at,
                published_at=firm.created_at,
            )
        )
    vacancies = Vacancy.objects.bulk_create(vacancies, batch_size=BATCH)
    cv_objects = CV.objects.bulk_create(
        [
            CV(full_name="", hidden=True, created_at=created, updated_at=created, anonymised_at=now)
            for created in _moments(rng, year, cvs)
        ],
        batch_size=BATCH,
    )
    # Referral i: CV i mod n to vacancy i div n, so no CV goes twice to one vacancy; the first `employed` CVs'
    # first referrals are the ones that ended in a job.
    referral_objects = []
    for index in range(referrals):
        cv = cv_objects[index % len(cv_objects)]
        vacancy = vacancies[(index // len(cv_objects)) % len(vacancies)]
        agreed = _between(rng, max(cv.created_at, vacancy.created_at), year)
        referral_objects.append(
            Referral(
                vacancy=vacancy,
                cv=cv,
                origin=Referral.Origin.CENTRE,
                status=Referral.Status.AGREED,
                token=secrets.token_hex(16),
                created_at=agreed,
                asked_at=agreed,
                agreed_at=agreed,
                outcome=Referral.Outcome.HIRED if index < employed else Referral.Outcome.NOT_HIRED,
                outcome_at=agreed,
            )
        )
        if len(referral_objects) == BATCH:
            Referral.objects.bulk_create(referral_objects)
            referral_objects = []
    Referral.objects.bulk_create(referral_objects)
    hired = list(
        Referral.objects.filter(cv__in=cv_objects[:employed], outcome=Referral.Outcome.HIRED).select_related("vacancy")
    )
    Placement.objects.bulk_create(
        [
            Placement(
                cv_id=referral.cv_id,
                firm_id=referral.vacancy.firm_id,
                referral=referral,
                started_on=min(
                    timezone.localdate(referral.agreed_at) + datetime.timedelta(days=rng.randint(3, 30)),
                    datetime.date(year, 12, 31),
                ),
                source=Placement.Source.PHONE,
                recorded_at=referral.agreed_at,
            )
            for referral in hired
        ],
        batch_size=BATCH,
    )


def load_volumes(years):
    """Load each of `years` from the seed, each in its own transaction; returns {year: (cvs, firms, referrals,
    employed)} loaded."""
    seed = volumes()
    loaded = {}
    for year in years:
        with transaction.atomic():
            load_year(year, *seed[year])
        loaded[year] = seed[year]
    return loaded


# The demo site

# (name, first nine digits of the tax number, tax office, sector, staff, mahalle, street, building no, contact,
# phone, e-mail, verified)
FIRMS = [
    (
        "Alemdağ Gıda Pazarlama Ltd. Şti.",
        "473051288",
        "Ümraniye",
        "Gıda perakende",
        64,
        "Atatürk",
        "Alemdağ Caddesi",
        "112",
        "Murat Şahin",
        "0216 443 12 40",
        "ik@alemdaggida.test",
        True,
    ),
    (
        "Saray Lojistik ve Depolama A.Ş.",
        "618204935",
        "Alemdağ",
        "Lojistik ve depolama",
        140,
        "Saray",
        "Site Yolu Caddesi",
        "24",
        "Derya Öztürk",
        "0216 527 30 11",
        "insankaynaklari@saraylojistik.test",
        True,
    ),
    (
        "Dudullu Metal Sanayi ve Ticaret A.Ş.",
        "281947360",
        "Sarıgazi",
        "Metal işleme",
        85,
        "Yukarı Dudullu",
        "Nato Yolu Caddesi",
        "265",
        "Kemal Aydın",
        "0216 466 08 75",
        "personel@dudullumetal.test",
        True,
    ),
    (
        "Çamlık Yazılım Teknolojileri Ltd. Şti.",
        "735018642",
        "Ümraniye",
        "Bilişim",
        32,
        "Finanskent",
        "Finans Caddesi",
        "7",
        "Selin Kaya",
        "0216 290 44 18",
        "kariyer@camlikyazilim.test",
        True,
    ),
    (
        "Tepeüstü Konfeksiyon Tekstil Ltd. Şti.",
        "164093857",
        "Alemdağ",
        "Tekstil ve hazır giyim",
        58,
        "Tepeüstü",
        "Akdeniz Caddesi",
        "41",
        "Nurcan Yıldız",
        "0216 612 75 09",
        "info@tepeustukonfeksiyon.test",
        True,
    ),
    (
        "Hekimbaşı Temizlik Hizmetleri Ltd. Şti.",
        "520738164",
        "Ümraniye",
        "Temizlik hizmetleri",
        22,
        "Hekimbaşı",
        "Çakır Sokak",
        "3",
        "Oğuz Demir",
        "0216 365 21 90",
        "basvuru@hekimbasitemizlik.test",
        False,
    ),
]

# (firm, title, ISCO unit group, positions, work type, wage from, wage to, mahalle, closes in days, disability quota,
# requirements, skills)
VACANCIES = [
    (
        0,
        "Kasiyer",
        "5230",
        3,
        WorkType.SHIFT,
        26000,
        30000,
        "Atatürk",
        21,
        False,
        "Vardiyalı çalışmaya uygun, müşteri ilişkileri iyi.",
        "kasa, müşteri ilişkileri, POS",
    ),
    (
        0,
        "Reyon görevlisi",
        "5223",
        2,
        WorkType.FULL_TIME,
        25000,
        28000,
        "Atatürk",
        30,
        False,
        "Ürün yerleştirme ve raf düzeni deneyimi tercih edilir.",
        "raf düzeni, stok takibi",
    ),
    (
        0,
        "Fırın ustası",
        "7512",
        1,
        WorkType.SHIFT,
        32000,
        38000,
        "Atatürk",
        14,
        False,
        "Ekmek ve unlu mamul üretiminde en az 3 yıl deneyim.",
        "ekmek, pasta, hamur işleri",
    ),
    (
        1,
        "Depo stok kontrol elemanı",
        "4321",
        2,
        WorkType.FULL_TIME,
        28000,
        33000,
        "Saray",
        25,
        False,
        "Depo yazılımı ve el terminali kullanabilen.",
        "stok takibi, el terminali, Excel",
    ),
    (
        1,
        "Forklift operatörü",
        "8344",
        2,
        WorkType.SHIFT,
        30000,
        35000,
        "Saray",
        40,
        False,
        "Forklift operatörlük belgesi zorunlu.",
        "forklift, yükleme boşaltma",
    ),
    (
        2,
        "Gazaltı kaynakçısı",
        "7212",
        3,
        WorkType.FULL_TIME,
        35000,
        42000,
        "Yukarı Dudullu",
        35,
        False,
        "MIG/MAG kaynak sertifikası.",
        "gazaltı kaynağı, teknik resim okuma",
    ),
    (
        3,
        "Yazılım geliştirici (Python)",
        "2512",
        1,
        WorkType.FULL_TIME,
        55000,
        75000,
        "Finanskent",
        45,
        False,
        "Python ve Django ile en az 2 yıl deneyim.",
        "Python, Django, PostgreSQL, Git",
    ),
    (
        3,
        "Çağrı merkezi müşteri temsilcisi",
        "4222",
        4,
        WorkType.PART_TIME,
        None,
        None,
        "Finanskent",
        20,
        True,
        "Engelli kontenjanından; evden çalışma imkânı.",
        "diksiyon, bilgisayar kullanımı, müşteri ilişkileri",
    ),
    (
        4,
        "Dikiş makinesi operatörü",
        "8153",
        5,
        WorkType.FULL_TIME,
        27000,
        31000,
        "Tepeüstü",
        28,
        True,
        "Düz ve overlok makinesi kullanabilen; engelli kontenjanı.",
        "düz makine, overlok, reçme",
    ),
]

# (first name, last name, birth year, mahalle, ISCO unit groups sought, skills, driving licence, work types,
# education (level, school, field, year), experience (employer, position, unit group, years), languages, quota,
# about me)
PEOPLE = [
    (
        "Emre",
        "Aksoy",
        1994,
        "İnkılap",
        ["4321", "5230"],
        "stok takibi, Excel, müşteri ilişkileri",
        "B",
        ["full_time", "shift"],
        ("high", "Ümraniye Anadolu Lisesi", "", 2012),
        [("Yıldız Market", "Kasiyer", "5230", 3), ("Ada Depoculuk", "Depo elemanı", "4321", 2.5)],
        [("İngilizce", "basic")],
        "",
        "Depo ve market deneyimim var; vardiyalı çalışabilirim.",
    ),
    (
        "Fatma",
        "Kaya",
        1988,
        "Çakmak",
        ["5230", "5223"],
        "kasa, POS, müşteri ilişkileri",
        "",
        ["shift"],
        ("high", "Çakmak Lisesi", "", 2006),
        [("Mahalle Marketi", "Kasiyer", "5230", 6)],
        [],
        "",
        "",
    ),
    (
        "Mehmet",
        "Doğan",
        1990,
        "Yukarı Dudullu",
        ["7212"],
        "gazaltı kaynağı, teknik resim okuma",
        "B",
        ["full_time"],
        ("vocational", "Dudullu Mesleki ve Teknik Anadolu Lisesi", "Metal teknolojisi", 2008),
        [("Kaya Makine", "Kaynakçı", "7212", 8)],
        [],
        "",
        "MIG/MAG sertifikalı kaynakçıyım.",
    ),
    (
        "Zeynep",
        "Çelik",
        1999,
        "Atakent",
        ["2512", "2513"],
        "Python, Django, JavaScript, Git",
        "",
        ["full_time", "part_time"],
        ("bachelor", "Marmara Üniversitesi", "Bilgisayar Mühendisliği", 2022),
        [("Bulut Yazılım", "Yazılım geliştirici", "2512", 2)],
        [("İngilizce", "advanced")],
        "",
        "",
    ),
    (
        "Hüseyin",
        "Yıldız",
        1983,
        "Saray",
        ["8344", "9333"],
        "forklift, yükleme boşaltma",
        "C",
        ["full_time", "shift"],
        ("middle", "Saray Ortaokulu", "", 1998),
        [("Marmara Lojistik", "Forklift operatörü", "8344", 10)],
        [],
        "",
        "",
    ),
    (
        "Merve",
        "Öztürk",
        1996,
        "Tepeüstü",
        ["8153", "7533"],
        "düz makine, overlok, reçme",
        "",
        ["full_time"],
        ("high", "Tepeüstü Kız Meslek Lisesi", "Giyim üretim teknolojisi", 2014),
        [("Akdeniz Tekstil", "Makineci", "8153", 5)],
        [],
        "eligible",
        "",
    ),
    (
        "Ali",
        "Arslan",
        1992,
        "Necip Fazıl",
        ["7512", "5120"],
        "ekmek, pasta, hamur işleri",
        "",
        ["shift"],
        ("vocational", "Ümraniye Mesleki Eğitim Merkezi", "Yiyecek içecek hizmetleri", 2010),
        [("Taş Fırın", "Fırın ustası", "7512", 7)],
        [],
        "",
        "",
    ),
    (
        "Elif",
        "Demir",
        2001,
        "Esenşehir",
        ["4222", "4110"],
        "diksiyon, bilgisayar kullanımı",
        "",
        ["part_time"],
        ("associate", "Anadolu Üniversitesi Açıköğretim", "Büro yönetimi", 2021),
        [],
        [("İngilizce", "intermediate")],
        "eligible",
        "Evden ya da yarı zamanlı çalışmak istiyorum.",
    ),
    (
        "Ömer",
        "Şahin",
        1986,
        "Madenler",
        ["5414"],
        "özel güvenlik kimlik kartı, kamera takibi",
        "B",
        ["shift"],
        ("high", "Madenler Lisesi", "", 2004),
        [("Kale Güvenlik", "Güvenlik görevlisi", "5414", 9)],
        [],
        "",
        "",
    ),
    (
        "Gül",
        "Aydın",
        1979,
        "Ihlamurkuyu",
        ["9112", "5322"],
        "ofis temizliği, yaşlı bakımı",
        "",
        ["part_time", "full_time"],
        ("primary", "Ihlamurkuyu İlkokulu", "", 1990),
        [("Parlak Temizlik", "Temizlik görevlisi", "9112", 12)],
        [],
        "",
        "",
    ),
    (
        "Can",
        "Özdemir",
        1998,
        "Namık Kemal",
        ["8322", "9621"],
        "kurye, şehir içi dağıtım",
        "B",
        ["full_time"],
        ("high", "Namık Kemal Anadolu Lisesi", "", 2016),
        [("Hızlı Kurye", "Kurye", "9621", 4)],
        [],
        "",
        "",
    ),
    (
        "İpek",
        "Yılmaz",
        1995,
        "Site",
        ["3313", "4311"],
        "Logo, ön muhasebe, e-fatura",
        "",
        ["full_time"],
        ("associate", "İstanbul Üniversitesi", "Muhasebe ve vergi uygulamaları", 2015),
        [("Deniz Mali Müşavirlik", "Muhasebe elemanı", "4311", 6)],
        [("İngilizce", "basic")],
        "",
        "",
    ),
]


def _consent(user, days_ago, disability):
    """The two consents a seeker gives on the CV form, with its wording (seekers.give)."""
    given = timezone.now() - datetime.timedelta(days=days_ago)
    for purpose in (EmploymentConsent.Purpose.PROCESSING, EmploymentConsent.Purpose.SHARING):
        seekers.give(user, purpose, disability=disability, now=given)
    return given


def _person_user(number, first, last, seeker):
    """The demo seeker's own account for the first CV; accounts without a password for the others."""
    if number == 0:
        return seeker
    from django.contrib.auth import get_user_model

    email = f"isarayan{number + 1}@ornek.test"
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        user = get_user_model().objects.create_user(email, None, first_name=first, last_name=last)
    return user


def load(make_user):
    """Idempotent: the three logins always; the firms, vacancies, CVs and referrals once."""
    staff = make_user(*CENTRE_STAFF)
    staff.groups.add(access.ensure_centre_group())
    employer = make_user(*EMPLOYER, phone="0532 418 22 10")
    seeker = make_user(*SEEKER, phone="0535 276 41 08")
    if Firm.objects.filter(tax_number=tax_number(FIRMS[0][1])).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    places = {place.name: place for place in Neighbourhood.objects.all()}
    units = {occupation.code: occupation for occupation in Occupation.objects.filter(level=Occupation.Level.UNIT)}

    firms = []
    for number, (
        name,
        nine,
        office,
        sector,
        size,
        place,
        street,
        building,
        contact,
        phone,
        email,
        verified,
    ) in enumerate(FIRMS):
        registered = now - datetime.timedelta(days=60 - 8 * number)
        firms.append(
            Firm.objects.create(
                name=name,
                tax_number=tax_number(nine),
                tax_office=office,
                sector=sector,
                staff_count=size,
                neighbourhood=places[place],
                street=street,
                building_no=building,
                contact_name=contact,
                contact_phone=phone,
                contact_email=email,
                created_at=registered,
                verified_at=registered + datetime.timedelta(days=1) if verified else None,
                verified_by=staff if verified else None,
            )
        )
    FirmMember.objects.get_or_create(firm=firms[0], user=employer)

    vacancies = []
    for number, (firm, title, code, positions, work_type, low, high, place, closes, quota, needs, skills) in enumerate(
        VACANCIES
    ):
        posted = now - datetime.timedelta(days=20 - 2 * number)
        vacancies.append(
            Vacancy.objects.create(
                firm=firms[firm],
                title=title,
                occupation=units[code],
                positions=positions,
                requirements=needs,
                skills=skills,
                work_type=work_type,
                wage_min=low,
                wage_max=high,
                neighbourhood=places[place],
                closing_date=today + datetime.timedelta(days=closes),
                disability_quota=quota,
                status=Vacancy.Status.PUBLISHED,
                created_at=posted,
                published_at=posted,
                created_by=employer if firm == 0 else staff,
            )
        )
    Vacancy.objects.create(
        firm=firms[0],
        title="Kasap",
        occupation=units["7511"],
        requirements="Et reyonu için deneyimli kasap.",
        work_type=WorkType.FULL_TIME,
        neighbourhood=places["Atatürk"],
        closing_date=today + datetime.timedelta(days=30),
        status=Vacancy.Status.DRAFT,
        created_by=employer,
    )

    cvs = []
    for number, person in enumerate(PEOPLE):
        first, last, born, place, codes, skills, licence, work_types, school, jobs, languages, quota, about = person
        user = _person_user(number, first, last, seeker)
        user.neighbourhood = places[place]
        user.save(update_fields=["neighbourhood"])
        consented = _consent(user, days_ago=40 - 3 * number, disability=bool(quota))
        cv = CV.objects.create(
            user=user,
            full_name=f"{first} {last}",
            email=user.email,
            phone=user.phone or f"05{32 + number} {400 + 17 * number} {10 + number} {20 + number}",
            birth_year=born,
            neighbourhood=places[place],
            summary=about,
            skills=skills,
            driving_licence=licence,
            work_types=work_types,
            available_from=today if number % 3 else today + datetime.timedelta(days=15),
            disability_quota=quota,
            processing_consent_at=consented,
            created_at=consented,
            updated_at=consented + datetime.timedelta(days=2),
        )
        cv.occupations.set([units[code] for code in codes])
        level, school_name, field, graduated = school
        Education.objects.create(cv=cv, level=level, school=school_name, field=field, graduated=graduated)
        for employer_name, position, code, years in jobs:
            Experience.objects.create(
                cv=cv, employer=employer_name, position=position, occupation=units[code], years=years
            )
        for language, language_level in languages:
            Language.objects.create(cv=cv, language=language, level=language_level)
        cvs.append(cv)

    def refer(cv, vacancy, status, days_ago, origin=Referral.Origin.CENTRE, outcome="", reason=""):
        moment = now - datetime.timedelta(days=days_ago)
        return Referral.objects.create(
            vacancy=vacancy,
            cv=cv,
            origin=origin,
            status=status,
            created_at=moment,
            asked_at=moment if origin == Referral.Origin.CENTRE else None,
            agreed_at=moment + datetime.timedelta(hours=5) if status == Referral.Status.AGREED else None,
            declined_at=moment + datetime.timedelta(hours=5) if status == Referral.Status.DECLINED else None,
            referred_by=staff if status == Referral.Status.AGREED else None,
            outcome=outcome,
            outcome_reason=reason,
            outcome_at=moment + datetime.timedelta(days=3) if outcome else None,
            outcome_by=employer if outcome and vacancy.firm == firms[0] else None,
        )

    applied = Referral.Origin.APPLICATION
    refer(cvs[0], vacancies[0], Referral.Status.APPLIED, 2, origin=applied)
    refer(cvs[0], vacancies[3], Referral.Status.AGREED, 9, outcome=Referral.Outcome.INTERVIEWED)
    hired = refer(cvs[1], vacancies[0], Referral.Status.AGREED, 16, origin=applied, outcome=Referral.Outcome.HIRED)
    refer(cvs[1], vacancies[1], Referral.Status.ASKED, 1)
    refer(cvs[6], vacancies[2], Referral.Status.AGREED, 4)
    refer(cvs[11], vacancies[1], Referral.Status.AGREED, 6)
    refer(
        cvs[2],
        vacancies[5],
        Referral.Status.AGREED,
        12,
        outcome=Referral.Outcome.NOT_HIRED,
        reason="Pozisyon için en az 10 yıl deneyim aranıyordu.",
    )
    refer(cvs[3], vacancies[6], Referral.Status.AGREED, 7, outcome=Referral.Outcome.INTERVIEWED)
    refer(cvs[4], vacancies[4], Referral.Status.DECLINED, 10)
    refer(cvs[5], vacancies[8], Referral.Status.ASKED, 1)
    refer(cvs[7], vacancies[7], Referral.Status.APPLIED, 3, origin=applied)
    Placement.objects.create(
        cv=cvs[1],
        firm=firms[0],
        referral=hired,
        started_on=today - datetime.timedelta(days=10),
        source=Placement.Source.EMPLOYER,
        recorded_by=employer,
    )
