"""Slugs as German spells them out: "Größere Übung" becomes "groessere-uebung"."""

from django import forms

# What a German writes without umlauts; the admin's script does the same as you type a
# title (static/js/german-slugs.js).
GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
)


def spell_out_german(text):
    return text.translate(GERMAN_LETTERS)


class GermanSlugField(forms.SlugField):
    """
    A slug typed by hand with umlauts or ß is spelt out rather than refused, the way the
    slug filled in from the title is. Anything else a slug may not hold is still refused.
    """

    def to_python(self, value):
        return spell_out_german(super().to_python(value))
