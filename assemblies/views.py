import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from accounts import consent, limits, redirects
from assemblies import eligibility
from assemblies import membership as workflow
from assemblies import personal_data as kvkk
from assemblies.forms import AboutYouForm, ApplicationForm, EraseConfirmForm, MemberDataRequestForm
from assemblies.models import AssemblyIndexPage, AssemblyPage, DataErasure, Membership


def join(request, assembly):
    """The application to one assembly: who may join, the missing facts, then the form."""
    join_url = assembly.url + assembly.reverse_subpage("join")
    if not request.user.is_authenticated:
        # Remembered across sign-up and e-mail verification (accounts.redirects).
        why = _("To apply for membership of the %(assembly)s, please sign in, or sign up if you have no account yet.")
        redirects.remember(request, join_url, why % {"assembly": assembly.title})
        return redirect_to_login(join_url)
    redirects.forget(request, join_url)

    canonical = assembly.canonical
    context = {"page": assembly, "assembly": assembly, "rules": eligibility.rules(canonical)}
    existing = Membership.objects.filter(assembly=canonical, user=request.user).first()
    if existing and existing.state not in {Membership.State.LEFT, Membership.State.REJECTED}:
        return render(request, "assemblies/join_status.html", {**context, "membership": existing})

    verdict = eligibility.check(canonical, request.user)
    if verdict.missing:
        form = AboutYouForm(
            request.POST if request.method == "POST" and "about_you" in request.POST else None,
            instance=request.user,
            needed=verdict.missing,
        )
        if form.is_bound and form.is_valid():
            form.save()
            return redirect(join_url)
        return render(request, "assemblies/join_about_you.html", {**context, "form": form})
    if not verdict.eligible:
        return render(request, "assemblies/join_not_eligible.html", {**context, "verdict": verdict})

    form = ApplicationForm(
        request.POST if request.method == "POST" else None, assembly=canonical, verdict=verdict, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            workflow.apply(request.user, canonical, form.details())
        except workflow.MembershipError as error:
            messages.error(request, str(error))
        else:
            if verdict.needs_guardian:
                messages.success(
                    request,
                    _(
                        "Your application has been sent. We have e-mailed you a confirmation, and your parent or "
                        "guardian a link to confirm it; the coordinators can decide once they have."
                    ),
                )
            else:
                messages.success(request, _("Your application has been sent. We have e-mailed you a confirmation."))
            return redirect("assemblies:mine")
    return render(request, "assemblies/join_form.html", {**context, "form": form, "verdict": verdict})


@login_required
def my_assemblies(request):
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("assembly").order_by("assembly__path")
    )
    locale = Locale.get_active()
    shown = _localized(locale, [membership.assembly for membership in memberships])
    for membership in memberships:
        membership.shown_assembly = shown[membership.assembly.pk]
    index = AssemblyIndexPage.objects.live().filter(locale=locale).first()
    return render(request, "assemblies/my_assemblies.html", {"memberships": memberships, "assemblies_index": index})


def _localized(locale, assemblies):
    """{pk: the assembly as its `.localized` gives it} for all of them in one query, not three per row: the
    live translation in `locale`, or the assembly itself."""
    missing = {assembly.translation_key for assembly in assemblies if assembly.locale_id != locale.pk}
    translations = {}
    if missing:
        found = AssemblyPage.objects.live().filter(locale=locale, translation_key__in=missing)
        translations = {page.translation_key: page for page in found}
    return {
        assembly.pk: assembly
        if assembly.locale_id == locale.pk
        else translations.get(assembly.translation_key, assembly)
        for assembly in assemblies
    }


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, pk):
    """Confirm, then leave an assembly or withdraw an application."""
    membership = get_object_or_404(Membership.objects.select_related("assembly"), pk=pk, user=request.user)
    if request.method == "POST":
        try:
            workflow.leave(membership, request.user)
        except workflow.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("You have left the %(assembly)s.") % {"assembly": membership.assembly.localized.title}
            )
        return redirect("assemblies:mine")
    return render(request, "assemblies/leave.html", {"membership": membership})


@require_http_methods(["GET", "POST"])
def guardian(request, token):
    """A parent or guardian reads what their child applied for and what is kept, then confirms (once)."""
    try:
        membership = workflow.membership_for_guardian(token)
    except workflow.LinkError as error:
        return render(request, "assemblies/guardian_invalid.html", {"reason": str(error)}, status=400)
    confirmed_now = False
    if request.method == "POST" and membership.guardian_consent_at is None:
        try:
            confirmed_now = workflow.confirm_guardian(membership)
        except workflow.MembershipError as error:
            return render(request, "assemblies/guardian_invalid.html", {"reason": str(error)}, status=400)
    notice_url, _label = consent.privacy_notice(request)
    return render(
        request,
        "assemblies/guardian.html",
        {
            "membership": membership,
            "assembly": workflow.assembly_in(membership.assembly, get_language()),
            "confirmed_now": confirmed_now,
            "privacy_notice_url": notice_url,
        },
    )


def _member_data_link_error(request, error):
    return render(request, "assemblies/member_data_invalid.html", {"reason": str(error)}, status=400)


@require_http_methods(["GET", "POST"])
def data_request(request):
    """Members without an account ask for a link to their data; the answer is the same whether or not
    the address is on a roster, so the page tells nobody who is a member."""
    form = MemberDataRequestForm(request.POST or None)
    if request.method == "POST":
        limited = bool(limits.consume(request, ("member_data_request", None)))
        if not limited and form.is_valid():
            email = form.cleaned_data["email"].strip().lower()
            limited = bool(limits.consume(request, ("member_data_request_email", email)))
            if not limited:
                kvkk.send_link(email, get_language())
                return render(request, "assemblies/member_data_request.html", {"sent": True})
        if limited:
            return render(request, "assemblies/member_data_request.html", {"form": form, "limited": True}, status=429)
    return render(request, "assemblies/member_data_request.html", {"form": form})


@require_http_methods(["GET", "POST"])
def member_data(request, token):
    """What the e-mailed link opens: the person's memberships, their download and their erasure."""
    try:
        email = kvkk.email_for(token)
    except kvkk.LinkError as error:
        return _member_data_link_error(request, error)
    memberships = kvkk.roster_memberships(email).select_related("assembly", "neighbourhood")
    form = EraseConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and memberships:
        kvkk.erase(memberships, actor=None, via=DataErasure.Via.LINK)
        return render(request, "assemblies/member_data.html", {"erased": True})
    memberships = list(memberships.order_by("assembly__path"))
    for membership in memberships:
        membership.assembly_here = workflow.assembly_in(membership.assembly, get_language())
    return render(request, "assemblies/member_data.html", {"memberships": memberships, "form": form, "token": token})


def member_data_download(request, token):
    try:
        email = kvkk.email_for(token)
    except kvkk.LinkError as error:
        return _member_data_link_error(request, error)
    data = {
        "portal": "Ümraniye Kent Konseyi",
        "generated_at": timezone.localtime().isoformat(),
        "assembly_memberships": kvkk.export(kvkk.roster_memberships(email)),
    }
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"meclis-uyelik-verilerim-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
