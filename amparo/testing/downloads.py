"""What a download holds, whether it was streamed (CSV) or not (XLSX, errors)."""

from django.http import HttpResponseBase


def body(response: HttpResponseBase) -> bytes:
    """The bytes of ``response``, joined from its stream when it streams."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]  # streaming responses only
    return response.content  # type: ignore[attr-defined]  # plain responses only
