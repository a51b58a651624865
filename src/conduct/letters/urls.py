from django.urls import path

from conduct.letters.views import letters, packs, templates

app_name = "letters"
urlpatterns = [
    path("templates/", templates.template_list, name="templates"),
    path("templates/<slug:kind>/", templates.template_edit, name="template_edit"),
    path("cases/<int:pk>/", letters.case_letters, name="case"),
    path("cases/<int:pk>/police-pack/", packs.police_pack, name="police_pack"),
    path("decisions/<int:pk>/generate/", letters.generate_from_decision, name="generate"),
    path("reviews/<int:pk>/generate/", letters.generate_from_review, name="generate_review"),
    path("<int:pk>/", letters.letter_detail, name="letter"),
    path("<int:pk>/edit/", letters.letter_edit, name="letter_edit"),
    path("<int:pk>/send/", letters.letter_send, name="letter_send"),
    path("<int:pk>/letter.html", letters.letter_html, name="letter_html"),
    path("<int:pk>/letter.pdf", letters.letter_pdf, name="letter_pdf"),
]
