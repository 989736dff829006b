"""Records the centre's tests share: a vacancy and CVs with known occupations, skills and mahalles."""

import datetime

from django.utils import timezone

from employment import access
from employment.models import CV, EmploymentConsent, Experience, Firm, Occupation, Vacancy
from places.models import Neighbourhood
from tests.factories import UserFactory


def centre_staff():
    user = UserFactory()
    user.groups.add(access.ensure_centre_group())
    return user


def mahalle(name):
    return Neighbourhood.objects.get(name=name)


def occupation(code):
    return Occupation.objects.get(code=code)


def firm(name="Yıldız Yapı", tax_number="1234567890", **fields):
    return Firm.objects.create(
        name=name,
        tax_number=tax_number,
        sector="İnşaat",
        contact_name="Ayşe Kaya",
        contact_phone="05321234567",
        contact_email="ik@yildizyapi.example",
        neighbourhood=fields.pop("neighbourhood", mahalle("Çakmak")),
        verified_at=timezone.now(),
        **fields,
    )


def vacancy(code="7112", skills="Tuğla örme, Sıva, İskele kurma", where="Çakmak", **fields):
    return Vacancy.objects.create(
        firm=fields.pop("firm", None) or firm(),
        title=fields.pop("title", "Duvar ustası"),
        occupation=occupation(code),
        skills=skills,
        work_type=fields.pop("work_type", "full_time"),
        neighbourhood=mahalle(where) if where else None,
        closing_date=timezone.localdate() + datetime.timedelta(days=30),
        status=Vacancy.Status.PUBLISHED,
        published_at=timezone.now(),
        **fields,
    )


def cv(name, codes=(), skills="", where=None, sharing=True, experience=(), **fields):
    """A searchable CV of a new account; `sharing` gives the consent to sharing with employers."""
    user = UserFactory(email=fields.pop("email", None) or f"{turkish_ascii(name)}@example.org")
    now = timezone.now()
    record = CV.objects.create(
        user=user,
        full_name=name,
        email=user.email,
        phone=fields.pop("phone", ""),
        neighbourhood=mahalle(where) if where else None,
        skills=skills,
        processing_consent_at=now,
        work_types=fields.pop("work_types", ["full_time"]),
        **fields,
    )
    record.occupations.set([occupation(code) for code in codes])
    for position, code in experience:
        Experience.objects.create(
            cv=record, employer="Eski işveren", position=position, occupation=occupation(code), years=2
        )
    EmploymentConsent.objects.create(user=user, purpose=EmploymentConsent.Purpose.PROCESSING, wording="İşleme")
    if sharing:
        EmploymentConsent.objects.create(user=user, purpose=EmploymentConsent.Purpose.SHARING, wording="Paylaşım")
    return record


def turkish_ascii(name):
    return name.lower().translate(str.maketrans("çğıöşüİ ", "cgiosui.")).replace("i̇", "i")
