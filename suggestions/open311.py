"""The Open311 GeoReport v2 server at /open311/v2/: the register's services and requests for other systems.

Services are the public topics. Requests are cases, read only with a partner's API key
(tracking numbers are not for everyone: with a security code one opens a case's status
page), with the description, the exact place and the answer. Posting needs a key and
files the case through the same rules as the suggestion box (validation, rate limits).
Every endpoint answers JSON or XML by its extension, errors in the spec's own format.

An intake channel like the box itself, so it lives beside it: it reads and files through the register
(`complaints`), which knows nothing of either.
"""

import datetime
import functools
import logging
import re
from xml.etree.ElementTree import Element, SubElement, tostring

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from accounts import limits
from complaints import cases, handoff
from complaints.models import ApiKey, Case, CaseEvent, Channel, Topic
from places.models import Neighbourhood
from suggestions.forms import SuggestionForm
from theme.exports import safe_text

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API last changed for its clients.
CHANGESET = "2026-11-25T00:00:00+03:00"
DEFAULT_WINDOW = datetime.timedelta(days=90)
MAX_REQUESTS = 1000
KIND_CHOICES = [choice for choice in Case.Kind.choices if choice[0] != Case.Kind.INFORMATION]
# Dates outside these bounds are refused: nothing was filed before, and they overflow once shifted to UTC.
EARLIEST = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9000, 1, 1, tzinfo=datetime.UTC)
# A service code is a topic's key: ASCII digits that fit the database's integer ("²" is a digit to Python).
SERVICE_CODE = re.compile(r"[0-9]{1,9}")
logger = logging.getLogger("django.request")


class Open311Error(Exception):
    def __init__(self, status, description):
        super().__init__(description)
        self.status = status
        self.description = description


# Rendering


def _xml(root_name, item_name, items):
    root = Element(root_name)
    for item in items:
        node = SubElement(root, item_name)
        for key, value in item.items():
            _xml_value(node, key, value)
    return tostring(root, encoding="utf-8", xml_declaration=True)


def _xml_value(parent, key, value):
    child = SubElement(parent, key)
    if isinstance(value, list):
        for entry in value:
            if isinstance(entry, dict):
                inner = SubElement(child, key.rstrip("s") or key)
                for name, data in entry.items():
                    _xml_value(inner, name, data)
            else:
                SubElement(child, "value").text = safe_text(str(entry))
    elif isinstance(value, dict):
        for name, data in value.items():
            _xml_value(child, name, data)
    elif value is not None:
        child.text = str(value).lower() if isinstance(value, bool) else safe_text(str(value))


def _respond(format_, root_name, item_name, items, status=200, document=None):
    if format_ == "xml":
        body = _xml(root_name, item_name, items) if document is None else document
        return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")
    return JsonResponse(
        items if document is None else document, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )


def _error(format_, status, description):
    return _respond(format_, "errors", "error", [{"code": status, "description": str(description)}], status=status)


def endpoint(*methods):
    """The format from the URL's extension; every failure, the unforeseen included, in the spec's error document.

    Only `methods` are answered (405 otherwise), and a NUL anywhere in the address or the form is refused
    before any look-up: PostgreSQL cannot store or compare it.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, format_="json", **kwargs):
            try:
                if request.method not in methods:
                    response = _error(format_, 405, f"Use {' or '.join(methods)}.")
                    response["Allow"] = ", ".join(methods)
                    return response
                _refuse_nul(request, kwargs)
                return view(request, *args, format_=format_, **kwargs)
            except Open311Error as error:
                return _error(format_, error.status, error.description)
            except RequestDataTooBig:
                return _error(format_, 413, "The request is too large.")
            except (MultiPartParserError, UnreadablePostError, BadRequest, SuspiciousOperation) as error:
                return _error(format_, 400, f"The request's body cannot be read: {error}")
            except Exception:
                # Logged as Django logs a 500 (the administrators are e-mailed); the client still gets the spec's format.
                logger.exception("Open311 %s %s failed", request.method, request.path, extra={"request": request})
                return _error(format_, 500, "Internal error; it has been reported.")

        return wrapped

    return decorate


def _refuse_nul(request, kwargs):
    values = list(kwargs.values())
    for data in (request.GET, request.POST):
        for key, entries in data.lists():
            values.append(key)
            values.extend(entries)
    if any("\x00" in str(value) for value in values):
        raise Open311Error(400, "NUL characters are not allowed.")


def not_found(request, *args, **kwargs):
    """Any other address under /open311/: the spec's 404, in XML when the address asks for it."""
    return _error("xml" if request.path.endswith(".xml") else "json", 404, "Not found: " + request.path)


def _when(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _base_url(request):
    return request.build_absolute_uri("/open311/v2/")


# Services


def _service(topic):
    return {
        "service_code": str(topic.pk),
        "service_name": topic.name,
        "description": None,
        "metadata": True,
        "type": "realtime",
        "keywords": None,
        "group": topic.default_directorate.name if topic.default_directorate else None,
    }


def _services():
    return Topic.objects.filter(active=True, public=True).select_related("default_directorate")


def _topic(code):
    return _services().filter(pk=int(code)).first() if SERVICE_CODE.fullmatch(code) else None


@endpoint("GET")
def discovery(request, format_):
    document = {
        "changeset": CHANGESET,
        "contact": "Ümraniye Belediyesi Çözüm Merkezi, 444 9 822",
        "key_service": "Anahtar için Halkla İlişkiler Müdürlüğü'ne başvurun.",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": _base_url(request),
                "changeset": None,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }
    if format_ == "xml":
        root = Element("discovery")
        for key in ("changeset", "contact", "key_service"):
            SubElement(root, key).text = document[key]
        endpoints = SubElement(root, "endpoints")
        for item in document["endpoints"]:
            node = SubElement(endpoints, "endpoint")
            for key in ("specification", "url", "type"):
                SubElement(node, key).text = item[key]
            formats = SubElement(node, "formats")
            for value in item["formats"]:
                SubElement(formats, "format").text = value
        return _respond(format_, "", "", [], document=tostring(root, encoding="utf-8", xml_declaration=True))
    return _respond(format_, "", "", [], document=document)


@endpoint("GET")
def services(request, format_):
    return _respond(format_, "services", "service", [_service(topic) for topic in _services()])


@endpoint("GET")
def service_definition(request, service_code, format_):
    topic = _topic(service_code)
    if topic is None:
        raise Open311Error(404, "Service not found: " + service_code)
    places = Neighbourhood.objects.in_turkish_order()
    document = {
        "service_code": str(topic.pk),
        "attributes": [
            {
                "variable": True,
                "code": "kind",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "suggestion, request, complaint or thanks (default: request)",
                "order": 1,
                "description": "Başvuru türü",
                "values": [{"key": key, "name": str(label)} for key, label in KIND_CHOICES],
            },
            {
                "variable": True,
                "code": "mahalle",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "The neighbourhood's key",
                "order": 2,
                "description": "Mahalle",
                "values": [{"key": place.slug, "name": place.name} for place in places],
            },
        ],
    }
    if format_ == "xml":
        root = Element("service_definition")
        SubElement(root, "service_code").text = document["service_code"]
        attributes = SubElement(root, "attributes")
        for attribute in document["attributes"]:
            node = SubElement(attributes, "attribute")
            for key, value in attribute.items():
                if key == "values":
                    values = SubElement(node, "values")
                    for entry in value:
                        item = SubElement(values, "value")
                        SubElement(item, "key").text = entry["key"]
                        SubElement(item, "name").text = entry["name"]
                else:
                    SubElement(node, key).text = str(value).lower() if isinstance(value, bool) else str(value)
        return _respond(format_, "", "", [], document=tostring(root, encoding="utf-8", xml_declaration=True))
    return _respond(format_, "", "", [], document=document)


# Requests


def _status(case):
    return "open" if case.is_open else "closed"


def _request(case, private, updated_at=None):
    item = {
        "service_request_id": case.tracking_number,
        "status": _status(case),
        "status_notes": (case.public_answer if private else "") or str(case.get_status_display()),
        "service_name": case.topic.name if case.topic else None,
        "service_code": str(case.topic_id) if case.topic_id else "",
        "description": case.description if private else None,
        "agency_responsible": case.directorate.name if case.directorate else None,
        "service_notice": None,
        "requested_datetime": _when(case.received_at),
        "updated_datetime": _when(updated_at or case.answered_at or case.received_at),
        "expected_datetime": _when(timezone.make_aware(datetime.datetime.combine(case.due_on, datetime.time(17, 0)))),
        "address": (
            case.address if private and case.address else (case.neighbourhood.name if case.neighbourhood else None)
        ),
        "address_id": None,
        "zipcode": None,
        "lat": float(case.latitude) if private and case.latitude is not None else None,
        "long": float(case.longitude) if private and case.longitude is not None else None,
        "media_url": None,
    }
    return item


def _partner(request):
    """The API key's partner, or None; a key that is given but wrong is refused, not ignored."""
    raw = request.POST.get("api_key") or request.GET.get("api_key")
    if not raw:
        return None
    key = ApiKey.objects.matching(raw)
    if key is None:
        raise Open311Error(403, "Invalid api_key.")
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def _reader(request):
    """The partner reading requests: without a key nothing is listed, since a list of tracking numbers is
    the first half of what opens a case's status page (GeoReport v2 lets a server require api_key)."""
    partner = _partner(request)
    if partner is None:
        raise Open311Error(403, "api_key is required to read service requests.")
    return partner


def _date(value, name):
    if not value:
        return None
    try:
        # A well-formed but impossible date (30 February, 25:00, +99:99) raises instead of answering None.
        parsed = parse_datetime(value)
        if parsed is not None:
            parsed = (parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)).astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None or not EARLIEST <= parsed <= LATEST:
        raise Open311Error(
            400, f"{name} must be a W3C date-time between 2000 and 9000, e.g. 2026-11-25T10:00:00+03:00."
        )
    return parsed


def _listing(queryset, private):
    cases_ = list(queryset.select_related("topic", "directorate", "neighbourhood")[:MAX_REQUESTS])
    updated = {}
    for case_id, at in (
        CaseEvent.objects.filter(case__in=[case.pk for case in cases_], public=True)
        .order_by("case_id", "at")
        .values_list("case_id", "at")
    ):
        updated[case_id] = at
    return [_request(case, private, updated.get(case.pk)) for case in cases_]


@csrf_exempt
@endpoint("GET", "POST")
def requests(request, format_):
    if request.method == "POST":
        return _post_request(request, format_)
    partner = _reader(request)
    found = Case.objects.exclude(status=Case.Status.DUPLICATE).order_by("-received_at")
    ids = [value.strip() for value in request.GET.get("service_request_id", "").split(",") if value.strip()]
    if ids:
        found = found.filter(tracking_number__in=ids)
    else:
        start = _date(request.GET.get("start_date"), "start_date")
        end = _date(request.GET.get("end_date"), "end_date")
        if start and end and start > end:
            raise Open311Error(400, "start_date must be before end_date.")
        end = end or timezone.now()
        start = start or end - DEFAULT_WINDOW
        found = found.filter(received_at__gte=start, received_at__lte=end)
        codes = [code for code in request.GET.get("service_code", "").split(",") if code.strip()]
        if codes:
            if not all(SERVICE_CODE.fullmatch(code.strip()) for code in codes):
                raise Open311Error(400, "service_code must be one or more service codes separated by commas.")
            found = found.filter(topic_id__in=[int(code) for code in codes])
        status = request.GET.get("status", "")
        if status:
            wanted = {value.strip() for value in status.split(",")}
            if not wanted <= {"open", "closed"}:
                raise Open311Error(400, "status must be open, closed or both.")
            if wanted == {"open"}:
                found = found.filter(status__in=Case.OPEN_STATUSES)
            elif wanted == {"closed"}:
                found = found.exclude(status__in=Case.OPEN_STATUSES)
    return _respond(format_, "service_requests", "request", _listing(found, partner is not None))


@endpoint("GET")
def request_detail(request, service_request_id, format_):
    partner = _reader(request)
    found = Case.objects.filter(tracking_number=service_request_id).exclude(status=Case.Status.DUPLICATE)
    items = _listing(found, partner is not None)
    if not items:
        raise Open311Error(404, "Service request not found: " + service_request_id)
    return _respond(format_, "service_requests", "request", items)


@endpoint("GET")
def token(request, token_id, format_):
    case = Case.objects.filter(uuid=token_id if handoff.is_uuid(token_id) else None).first()
    if case is None:
        raise Open311Error(404, "Token not found: " + token_id)
    return _respond(
        format_, "service_requests", "request", [{"service_request_id": case.tracking_number, "token": str(case.uuid)}]
    )


def _post_request(request, format_):
    partner = _partner(request)
    if partner is None:
        raise Open311Error(403, "api_key is required to post a service request.")
    if limits.consume(request, ("open311_post", str(partner.pk))):
        raise Open311Error(429, "Too many requests with this api_key; try again in a minute.")
    data = request.POST
    code = data.get("service_code", "")
    topic = _topic(code)
    if topic is None:
        raise Open311Error(
            400 if not code else 404, "service_code is required." if not code else f"Service not found: {code}"
        )
    if not (data.get("lat") and data.get("long")) and not data.get("address_string") and not data.get("address_id"):
        raise Open311Error(400, "A location is required: lat and long, or address_string.")
    place = Neighbourhood.objects.filter(slug=data.get("attribute[mahalle]", "")).first()
    name = " ".join(part for part in (data.get("first_name", ""), data.get("last_name", "")) if part).strip()
    anonymous = not (name and (data.get("phone") or data.get("email")))
    form = SuggestionForm(
        {
            "kind": data.get("attribute[kind]") or Case.Kind.REQUEST,
            "topic": topic.pk,
            "neighbourhood": place.pk if place else "",
            "address": data.get("address_string", "")[:300],
            "latitude": data.get("lat", ""),
            "longitude": data.get("long", ""),
            "description": data.get("description", ""),
            "anonymous": "on" if anonymous else "",
            "name": name,
            "phone": data.get("phone", ""),
            "email": data.get("email", ""),
            "consent": "on",  # the partner answers for its own users' consent, recorded below
        }
    )
    if not form.is_valid():
        problems = [f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()]
        raise Open311Error(400, "; ".join(problems))
    cleaned = form.cleaned_data
    contacts = [("suggestion_phone", cleaned["phone"]), ("suggestion_email", cases.email_limit_key(cleaned["email"]))]
    if limits.consume(request, *[(action, key) for action, key in contacts if key]):
        raise Open311Error(429, "Several requests have already been sent today with this phone or e-mail.")
    case = cases.file_case(
        channel=Channel.OPEN311,
        kind=cleaned["kind"],
        topic=topic,
        neighbourhood=cleaned["neighbourhood"],
        address=cleaned["address"],
        latitude=cleaned["latitude"],
        longitude=cleaned["longitude"],
        description=cleaned["description"],
        anonymous=cleaned["anonymous"],
        name=cleaned["name"],
        phone=cleaned["phone"],
        email=cleaned["email"],
        reply_by=cleaned["reply_by"],
        consent_at=timezone.now(),
        consent_document=f"Open311: {partner.name}",
    )
    notice = f"Takip numarası {case.display_number}; en geç {case.due_on:%d.%m.%Y} tarihinde yanıtlanacak."
    item = {
        "service_request_id": case.tracking_number,
        "token": str(case.uuid),
        "service_notice": notice,
        "account_id": None,
    }
    return _respond(format_, "service_requests", "request", [item], status=201)


def urls():
    from django.urls import re_path

    suffix = r"\.(?P<format_>json|xml)$"
    return [
        re_path(r"^discovery" + suffix, discovery, name="discovery"),
        re_path(r"^services" + suffix, services, name="services"),
        re_path(r"^services/(?P<service_code>[^/.]+)" + suffix, service_definition, name="service"),
        re_path(r"^requests" + suffix, requests, name="requests"),
        re_path(r"^requests/(?P<service_request_id>[^/.]+)" + suffix, request_detail, name="request"),
        re_path(r"^tokens/(?P<token_id>[^/.]+)" + suffix, token, name="token"),
        re_path(r"", not_found),
    ]
