import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from surveys import keys
from surveys.forms import SurveyPageForm
from theme import chrome
from theme.models import BasePage, PortalPageQuerySet


class SurveyQuerySet(PortalPageQuerySet):
    def for_listing(self, locale_id, parent=None):
        """{"open": surveys taking answers now, "results": closed ones with published results}, one query."""
        surveys = self.live().public().filter(locale_id=locale_id).order_by("closes_at", "title")
        if parent is not None:
            surveys = surveys.child_of(parent)
        now = timezone.now()
        found = list(surveys)
        return {
            "open": [survey for survey in found if survey.state(now) == SurveyPage.State.OPEN],
            "results": [
                survey for survey in found if survey.results_public and survey.state(now) == SurveyPage.State.CLOSED
            ],
        }


class SurveyIndexPage(BasePage):
    """Anketler: the surveys open now, council-wide ones below it and the assemblies' gathered from their pages."""

    intro = models.TextField(_("introduction"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = ["surveys.SurveyPage"]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("survey index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = SurveyPage.objects.for_listing(self.locale_id)
        context["open_surveys"], context["published_results"] = listing["open"], listing["results"]
        return context


class SurveyPage(RoutablePageMixin, BasePage):
    """A survey of an assembly (under its page) or of the council (under Anketler)."""

    class Audience(models.TextChoices):
        ANYONE = "anyone", _("Anyone (one answer per browser)")
        SIGNED_IN = "signed_in", _("People signed in (one answer per account)")
        MEMBERS = "members", _("Members of the assembly only")

    class State(models.TextChoices):
        NOT_YET_OPEN = "not_yet_open", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    intro = models.TextField(_("introduction"), help_text=_("What the survey is for and how the answers are used."))
    audience = models.CharField(
        _("who can answer"), max_length=10, choices=Audience.choices, default=Audience.SIGNED_IN
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True, help_text=_("Empty: as soon as published."))
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True, help_text=_("Empty: open until unpublished."))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "Answers are stored without any link to the person; only whether someone answered is kept, apart, "
            "to stop a second answer. People cannot change an anonymous answer. Cannot be changed once answers exist."
        ),
    )
    allow_changes = models.BooleanField(_("people may change their answer until the survey closes"), default=False)
    results_public = models.BooleanField(
        _("publish the results when the survey closes"),
        default=False,
        help_text=_("Counts, percentages and charts; free-text answers are never published."),
    )
    thank_you = models.TextField(_("thank-you message"), blank=True)

    objects = PageManager.from_queryset(SurveyQuerySet)()

    base_form_class = SurveyPageForm
    parent_page_types = ["surveys.SurveyIndexPage", "assemblies.AssemblyPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("anonymous"),
                FieldPanel("allow_changes"),
                FieldPanel("results_public"),
            ],
            heading=_("Who answers, and when"),
        ),
        InlinePanel(
            "questions",
            heading=_("Questions"),
            label=_("Question"),
            help_text=_(
                "A “Section” begins a new step. Conditions can point to questions saved before: "
                "save a draft first to point to a new one."
            ),
        ),
        FieldPanel("thank_you"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.title

    @cached_property
    def canonical(self):
        """Answers belong to the survey in the default language; translations share its question keys."""
        if chrome.language_code(self.locale_id) == settings.LANGUAGE_CODE:
            return self
        return SurveyPage.objects.get(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )

    @cached_property
    def assembly(self):
        from assemblies.models import AssemblyPage

        parent = self.get_parent().specific
        return parent if isinstance(parent, AssemblyPage) else None

    def state(self, now=None):
        now = now or timezone.now()
        if self.opens_at and now < self.opens_at:
            return self.State.NOT_YET_OPEN
        if self.closes_at and now >= self.closes_at:
            return self.State.CLOSED
        return self.State.OPEN

    @property
    def is_open(self):
        return self.state() == self.State.OPEN

    def question_list(self):
        """The questions in order, sections included (one query, cached on the page)."""
        if not hasattr(self, "_question_list"):
            # Ties (questions created in code without a sort order) fall back to the order they were added in.
            self._question_list = list(self.questions.order_by("sort_order", "pk"))
        return self._question_list

    def questions_in_language(self):
        """The default-language survey's questions (their keys hold the answers), worded in this page's language."""
        questions = self.canonical.question_list()
        if self.canonical.pk != self.pk:
            translated = {question.key: question for question in self.question_list()}
            questions = [translated.get(question.key, question) for question in questions]
        return questions

    @property
    def changes_allowed(self):
        """Whether people may change their answer: never in an anonymous survey, where nothing leads back to it."""
        return self.allow_changes and not self.anonymous

    def results_visible_to(self, user):
        if user.is_authenticated and self.permissions_for_user(user).can_edit():
            return True
        return self.results_public and self.state() == self.State.CLOSED

    @path("", name="answer")
    def answer(self, request):
        from surveys import views

        return views.answer(request, self)

    @path("tesekkurler/", name="thanks")
    def thanks(self, request):
        from surveys import views

        return views.thanks(request, self)

    @path("sonuclar/", name="results")
    def results(self, request):
        from surveys import views

        return views.results(request, self)


class Question(Orderable):
    """One question of a survey, or a section heading that begins a new step."""

    class Kind(models.TextChoices):
        SECTION = "section", _("Section (begins a new step)")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        DROPDOWN = "dropdown", _("Dropdown")
        SCALE = "scale", _("Rating scale")
        MATRIX = "matrix", _("Matrix (several rows on one scale)")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        YES_NO = "yes_no", _("Yes or no")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood (mahalle)")
        RANKING = "ranking", _("Ranking")

    CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.DROPDOWN, Kind.RANKING}
    # Kinds whose answers can decide whether a later question is shown.
    CONDITION_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.DROPDOWN, Kind.YES_NO}
    TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=16, default=keys.new_key, editable=False)
    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices, default=Kind.SINGLE)
    label = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=True)
    choices = models.TextField(
        _("options"), blank=True, help_text=_("One per line: for single and multiple choice, dropdown and ranking.")
    )
    choice_keys = models.JSONField(default=list, editable=False)
    rows = models.TextField(_("matrix rows"), blank=True, help_text=_("One per line, each answered on the scale."))
    row_keys = models.JSONField(default=list, editable=False)
    min_choices = models.PositiveSmallIntegerField(_("at least"), null=True, blank=True)
    max_choices = models.PositiveSmallIntegerField(_("at most"), null=True, blank=True)
    scale_size = models.PositiveSmallIntegerField(_("scale"), choices=[(5, _("1 to 5")), (10, _("1 to 10"))], default=5)
    scale_low_label = models.CharField(_("label of 1"), max_length=60, blank=True)
    scale_high_label = models.CharField(_("label of the top"), max_length=60, blank=True)
    number_min = models.DecimalField(_("smallest number"), max_digits=12, decimal_places=2, null=True, blank=True)
    number_max = models.DecimalField(_("largest number"), max_digits=12, decimal_places=2, null=True, blank=True)
    condition_question = models.CharField(_("show only when the answer to"), max_length=16, blank=True)
    condition_answer = models.CharField(
        _("is"), max_length=200, blank=True, help_text=_("An option exactly as written, or “Yes” / “No”.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("min_choices"), FieldPanel("max_choices")]),
        FieldPanel("rows"),
        FieldRowPanel([FieldPanel("scale_size"), FieldPanel("scale_low_label"), FieldPanel("scale_high_label")]),
        FieldRowPanel([FieldPanel("number_min"), FieldPanel("number_max")]),
        FieldRowPanel([FieldPanel("condition_question"), FieldPanel("condition_answer")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    @property
    def is_section(self):
        return self.kind == self.Kind.SECTION

    def choice_list(self):
        """[(key, label)] of the options, keys carried over from the last save (see surveys/keys.py)."""
        return keys.carry(self.choice_keys, keys.lines(self.choices))

    def row_list(self):
        return keys.carry(self.row_keys, keys.lines(self.rows))

    def scale_values(self):
        return list(range(1, self.scale_size + 1))

    def save(self, *args, **kwargs):
        self.choice_keys = [list(pair) for pair in self.choice_list()]
        self.row_keys = [list(pair) for pair in self.row_list()]
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.kind in self.CHOICE_KINDS and len(keys.lines(self.choices)) < 2:
            errors["choices"] = _("Give at least two options, one per line.")
        if self.kind == self.Kind.MATRIX:
            if not keys.lines(self.rows):
                errors["rows"] = _("Give at least one row, one per line.")
        if self.kind == self.Kind.MULTIPLE:
            count = len(keys.lines(self.choices))
            low, high = self.min_choices, self.max_choices
            if low is not None and high is not None and low > high:
                errors["max_choices"] = _("“At most” cannot be below “at least”.")
            elif high is not None and count and high > count:
                errors["max_choices"] = _("There are only %(count)s options.") % {"count": count}
        if self.number_min is not None and self.number_max is not None and self.number_min > self.number_max:
            errors["number_max"] = _("The largest number cannot be below the smallest.")
        if bool(self.condition_question) != bool(self.condition_answer.strip()):
            errors["condition_answer"] = _("Choose both the question and the answer that shows this one, or neither.")
        if errors:
            raise ValidationError(errors)


class ResponseQuerySet(models.QuerySet):
    def of(self, survey):
        return self.filter(survey_id=survey.canonical.pk)


class Response(models.Model):
    """One person's (or browser's) answer to a survey.

    `answers` holds what was given, by question key; the Answer rows repeat it in a shape the database can
    count. For a survey that is not anonymous, `respondent` is a one-way code (an HMAC of the account or
    browser) that makes a second answer impossible by constraint, and `user` the account when signed in.

    An anonymous survey's answer carries neither, nor a time of day, a mahalle or an age group: who answered
    is kept apart, in Participation, with nothing that leads to the answer. Its number (and its Answer rows')
    is drawn at random below zero, so it does not fall between the numbers of the named answers sent just
    before and after it, which carry their person and time (see responses.save).
    """

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="responses")
    # Empty in an anonymous survey.
    respondent = models.CharField(max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    answers = models.JSONField(default=dict)
    # For the breakdowns, as they were when the person answered; never kept for anonymous surveys.
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    age_group = models.CharField(max_length=8, blank=True)
    # Anonymous answers keep only the day, so the time cannot be matched against logs.
    submitted_on = models.DateField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)
    # Set when the retention period after the survey closed ended (surveys/retention.py): the code is
    # then random and nothing links the answer to a person or browser any more.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"], condition=~Q(respondent=""), name="one_answer_per_respondent"
            )
        ]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Participation(models.Model):
    """Who has answered an anonymous survey: the survey and the person's (or browser's) one-way code.

    It stops a second answer and nothing else: no answer, no link to one, no time. Its key is random, so
    the order of these rows says nothing about the order of the answers.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")
    respondent = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("survey participation")
        verbose_name_plural = _("survey participations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "respondent"], name="one_participation_per_respondent")
        ]

    def __str__(self):
        return f"{self.survey} ({self.respondent[:8]}…)"


class Answer(models.Model):
    """One countable piece of a response: a chosen option, a number, a matrix row's value, or a text."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="parts")
    question_key = models.CharField(max_length=16)
    option = models.CharField(max_length=16, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["survey", "question_key", "option", "number"], name="survey_answer_counts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(option="") | Q(number__isnull=False) | ~Q(text=""), name="answer_not_empty"
            )
        ]

    def __str__(self):
        # Free text may name the person who wrote it.
        return f"{self.question_key} #{self.pk}"
