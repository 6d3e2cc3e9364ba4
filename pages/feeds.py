"""The Atom feed of notices, one per language at that language's address."""

import functools
import re
import uuid

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from editorial.page_cache import kept_response
from editorial.rich_text import render_markdown

from .models import AgencyProfile, Notice

FEED_LENGTH = 20
# Entry ids are derived from this, the notice and the language: they never change when a
# notice is edited, renamed or moved, nor when the site moves to another host.
ENTRY_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:miado-ki:notices")
# Characters XML 1.0 cannot carry. Text pasted from a word processor may hold one (a
# vertical tab for a manual line break), and Django refuses to write the whole feed then.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text):
    """`text` without the characters XML cannot carry; a line or page break becomes a space."""
    return NOT_IN_XML.sub(lambda match: " " if match[0] in "\x0b\x0c" else "", text)


class AtomFeedWithEntryLanguages(Atom1Feed):
    """Atom, with `xml:lang` on each entry whose text is not in the feed's language."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("content_language", self.feed["language"]) != self.feed["language"]:
            attributes["xml:lang"] = item["content_language"]
        return attributes


class NoticeFeed(Feed):
    feed_type = AtomFeedWithEntryLanguages

    def __call__(self, request, *args, **kwargs):
        # Twenty entries cost some 15 ms to write, and feed readers poll: the same feed
        # for everyone until a save or a scheduled notice changes it.
        render = functools.partial(super().__call__, request, *args, **kwargs)
        return kept_response(request, "notice-feed", render)

    def get_object(self, request):
        return AgencyProfile.one()

    def title(self, profile):
        site_name = (profile.short_name or profile.name) if profile else gettext("MIA-DO-KI")
        return xml_text(f"{gettext('News')} – {site_name}")

    def subtitle(self):
        return gettext(
            "News and notices from the migration and integration agency of the City of Dortmund."
        )

    def author_name(self, profile):
        return xml_text(profile.name) if profile else gettext("MIA-DO-KI")

    def link(self):
        return reverse("pages:notice-list")

    def feed_url(self):
        return reverse("pages:notice-feed")

    def items(self):
        return Notice.objects.published()[:FEED_LENGTH]

    def item_title(self, notice):
        return xml_text(notice.title)

    def item_description(self, notice):
        # The whole text as sanitised HTML, as the page shows it (Atom: <summary type="html">).
        return xml_text(render_markdown(notice.text))

    def item_guid(self, notice):
        return uuid.uuid5(ENTRY_ID_NAMESPACE, f"{notice.pk}/{get_language()}").urn

    item_guid_is_permalink = False

    def item_pubdate(self, notice):
        return notice.publish_from or notice.created_at

    def item_updateddate(self, notice):
        return notice.updated_at

    def item_extra_kwargs(self, notice):
        # Title and text in the feed's language, or the German they fall back to: an entry
        # counts as translated only where both are (as for hreflang).
        language_code = get_language()
        languages = notice.content_languages()
        return {"content_language": language_code if language_code in languages else languages[0]}
