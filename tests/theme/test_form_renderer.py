"""The form renderer writes the commonest widgets itself: to the very HTML Django's templates give."""

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from theme.forms import PortalFormRenderer

TRICKY = 'Ayşe "Çınar" <b>& Işık</b>'


class EveryWidget(forms.Form):
    name = forms.CharField(max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name", "data-x": None}))
    email = forms.EmailField(required=False)
    count = forms.IntegerField(min_value=1, max_value=10_000)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    token = forms.CharField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    agreed = forms.BooleanField(required=False)
    outcome = forms.ChoiceField(
        choices=[("delivered", gettext_lazy("Delivered")), ("away", "Kimse yok <kapı>")], widget=forms.RadioSelect
    )
    needs = forms.MultipleChoiceField(
        choices=[("wheelchair", "Tekerlekli sandalye"), ("sign", "İşaret dili")], widget=forms.CheckboxSelectMultiple
    )
    place = forms.ChoiceField(
        choices=[("", "Tüm mahalleler"), ("Ümraniye", [("atakent", "Atakent"), ("cakmak", "Çakmak & Ihlamurkuyu")])]
    )
    year = forms.ChoiceField(choices=[(2020, 2020), (2021, 2021)])
    topics = forms.MultipleChoiceField(choices=[("a", "Çevre"), ("b", "Ulaşım")], widget=forms.SelectMultiple)


def renderings(form):
    """Each field's HTML, and each option's alone (as `{{ choice.tag }}` asks for it)."""
    written = []
    for field in form:
        written.append(str(field))
        if isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            written.extend(str(choice.tag()) for choice in field)
            written.extend(str(choice) for choice in field)
    return written


@pytest.mark.parametrize(
    "data",
    [
        None,
        {
            "name": TRICKY,
            "email": "a@b.test",
            "count": "1500",
            "secret": "s3<cr>et",
            "token": mark_safe("<safe>"),
            "day": "2026-12-07",
            "agreed": "on",
            "outcome": "away",
            "needs": ["sign"],
            "place": "cakmak",
            "year": "2021",
            "topics": ["a", "b"],
        },
    ],
)
def test_written_widgets_are_the_templates_html(settings, data):
    settings.LANGUAGE_CODE = "tr"
    portal, templates = PortalFormRenderer(), TemplatesSetting()
    assert portal.writes_widgets
    ours = renderings(EveryWidget(data, renderer=portal, initial={"name": TRICKY, "count": 1500}))
    theirs = renderings(EveryWidget(data, renderer=templates, initial={"name": TRICKY, "count": 1500}))
    assert ours == theirs
    assert any("&lt;b&gt;" in html for html in ours)  # the tricky value was there, and escaped


def test_widgets_go_through_the_templates_once_one_is_overridden():
    """A project that overrides a widget's template gets its own markup back."""
    portal = PortalFormRenderer()
    portal.writes_widgets = False  # as when a template of the project's shadows Django's
    rendered = []
    portal.get_template = lambda name: rendered.append(name) or TemplatesSetting().get_template(name)
    str(EveryWidget(renderer=portal)["name"])
    assert "django/forms/widgets/text.html" in rendered
