"""
A small JSON API over Django's session and authentication, for the interoperability tests.
Every view answers the session's state as Django sees it after the request's work.
"""
import json
from datetime import datetime

from django.contrib import auth
from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST


def _body(request):
    return json.loads(request.body or b"{}")


def _session(request, status=200):
    # items first: loading an unknown or expired session resets its key
    items = dict(request.session.items())
    return JsonResponse({"session": items, "session_key": request.session.session_key}, status=status)


@require_http_methods(["GET", "POST"])
def session(request):
    """GET: the session's items and key. POST {"set": {...}, "delete": [...]}: change it first."""
    if request.method == "POST":
        body = _body(request)
        for key, value in body.get("set", {}).items():
            request.session[key] = value
        for key in body.get("delete", []):
            request.session.pop(key, None)
    return _session(request)


@require_http_methods(["GET", "POST"])
def expiry(request):
    """
    POST {"seconds": n}, {"date": "ISO-8601"} or {"seconds": null}: set_expiry.
    GET: get_expiry_age(), get_expiry_date() and get_expire_at_browser_close().
    """
    if request.method == "POST":
        body = _body(request)
        if "date" in body:
            request.session.set_expiry(datetime.fromisoformat(body["date"]))
        else:
            request.session.set_expiry(body["seconds"])
        return _session(request)
    return JsonResponse(
        {
            "age": request.session.get_expiry_age(),
            "date": request.session.get_expiry_date().isoformat(),
            "browser_close": request.session.get_expire_at_browser_close(),
        }
    )


@require_POST
def flush(request):
    request.session.flush()
    return _session(request)


@require_POST
def cycle(request):
    request.session.cycle_key()
    return _session(request)


@require_POST
def login(request):
    """{"username", "password"}: authenticate() and login(), or 401."""
    body = _body(request)
    user = auth.authenticate(request, username=body.get("username"), password=body.get("password"))
    if user is None:
        return JsonResponse({"error": "Bad credentials"}, status=401)
    auth.login(request, user)
    return _user(request)


@require_POST
def logout(request):
    auth.logout(request)
    return _user(request)


@require_GET
def whoami(request):
    return _user(request)


@require_POST
def password(request):
    """{"password"}: set the logged-in user's password and keep this session logged in."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Not logged in"}, status=401)
    request.user.set_password(_body(request)["password"])
    request.user.save()
    auth.update_session_auth_hash(request, request.user)
    return _user(request)


def _user(request):
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"user": None, "session_key": request.session.session_key})
    return JsonResponse(
        {
            "user": user.get_username(),
            "staff": user.is_staff,
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "session_key": request.session.session_key,
        }
    )
