"""Uploads served by the site itself (the embedded default), with HTTP Range for videos."""

import re

from django.conf import settings
from django.http import HttpResponse
from django.views.static import serve

from photos import renditions

# Largest part of a file one ranged response carries. Browsers ask for `bytes=N-` and take
# what comes, so each answer stays short and no worker streams a whole video for minutes.
MAX_RANGE_LENGTH = 8 * 1024 * 1024
SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
UNSATISFIABLE = "unsatisfiable"


def requested_range(header, size):
    """(first, last) byte of a single `Range: bytes=…` header, UNSATISFIABLE, or None.

    None means "send the whole file": several ranges or a malformed one, which RFC 9110
    (section 14.2) lets a server ignore.
    """
    match = SINGLE_RANGE.fullmatch(header.replace(" ", ""))
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":  # the final N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        first, last = max(size - suffix, 0), size - 1
    else:
        first = int(first)
        if last and int(last) < first:
            return None
        if first >= size:
            return UNSATISFIABLE
        last = min(int(last), size - 1) if last else size - 1
    return first, min(last, first + MAX_RANGE_LENGTH - 1)


def partial(response, request):
    """The part of a whole-file response that the request's Range header asks for.

    Safari plays video only from a server that answers ranges; Django's static.serve
    does not (ticket #22479), and the packages that add it are unmaintained since 2017.
    """
    header = request.headers.get("Range")
    if response.status_code != 200 or not header or request.method not in ("GET", "HEAD"):
        return response
    if_range = request.headers.get("If-Range")
    if if_range and if_range != response.get("Last-Modified"):
        return response  # the file changed since the client's first part: send all of it
    size = int(response["Content-Length"])
    wanted = requested_range(header, size)
    if wanted is None:
        return response
    if wanted == UNSATISFIABLE:
        response.close()
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return refused
    first, last = wanted
    file = response.file_to_stream
    file.seek(first)
    ranged = HttpResponse(file.read(last - first + 1), status=206)
    response.close()
    for header_name in ("Content-Type", "Last-Modified", "Content-Encoding"):
        if header_name in response:
            ranged[header_name] = response[header_name]
    ranged["Content-Range"] = f"bytes {first}-{last}/{size}"
    return ranged


def media(request, path):
    """Uploads in the embedded default; a web server or object storage takes over at scale."""
    response = partial(serve(request, path, document_root=settings.MEDIA_ROOT), request)
    response["Accept-Ranges"] = "bytes"
    if path.startswith(f"{renditions.FOLDER}/"):
        # Named by a hash of their content: a new image gets new names, so these never change.
        response["Cache-Control"] = "public, max-age=31536000, immutable"
    else:
        response["Cache-Control"] = f"public, max-age={settings.MEDIA_MAX_AGE}"
    return response
