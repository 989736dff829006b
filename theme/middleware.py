from csp.middleware import CSPMiddleware
from django.conf import settings
from django.template.loader import render_to_string


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy for the public site; the Wagtail admin gets its own.

    The admin's editor relies on inline styles and frames its own previews, which
    the public policy (no inline code, no framing) would break.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith("/admin/"):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class MethodNotAllowedMiddleware:
    """A 405 (a link or a bookmark to an address that only takes a form) answers with the site's own page in the
    visitor's language; Django's `require_POST` and friends answer with an empty body.

    APIs answer in their own format (Open311 does: suggestions/open311.py), so only empty bodies are filled.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.streaming and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
