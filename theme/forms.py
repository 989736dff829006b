from functools import cached_property
from pathlib import Path

import django.forms
from django.forms.renderers import TemplatesSetting
from django.utils.functional import Promise
from django.utils.html import conditional_escape

WIDGETS = "django/forms/widgets/"
# Widgets whose template is Django's input.html (through text.html, email.html and the like).
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in ("text", "email", "number", "password", "hidden", "url", "tel", "search", "date", "time", "datetime")
}
# The one-input options of radio buttons and checkboxes (through input_option.html).
OPTIONS = {f"{WIDGETS}radio_option.html", f"{WIDGETS}checkbox_option.html", f"{WIDGETS}input_option.html"}
SELECT, SELECT_OPTION = f"{WIDGETS}select.html", f"{WIDGETS}select_option.html"
# Every template the written-out widgets stand for; if the project overrides any, all go through templates.
STOOD_FOR = INPUTS | OPTIONS | {SELECT, SELECT_OPTION, f"{WIDGETS}input.html", f"{WIDGETS}attrs.html"}
DJANGOS_OWN = Path(django.forms.__file__).resolve().parent / "templates"


def _text(value):
    """A value as `{{ value|stringformat:'s' }}` writes it: escaped unless already safe."""
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs):
    """django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    """django/forms/widgets/input.html."""
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _option(widget):
    """django/forms/widgets/input_option.html (a radio button or a checkbox of a list)."""
    if not widget.get("wrap_label"):
        return _input(widget)
    target = f' for="{_text(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    # input.html ends with a line break, which the label's text follows.
    return f"<label{target}>{_input(widget)}\n {_text(widget['label'])}</label>"


def _select(widget):
    """django/forms/widgets/select.html with its options (select_option.html), or None for another option template."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION or not _plain(option):
                return None
            # select_option.html ends with a line break, kept inside the select.
            parts.append(
                f'\n  <option value="{_text(option["value"])}"{_attrs(option["attrs"])}>{_text(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class PortalFormRenderer(TemplatesSetting):
    """Renders every `{{ form }}` with the portal's accessible field markup.

    The commonest widgets (inputs, radio buttons and checkboxes, selects) are written out here, to the same HTML
    their Django templates give (tests/theme/test_form_renderer.py compares the two): a template each, with the
    attributes' template inside it, cost about a millisecond per widget, and a courier's route or a filtered list
    has dozens. When the project overrides one of those templates, every widget goes through the templates again.
    """

    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"

    @cached_property
    def writes_widgets(self):
        """Whether each template the written-out widgets stand for is still Django's own."""
        return all(
            Path(self.get_template(name).origin.name).resolve().is_relative_to(DJANGOS_OWN) for name in STOOD_FOR
        )

    def render(self, template_name, context, request=None):
        if template_name in INPUTS or template_name in OPTIONS or template_name == SELECT:
            widget = context.get("widget")
            if widget is not None and self.writes_widgets and _plain(widget):
                html = _write(template_name, widget)
                if html is not None:
                    return html
        return super().render(template_name, context, request)


def _plain(widget):
    """Labels that are text (a number or a date would be localised by the template)."""
    label = widget.get("label")
    return label is None or isinstance(label, str | Promise)


def _write(template_name, widget):
    if template_name == SELECT:
        return _select(widget)
    if template_name in OPTIONS:
        return _option(widget)
    return _input(widget)
