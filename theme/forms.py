from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every `{{ form }}` with the portal's accessible field markup."""

    form_template_name = "components/forms/form.html"
    field_template_name = "components/forms/field.html"
