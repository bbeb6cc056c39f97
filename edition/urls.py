from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from .views import bench_floor, corpus, exports, glosses, health, indexes, reading, revisions, search

urlpatterns = [
    path("", reading.home, name="home"),
    path("documents/<slug:slug>/", reading.document, name="document"),
    path("documents/<slug:slug>/passages/<str:xml_id>/", reading.passage, name="passage"),
    path("documents/<slug:slug>/manifest.json", exports.manifest, name="manifest"),
    path("documents/<slug:slug>/tei.xml", exports.tei_export, name="tei_export"),
    path("documents/<slug:slug>/text.txt", exports.text_export, name="text_export"),
    # Citations to download (BibTeX, RIS, CSL-JSON), of a document and of each passage.
    path("documents/<slug:slug>/cite.<str:fmt>", exports.citation_download, name="citation_download"),
    path(
        "documents/<slug:slug>/passages/<str:xml_id>/cite.<str:fmt>",
        exports.citation_download,
        name="passage_citation_download",
    ),
    # What Web Annotation clients and IIIF viewers read (issue 10): a passage's exact text, the
    # typed-page rendering of each page, the vocabulary of our own JSON-LD terms.
    path("documents/<slug:slug>/passages/<str:xml_id>/text.txt", exports.passage_text, name="passage_text"),
    path("documents/<slug:slug>/pages/<int:order>/rendering.svg", exports.page_rendering, name="page_rendering"),
    path("ns/edition", exports.vocabulary, name="vocabulary"),
    # Glosses: editors write them (issue 3); readers get the published ones as Web Annotations.
    path("documents/<slug:slug>/passages/<str:xml_id>/glosses/new/", glosses.gloss_new, name="gloss_new"),
    path("documents/<slug:slug>/annotations/", exports.document_annotations, name="document_annotations"),
    path("glosses/orphans/", glosses.gloss_orphans, name="gloss_orphans"),
    path("glosses/<uuid:public_id>/", exports.gloss_annotation, name="gloss_annotation"),
    path("glosses/<uuid:public_id>/edit/", glosses.gloss_edit, name="gloss_edit"),
    path("glosses/<uuid:public_id>/publish/", glosses.gloss_publish, name="gloss_publish"),
    path("glosses/<uuid:public_id>/unpublish/", glosses.gloss_unpublish, name="gloss_unpublish"),
    path("glosses/<uuid:public_id>/delete/", glosses.gloss_delete, name="gloss_delete"),
    path("glosses/<uuid:public_id>/undelete/", glosses.gloss_undelete, name="gloss_undelete"),
    path("glosses/<uuid:public_id>/history/", glosses.gloss_history, name="gloss_history"),
    path("glosses/<uuid:public_id>/history/<int:history_id>/restore/", glosses.gloss_restore, name="gloss_restore"),
    path(
        "glosses/<uuid:public_id>/history/<int:history_id>/restore/confirm/",
        glosses.gloss_restore_confirm,
        name="gloss_restore_confirm",
    ),
    path("glosses/<uuid:public_id>/reattach/", glosses.gloss_reattach, name="gloss_reattach"),
    # Correcting the text as new TEI revisions (issue 13): text editors only.
    path("documents/<slug:slug>/passages/<str:xml_id>/correct/", revisions.correction_new, name="correction_new"),
    path("documents/<slug:slug>/revisions/", revisions.revision_list, name="revisions"),
    path("documents/<slug:slug>/revisions/publish/", revisions.revision_publish, name="revision_publish"),
    path("documents/<slug:slug>/revisions/diff/", revisions.revision_diff, name="revision_diff"),
    path("documents/<slug:slug>/revisions/<int:number>/restore/", revisions.revision_restore, name="revision_restore"),
    path("documents/<slug:slug>/corrections/<str:choice_id>/", revisions.ocr_correction_edit, name="ocr_edit"),
    path("documents/<slug:slug>/notes/<str:note_id>/edit/", revisions.note_edit, name="note_edit"),
    path("documents/<slug:slug>/suspects/", revisions.suspect_queue, name="suspects"),
    path("documents/<slug:slug>/suspects/dismiss/", revisions.suspect_dismiss, name="suspect_dismiss"),
    # The corpus (FRUS letters) and the indexes generated from the TEI.
    path("documents/", corpus.documents, name="documents"),
    path("search/", search.search_view, name="search"),
    path("persons/", indexes.persons, name="persons"),
    path("persons/<slug:key>/", indexes.person, name="person"),
    path("places/", indexes.places, name="places"),
    path("places/<slug:key>/", indexes.place, name="place"),
    path("terms/", indexes.terms, name="terms"),
    path("terms/<slug:key>/", indexes.term, name="term"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="edition/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    # For the load balancer and the supervisor (see views/health.py).
    path("healthz", health.ready, name="healthz"),
    path("healthz/live", health.live, name="healthz_live"),
]

if settings.BENCH_FLOOR:
    urlpatterns.append(path("bench/floor/", bench_floor.floor, name="bench_floor"))
