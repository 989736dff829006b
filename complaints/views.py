import hmac
import json

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from complaints import handoff


@csrf_exempt
@require_POST
def handoff_update(request):
    """Answers and status changes from the municipality's system, signed with the shared secret."""
    secret = handoff.config().get("secret") or ""
    given = request.headers.get("X-Portal-Signature", "")
    # Compared as bytes: a header with non-ASCII characters is a wrong signature, not a TypeError.
    expected = handoff.signature(secret, request.body).encode()
    if not secret or not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected):
        return JsonResponse({"error": "Invalid signature."}, status=403)
    try:
        payload = json.loads(request.body)
        if not isinstance(payload, dict):
            raise ValueError
    except ValueError:
        return JsonResponse({"error": "The body must be a JSON object."}, status=400)
    try:
        applied = handoff.apply_update(payload)
    except handoff.UpdateRefused as refusal:
        return JsonResponse({"error": str(refusal)}, status=refusal.status)
    return JsonResponse({"applied": applied})
