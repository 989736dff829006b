from django.urls import path

from employment import cv_views, employer_views, referral_views, vacancy_views

app_name = "employment"

# Public: the vacancy list and pages, a job seeker's CV, a firm's own area. Filled in by the slices.
urlpatterns = []

# A job seeker's CV (employment/cv_views.py).
urlpatterns += [
    path("cv/", cv_views.cv, name="cv"),
    path("cv/duzenle/", cv_views.edit, name="cv_edit"),
    path("cv/dosya/", cv_views.upload_file, name="cv_upload"),
    path("cv/dosya/indir/", cv_views.download_file, name="cv_file"),
    path("cv/dosya/sil/", cv_views.remove_file, name="cv_remove_file"),
    path("cv/pdf/", cv_views.pdf, name="cv_pdf"),
    path("cv/gorunurluk/", cv_views.visibility, name="cv_visibility"),
    path("cv/riza/<slug:purpose>/<slug:action>/", cv_views.consent, name="cv_consent"),
    path("cv/sil/", cv_views.delete, name="cv_delete"),
    path("cv/koru/<str:token>/", cv_views.keep, name="cv_keep"),
    path("cv/<int:pk>/dosya/", cv_views.file_of, name="cv_file_of"),
    path("cv/<int:pk>/pdf/", cv_views.pdf_of, name="cv_pdf_of"),
]

# The public vacancy list (İş ilanları), each vacancy's page and the one-click application.
urlpatterns += [
    path("", vacancy_views.vacancy_list, name="vacancies"),
    path("ilan/<int:pk>/", vacancy_views.vacancy_detail, name="vacancy"),
    path("ilan/<int:pk>/basvur/", vacancy_views.apply, name="apply"),
]

# The employer's own area: registering a firm, its vacancies, the candidates referred to them and its answers.
urlpatterns += [
    path("isveren/", employer_views.home, name="employer"),
    path("isveren/kayit/", employer_views.register, name="firm_register"),
    path("isveren/firma/<int:firm_pk>/ilan/yeni/", employer_views.vacancy_add, name="firm_vacancy_add"),
    path("isveren/ilan/<int:pk>/", employer_views.vacancy_edit, name="firm_vacancy_edit"),
    path("isveren/ilan/<int:pk>/kapat/", employer_views.vacancy_close, name="firm_vacancy_close"),
    path("isveren/ilan/<int:pk>/adaylar/", employer_views.candidates, name="firm_candidates"),
    path("isveren/aday/<int:pk>/", employer_views.candidate, name="firm_candidate"),
]

# A candidate's answer to the centre's referral (the link of the e-mail and SMS; no sign-in).
urlpatterns += [path("yonlendirme/<str:token>/", referral_views.answer, name="referral_answer")]
