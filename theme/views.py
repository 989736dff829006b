"""The site's own error pages where Django's defaults would answer in bare English."""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation


def _standalone(request, template_name):
    """An error page drawn without the database or the request's host (either may be what failed),
    in the language of the address asked for."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return render_to_string(template_name)


def bad_request(request, exception=None):
    return HttpResponseBadRequest(_standalone(request, "400.html"))


def server_error(request):
    return HttpResponseServerError(_standalone(request, "500.html"))


def csrf_failure(request, reason=""):
    """Django's own page renders without the request, which the site's frame needs."""
    return render(request, "403_csrf.html", status=403)
