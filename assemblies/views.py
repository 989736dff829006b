from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from accounts import redirects
from assemblies import eligibility
from assemblies import membership as workflow
from assemblies.forms import AboutYouForm, ApplicationForm
from assemblies.models import AssemblyIndexPage, Membership


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
            messages.success(request, _("Your application has been sent. We have e-mailed you a confirmation."))
            return redirect("assemblies:mine")
    return render(request, "assemblies/join_form.html", {**context, "form": form, "verdict": verdict})


@login_required
def my_assemblies(request):
    memberships = Membership.objects.filter(user=request.user).select_related("assembly").order_by("assembly__path")
    index = AssemblyIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    return render(request, "assemblies/my_assemblies.html", {"memberships": memberships, "assemblies_index": index})


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
