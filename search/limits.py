"""
What a search may ask of the server: how often one client may search, and how long a
query string may be.

Searches are counted per client address in the "counters" cache (miado_site/settings.py),
which every worker shares: Redis where configured, else files in DJANGO_DATA_DIR. The
windows are fixed (django-ratelimit): SEARCH_RATE "30/10s" lets a client search in a
burst of up to 30 and then about three a second on average; at a window's edge it may
get up to twice the burst. A page of results from a person takes seconds to read, so
only a program meets the limit.
"""

import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.utils.crypto import salted_hmac
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

# Far above what the search form sends (200 characters, even of emoji, percent-encoded),
# below Gunicorn's limit on the request line (miado_site/gunicorn_conf.py), so that a
# longer address gets the site's own page rather than Gunicorn's bare one.
MAX_QUERY_STRING = 4096

GROUP = "search-rate"


def seconds_to_wait(request):
    """0 if this client may search now (counting this search), else the seconds until its
    window ends."""
    if not settings.SEARCH_RATE:
        return 0
    address = get_client_ip_address(request)
    if not address:
        return 0  # no counter that all visitors behind a wrong proxy set-up would share
    keyed = salted_hmac(GROUP, address).hexdigest()
    try:
        usage = get_usage(
            request,
            group=GROUP,
            key=lambda group, request: keyed,
            rate=settings.SEARCH_RATE,
            increment=True,
        )
    except OSError:
        # A data folder that cannot be written: searching matters more than counting.
        logger.warning("Cannot count searches in %s.", settings.DATA_DIR)
        return 0
    if usage is None or not usage["should_limit"]:
        return 0
    return max(1, usage["time_left"])
