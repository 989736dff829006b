"""Who may join an assembly, decided on the day of the application.

`rules(assembly)` says it in plain words for the assembly page; `check(assembly,
person)` answers for one person, with the reasons when the answer is no and the
facts still missing when it cannot tell yet.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Gender
from assemblies.models import ADULT_AGE, age_on


@dataclass
class Verdict:
    eligible: bool
    reasons: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # profile fields needed before deciding
    age: int | None = None

    @property
    def needs_guardian(self):
        return self.age is not None and self.age < ADULT_AGE


def rules(assembly):
    """The joining rules of an assembly as sentences for people."""
    sentences = []
    if assembly.min_age is not None and assembly.max_age is not None:
        sentences.append(_("For people aged %(min)s to %(max)s.") % {"min": assembly.min_age, "max": assembly.max_age})
    elif assembly.min_age is not None:
        sentences.append(_("For people aged %(min)s and over.") % {"min": assembly.min_age})
    elif assembly.max_age is not None:
        sentences.append(_("For people aged up to %(max)s.") % {"max": assembly.max_age})
    if assembly.women_only:
        sentences.append(_("For women."))
    if assembly.requires_district_connection:
        sentences.append(_("You live, work or study in Ümraniye."))
    if assembly.min_age is None or assembly.min_age < ADULT_AGE:
        sentences.append(_("Under 18: a parent or guardian confirms the application through a link we e-mail them."))
    if assembly.asks_disability:
        sentences.append(_("You may tell us about a disability; you do not have to."))
    return sentences


def check(assembly, person, day=None):
    """Whether `person` (an account) may apply to `assembly` on `day` (today by default)."""
    day = day or timezone.localdate()
    verdict = Verdict(eligible=True)
    if not assembly.accepting_members:
        verdict.eligible = False
        verdict.reasons.append(_("This assembly is not taking new members at the moment."))
        return verdict

    # What is known decides first: nobody is asked for a missing fact only to be turned away for a known one.
    if person.birth_date is not None:
        verdict.age = age = age_on(person.birth_date, day)
        if assembly.min_age is not None and age < assembly.min_age:
            verdict.reasons.append(
                _("This assembly is for people aged %(min)s and over; you are %(age)s.")
                % {"min": assembly.min_age, "age": age}
            )
        if assembly.max_age is not None and age > assembly.max_age:
            verdict.reasons.append(
                _("This assembly is for people aged up to %(max)s; you are %(age)s.")
                % {"max": assembly.max_age, "age": age}
            )
    if assembly.women_only and person.gender and person.gender != Gender.FEMALE:
        verdict.reasons.append(_("This assembly is for women."))
    if verdict.reasons:
        verdict.eligible = False
        return verdict

    if person.birth_date is None:
        verdict.missing.append("birth_date")
    if assembly.women_only and not person.gender:
        verdict.missing.append("gender")
    verdict.eligible = not verdict.missing
    return verdict
