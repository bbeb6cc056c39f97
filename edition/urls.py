from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import exports, glosses, indexes, reading

urlpatterns = [
    path("", reading.home, name="home"),
    path("documents/<slug:slug>/", reading.document, name="document"),
    path("documents/<slug:slug>/passages/<str:xml_id>/", reading.passage, name="passage"),
    path("documents/<slug:slug>/manifest.json", exports.manifest, name="manifest"),
    path("documents/<slug:slug>/tei.xml", exports.tei_export, name="tei_export"),
    path("documents/<slug:slug>/text.txt", exports.text_export, name="text_export"),
    path("documents/<slug:slug>/passages/<str:xml_id>/glosses/new/", glosses.gloss_new, name="gloss_new"),
    path("persons/", indexes.persons, name="persons"),
    path("persons/<slug:key>/", indexes.person, name="person"),
    path("terms/", indexes.terms, name="terms"),
    path("terms/<slug:key>/", indexes.term, name="term"),
    path("accounts/login/", auth_views.LoginView.as_view(template_name="edition/login.html"), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]
