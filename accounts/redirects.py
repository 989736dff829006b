"""Where to take a person after they have signed up or logged in.

A page that needs an account (an assembly's application, say) remembers itself
here; the login, or the e-mail confirmation after a sign-up, returns there.
"""

from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "accounts_return_to"
REASON_KEY = "accounts_return_reason"


def remember(request, url, reason=""):
    """Return to `url` after logging in; `reason` is what the log-in and sign-up pages say it is for."""
    request.session[SESSION_KEY] = url
    request.session[REASON_KEY] = str(reason)


def reason(request):
    """Why the person is asked to log in, when they came from the page that remembered itself."""
    url = request.session.get(SESSION_KEY)
    if url and request.GET.get("next") == url:
        return request.session.get(REASON_KEY, "")
    return ""


def forget(request, url=None):
    """Drop the remembered address (only if it is `url`, when given): the person got there."""
    if url is None or request.session.get(SESSION_KEY) == url:
        request.session.pop(SESSION_KEY, None)
        request.session.pop(REASON_KEY, None)


def pop(request):
    url = request.session.pop(SESSION_KEY, None)
    request.session.pop(REASON_KEY, None)
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return None
