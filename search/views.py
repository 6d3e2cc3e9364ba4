from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from . import engine, limits, text


def search_results(request):
    """The site search: a plain GET form, results ranked and quoted with the words marked."""
    if len(request.META.get("QUERY_STRING", "")) > limits.MAX_QUERY_STRING:
        return private(render(request, "search/too_long.html", status=414))
    wait = limits.seconds_to_wait(request)
    if wait:
        response = render(request, "search/too_many.html", {"seconds": wait}, status=429)
        response["Retry-After"] = str(wait)
        return private(response)
    query, shortened = text.clean_query(request.GET.get("q", ""))
    hits = engine.search(query) if query else []
    page = Paginator(hits, 20).get_page(request.GET.get("page"))
    kinds = {hit.searchable for hit in hits}
    response = render(
        request,
        "search/search.html",
        {
            "query": query,
            "shortened": shortened,
            "max_length": text.MAX_QUERY_LENGTH,
            "page_obj": page,
            "results": engine.present(page.object_list, query, kinds),
        },
    )
    return private(response)


def private(response):
    # One page per query string would push the site's pages out of the page cache, and
    # what a citizen searched for is their own business: no shared cache keeps it.
    patch_cache_control(response, private=True, no_cache=True)
    return response
