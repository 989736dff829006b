from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from accounts import redirects
from assemblies.models import Membership
from surveys import answering, responses, retention
from surveys.models import Question, SurveyIndexPage, SurveyPage

SESSION_KEY = "survey:{pk}"


def _when(value):
    return date_format(localtime(value), "j F Y, H:i")


def refusal(survey, user):
    """(why this person cannot answer now, whether signing in would help); an empty reason when they can."""
    state = survey.state()
    if state == SurveyPage.State.NOT_YET_OPEN:
        return _("This survey opens on %(date)s.") % {"date": _when(survey.opens_at)}, False
    if state == SurveyPage.State.CLOSED:
        return _("This survey closed on %(date)s and takes no more answers.") % {"date": _when(survey.closes_at)}, False
    if survey.audience != SurveyPage.Audience.ANYONE and not user.is_authenticated:
        return _("Please sign in to answer this survey."), True
    if survey.audience == SurveyPage.Audience.MEMBERS and not Membership.objects.has_member(survey.assembly, user):
        return _("Only members of the %(assembly)s can answer this survey.") % {
            "assembly": survey.assembly.title if survey.assembly else ""
        }, False
    return "", False


def _kept_days():
    """How long after a survey closes a named answer stays tied to its person (surveys/retention.py)."""
    return int(getattr(settings, "RETENTION_SURVEY_TOKEN_DAYS", retention.DEFAULT_SURVEY_TOKEN_DAYS))


def survey_context(request, survey):
    reason, needs_login = refusal(survey, request.user)
    return {
        "survey_state": survey.state(),
        "reason": reason,
        "needs_login": needs_login,
        "results_visible": survey.results_visible_to(request.user),
        "kept_days": _kept_days(),
    }


def _render(request, survey, **context):
    return survey.render(request, context_overrides={**survey_context(request, survey), **context})


def answer(request, survey):
    """The survey page: its introduction, then one step of questions at a time."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    answer_url = survey.url
    reason, needs_login = refusal(survey, request.user)
    if needs_login:
        redirects.remember(request, answer_url)
        return _render(request, survey)
    respondent = responses.respondent_for(request, survey)
    previous = responses.existing(survey, respondent)
    if reason:
        return _render(request, survey, previous=previous)
    if previous and not survey.canonical.changes_allowed:
        return _render(request, survey, previous=previous, answered=True)

    questions = survey.questions_in_language()
    session_key = SESSION_KEY.format(pk=survey.canonical.pk)
    store = request.session.get(session_key) or {"answers": previous.answers if previous else {}}
    answers = store["answers"]
    steps = answering.visible_steps(questions, answers)
    if not steps:
        return _render(request, survey, previous=previous)
    index = _step_index(request, len(steps))

    if request.method == "POST":
        limited = ratelimit.consume_or_429(request, action="survey_answer")
        if limited:
            return limited
        step = steps[index]
        earlier = _without(answers, step)
        form = answering.StepForm(step.questions, earlier, data=request.POST, all_questions=questions)
        valid = form.is_valid()
        answers = {**earlier, **form.answers()}
        request.session[session_key] = {"answers": answers}
        action = request.POST.get("action") or ""
        if action.startswith("rank:"):
            answers = _move_ranking(request.POST, step, answers, action)
            request.session[session_key] = {"answers": answers}
            # The focus goes back to the item that moved (the page reloads without JavaScript).
            moved = dict(zip(["question", "item", "direction"], action.split(":")[1:], strict=False))
            return _step(request, survey, questions, answers, index, previous, moved=moved)
        if action == "back" and index > 0:
            return _step(request, survey, questions, answers, index - 1, previous)
        if not valid:
            return _step(request, survey, questions, answers, index, previous, form=form)
        steps = answering.visible_steps(questions, answers)
        if index + 1 < len(steps):
            return _step(request, survey, questions, answers, index + 1, previous)
        final = answering.visible_answers(questions, answers)
        missing = answering.missing_required(questions, final)
        if missing:
            messages.error(request, _("Please answer “%(question)s”.") % {"question": missing[1].label})
            return _step(request, survey, questions, answers, missing[0], previous)
        if not responses.address_may_answer(request, survey):
            messages.error(
                request,
                _(
                    "Many answers to this survey have been sent from this connection today. Please try again "
                    "tomorrow, or sign in and answer with your account."
                ),
            )
            refused = _step(request, survey, questions, answers, index, previous)
            refused.status_code = 429
            return refused
        try:
            responses.save(survey, respondent, request.user, final)
        except responses.AlreadyAnswered:
            request.session.pop(session_key, None)
            messages.error(request, _("This survey already has your answer; each person answers once."))
            return redirect(answer_url)
        request.session.pop(session_key, None)
        return responses.remember_browser(request, redirect(survey.url + survey.reverse_subpage("thanks")))
    return _step(request, survey, questions, answers, index, previous)


def _move_ranking(data, step, answers, action):
    """A ranking's up or down button pressed without JavaScript: the answers with that item moved a place."""
    parts = action.split(":")
    if len(parts) != 4:
        return answers
    _rank, question_key, item_key, direction = parts
    for question in step.questions:
        if question.key == question_key and question.kind == Question.Kind.RANKING:
            return {**answers, question.key: answering.move_in_ranking(question, data, item_key, direction)}
    return answers


def _step_index(request, count):
    try:
        index = int(request.POST.get("step", request.GET.get("adim", 1))) - 1
    except (TypeError, ValueError):
        index = 0
    return min(max(index, 0), count - 1)


def _without(answers, step):
    keys = {question.key for question in step.questions}
    return {key: value for key, value in answers.items() if key not in keys}


def _step(request, survey, questions, answers, index, previous, form=None, moved=None):
    steps = answering.visible_steps(questions, answers)
    index = min(index, len(steps) - 1)
    step = steps[index]
    if form is None:
        earlier = _without(answers, step)
        initial = answering.StepForm.initial_from(step.questions, answers)
        form = answering.StepForm(step.questions, earlier, initial=initial, all_questions=questions)
    response = _render(
        request,
        survey,
        form=form,
        blocks=answering.render_blocks(form, questions),
        step=step,
        step_number=index + 1,
        step_count=len(steps),
        previous=previous,
        moved=moved,
    )
    return responses.remember_browser(request, response)


def thanks(request, survey):
    """Where to go next: the results (or when they come), other open surveys, the assembly, all surveys."""
    listing = SurveyPage.objects.for_listing(survey.locale_id)
    return _render(
        request,
        survey,
        thanked=True,
        other_surveys=[other for other in listing["open"] if other.pk != survey.pk and _may_answer(request, other)][:3],
        survey_index=SurveyIndexPage.objects.live().filter(locale_id=survey.locale_id).first(),
    )


def _may_answer(request, survey):
    """Whether this person can answer `survey` now (and has not yet), or could once signed in."""
    reason, needs_login = refusal(survey, request.user)
    if reason:
        return needs_login
    return responses.existing(survey, responses.respondent_for(request, survey)) is None


def results(request, survey):
    from django.core.exceptions import PermissionDenied

    from surveys import results as figures

    if not survey.results_visible_to(request.user):
        raise PermissionDenied
    is_coordinator = request.user.is_authenticated and survey.permissions_for_user(request.user).can_edit()
    report = figures.report(survey, include_texts=is_coordinator)
    # A breakdown is one more pass over the answers, counted when asked for; coordinators only, since a mahalle
    # with one or two respondents would show what those people answered.
    wanted = is_coordinator and report.breakdowns_allowed and "soru" in request.GET
    breakdown = figures.breakdown_from_request(survey, report, request.GET) if wanted else None
    return survey.render(
        request,
        template="surveys/results.html",
        context_overrides={"report": report, "breakdown": breakdown, "is_coordinator": is_coordinator},
    )
