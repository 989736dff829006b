"""Candidates for a vacancy, ranked, each with the reasons for its place in Turkish.

A CV scores for
- its occupation: one of the occupations sought, or of its experience, in the vacancy's unit group (4 digits:
  40 points), else in its minor group (3 digits: 25), else in its sub-major group (2 digits: 10);
- the skills it shares with the vacancy's (8 points each, at most 32);
- the distance between its mahalle and the workplace's: the same mahalle 20 points, else 15 less 2 a kilometre
  (from the mahalles' approximate centres, places.Neighbourhood);
- availability: free now 10 points, within 30 days 5; the vacancy's work type among those wanted 10.
A vacancy reserved for the disability quota ranks the quota-eligible candidates first; it excludes nobody.

`rank(vacancy)` runs a fixed number of queries whatever the number of CVs: candidates are the searchable CVs
(`CV.objects.searchable()`) sharing at least the sub-major group or a skill with the vacancy.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from places import turkish

UNIT, MINOR, SUB_MAJOR = 40, 25, 10
SKILL_POINTS, SKILL_CAP = 8, 32
SAME_MAHALLE, NEAR_MAHALLE, PER_KM = 20, 15, 2
AVAILABLE_NOW, AVAILABLE_SOON, SOON_DAYS = 10, 5, 30
WORK_TYPE = 10
LIMIT = 50


@dataclass
class Candidate:
    cv: object
    score: int = 0
    reasons: list = field(default_factory=list)
    quota_first: bool = False
    distance_km: float | None = None
    referral: object = None  # this CV's referral to the vacancy, if it has one already

    @property
    def may_refer(self):
        return self.referral is None


def haversine_km(a, b):
    """Great-circle distance in km between two (latitude, longitude) pairs."""
    lat1, lon1, lat2, lon2 = (math.radians(float(value)) for value in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _point(neighbourhood):
    if neighbourhood is None or neighbourhood.latitude is None or neighbourhood.longitude is None:
        return None
    return (neighbourhood.latitude, neighbourhood.longitude)


def _digits(occupation):
    return occupation.code.replace(".", "")


def fold(text):
    """A skill as compared: Turkish lower case, single spaces."""
    return " ".join(turkish.lower(text).split())


def _groups(vacancy):
    """The vacancy's unit, minor and sub-major groups as {digits: Occupation} (one query)."""
    from employment.models import Occupation

    digits = _digits(vacancy.occupation)[:4]
    codes = {digits[:length] for length in (2, 3, 4) if len(digits) >= length}
    return {group.code: group for group in Occupation.objects.filter(code__in=codes)}


def candidates_queryset(vacancy):
    """Searchable CVs sharing at least the vacancy's sub-major group or one of its skills."""
    from employment.models import CV, Experience

    sub_major = _digits(vacancy.occupation)[:2]
    match = Q(occupations__code__startswith=sub_major) | Q(experience__occupation__code__startswith=sub_major)
    for skill in vacancy.skill_list:
        for variant in {skill, turkish.lower(skill), turkish.upper(skill), skill.capitalize()}:
            match |= Q(skills__icontains=variant)
    ids = CV.objects.searchable().filter(match).values("pk")
    return (
        CV.objects.filter(pk__in=ids)
        .select_related("neighbourhood")
        .prefetch_related(
            "occupations",
            Prefetch("experience", queryset=Experience.objects.select_related("occupation")),
        )
    )


def _occupation_score(vacancy_digits, groups, cv):
    """(points, reason) for the closest of the CV's occupations to the vacancy's."""
    best_length, from_experience = 0, False
    sought = [(occupation, False) for occupation in cv.occupations.all()]
    worked = [(item.occupation, True) for item in cv.experience.all() if item.occupation is not None]
    for occupation, experience in sought + worked:
        digits = _digits(occupation)
        length = 0
        for size in (4, 3, 2):
            if len(vacancy_digits) >= size and len(digits) >= size and digits[:size] == vacancy_digits[:size]:
                length = size
                break
        if length > best_length or (length == best_length and from_experience and not experience):
            best_length, from_experience = length, experience
    if not best_length:
        return 0, None
    group = groups.get(vacancy_digits[:best_length])
    name = f"{group.code} {group.name}" if group else vacancy_digits[:best_length]
    if best_length == 4:
        points = UNIT
        reason = _("Same occupation (%(occupation)s)") % {"occupation": name}
    elif best_length == 3:
        points = MINOR
        reason = _("Same minor occupation group (%(group)s)") % {"group": name}
    else:
        points = SUB_MAJOR
        reason = _("Same sub-major occupation group (%(group)s)") % {"group": name}
    if from_experience:
        reason = _("%(reason)s, from experience") % {"reason": reason}
    return points, reason


def _skills_score(wanted, cv):
    have = {fold(skill) for skill in cv.skill_list}
    shared = [skill for skill in wanted if fold(skill) in have]
    if not shared:
        return 0, None
    reason = ngettext(
        "%(count)d skill in common: %(skills)s", "%(count)d skills in common: %(skills)s", len(shared)
    ) % {"count": len(shared), "skills": ", ".join(shared)}
    return min(SKILL_CAP, SKILL_POINTS * len(shared)), reason


def _distance_score(vacancy, cv):
    if vacancy.neighbourhood_id is None or cv.neighbourhood_id is None:
        return 0, None, None
    if vacancy.neighbourhood_id == cv.neighbourhood_id:
        return SAME_MAHALLE, _("Same mahalle"), 0.0
    here, there = _point(vacancy.neighbourhood), _point(cv.neighbourhood)
    if here is None or there is None:
        return 0, None, None
    km = haversine_km(here, there)
    points = max(0, round(NEAR_MAHALLE - PER_KM * km))
    reason = _("%(km)s km (%(mahalle)s)") % {
        "km": formats.number_format(round(km, 1), decimal_pos=1, use_l10n=True),
        "mahalle": cv.neighbourhood.name,
    }
    return points, reason, km


def _availability_score(vacancy, cv, today):
    from employment.models import WorkType

    points, reasons = 0, []
    if cv.available_from is None or cv.available_from <= today:
        points += AVAILABLE_NOW
        reasons.append(_("Can start at once"))
    elif cv.available_from <= today + datetime.timedelta(days=SOON_DAYS):
        points += AVAILABLE_SOON
        reasons.append(_("Can start on %(date)s") % {"date": formats.date_format(cv.available_from, "j F")})
    if vacancy.work_type in (cv.work_types or []):
        points += WORK_TYPE
        reasons.append(
            _("Wants %(work_type)s work") % {"work_type": turkish.lower(str(WorkType(vacancy.work_type).label))}
        )
    return points, reasons


def score(vacancy, cv, groups=None, today=None):
    """The Candidate for one CV (`groups` from `_groups(vacancy)`, to spare the query per CV)."""
    from employment.models import CV

    today = today or timezone.localdate()
    groups = _groups(vacancy) if groups is None else groups
    candidate = Candidate(cv)
    vacancy_digits = _digits(vacancy.occupation)[:4]
    points, reason = _occupation_score(vacancy_digits, groups, cv)
    candidate.score += points
    candidate.reasons += [reason] if reason else []
    points, reason = _skills_score(vacancy.skill_list, cv)
    candidate.score += points
    candidate.reasons += [reason] if reason else []
    points, reason, candidate.distance_km = _distance_score(vacancy, cv)
    candidate.score += points
    candidate.reasons += [reason] if reason else []
    points, reasons = _availability_score(vacancy, cv, today)
    candidate.score += points
    candidate.reasons += reasons
    if vacancy.disability_quota and cv.disability_quota == CV.Quota.ELIGIBLE:
        candidate.quota_first = True
        candidate.reasons.insert(0, _("Eligible for the disability quota"))
    return candidate


def rank(vacancy, today=None, limit=LIMIT):
    """The vacancy's candidates, best first: quota-eligible first on a quota vacancy, then by score, then by the
    most recently updated CV."""
    from employment.models import Referral

    today = today or timezone.localdate()
    groups = _groups(vacancy)
    referrals = {referral.cv_id: referral for referral in Referral.objects.filter(vacancy=vacancy)}
    candidates = []
    for cv in candidates_queryset(vacancy):
        candidate = score(vacancy, cv, groups, today)
        candidate.referral = referrals.get(cv.pk)
        candidates.append(candidate)
    candidates.sort(key=lambda c: (not c.quota_first, -c.score, -c.cv.updated_at.timestamp(), c.cv.pk))
    return candidates[:limit] if limit else candidates
