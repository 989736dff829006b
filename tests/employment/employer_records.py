"""Records of the employer side for the employment tests: occupations, firms with a user, vacancies, CVs, referrals."""

import datetime

from django.utils import timezone

from employment.models import CV, Firm, FirmMember, Occupation, Referral, Vacancy
from places.models import Neighbourhood
from tests.factories import UserFactory

# Valid tax numbers (VKN): the check digit computed by Gelir İdaresi's rule (employment/tax_numbers.py).
VALID_VKN = ["4540536920", "1234567890", "8760049225", "0010038527"]


def occupations():
    """Occupations of ISCO-08 as the data migration loads them: two major groups and three unit groups under them."""
    return {code: Occupation.objects.get(code=code) for code in ("7", "75", "7531", "7212", "5", "5223")}


def firm(name="Yıldız Tekstil A.Ş.", tax_number="4540536920", verified=True, user=None, **fields):
    made = Firm.objects.create(
        name=name,
        tax_number=tax_number,
        tax_office="Ümraniye",
        sector="Tekstil",
        neighbourhood=Neighbourhood.objects.get(name="Tantavi"),
        street="Alemdağ Caddesi",
        building_no="12",
        contact_name="Hasan Yıldız",
        contact_phone="0216 123 45 67",
        contact_email=f"ik@{tax_number}.example.com",
        verified_at=timezone.now() if verified else None,
        **fields,
    )
    user = user or UserFactory()
    FirmMember.objects.create(firm=made, user=user)
    made.user = user
    return made


def vacancy(firm, occupation, title="Dikiş makinesi operatörü", status=Vacancy.Status.PUBLISHED, **fields):
    fields.setdefault("closing_date", timezone.localdate() + datetime.timedelta(days=30))
    fields.setdefault("work_type", "full_time")
    fields.setdefault("published_at", timezone.now() if status == Vacancy.Status.PUBLISHED else None)
    return Vacancy.objects.create(firm=firm, occupation=occupation, title=title, status=status, **fields)


def cv(user=None, full_name="Zeynep Kaya", consent=True, **fields):
    user = user or UserFactory(first_name=full_name.split()[0], last_name=full_name.split()[-1])
    return CV.objects.create(
        user=user,
        full_name=full_name,
        email=user.email,
        phone="0532 111 22 33",
        skills="Düz makine, overlok",
        processing_consent_at=timezone.now() if consent else None,
        **fields,
    )


def referral(vacancy, cv, status=Referral.Status.AGREED, **fields):
    if status == Referral.Status.AGREED:
        fields.setdefault("agreed_at", timezone.now() - datetime.timedelta(days=3))
    return Referral.objects.create(vacancy=vacancy, cv=cv, origin=Referral.Origin.CENTRE, status=status, **fields)
