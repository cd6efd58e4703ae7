from django.urls import path

from . import views

urlpatterns = [
    path("session", views.session),
    path("expiry", views.expiry),
    path("flush", views.flush),
    path("cycle", views.cycle),
    path("login", views.login),
    path("logout", views.logout),
    path("whoami", views.whoami),
    path("password", views.password),
]
