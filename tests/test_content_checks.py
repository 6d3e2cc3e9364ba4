"""
The editors' content checks: each check with a text that triggers it and one that does
not, measured on the text as visitors see it (Markdown rendered, then read as text).
"""

import subprocess
import sys
import textwrap

from django.conf import settings
from django.test import SimpleTestCase, override_settings
from django.utils import translation

from content_checks import hints, metrics
from content_checks.reports import language_reports
from content_checks.text import read_markdown
from pages.models import EasyReadPage, Notice
from photos.models import Photo


def codes(found):
    return [hint.code for hint in found]


def language(markdown, code="de", easy_read=False):
    return codes(hints.language_hints(read_markdown(markdown), code, easy_read=easy_read))


def accessibility(markdown="", **kwargs):
    return codes(hints.accessibility_hints(read_markdown(markdown), **kwargs))


def translation_codes(german, english):
    source, target = read_markdown(german), read_markdown(english)
    return codes(hints.translation_hints(source, target, source.text, target.text))


class TextTests(SimpleTestCase):
    def test_the_text_is_read_as_rendered_without_markup_or_the_external_link_marker(self):
        document = read_markdown(
            "# Kontakt\n\nSchreiben Sie *uns* an [die Stadt](https://www.dortmund.de/).\n\n"
            "- Montag\n- Dienstag"
        )
        assert [(b.kind, b.text) for b in document.blocks] == [
            ("heading", "Kontakt"),
            ("paragraph", "Schreiben Sie uns an die Stadt."),
            ("item", "Montag"),
            ("item", "Dienstag"),
        ]
        assert [(link.text, link.href) for link in document.links] == [
            ("die Stadt", "https://www.dortmund.de/")
        ]

    def test_list_items_and_headings_are_sentences_and_abbreviations_end_none(self):
        document = read_markdown("Wir helfen z. B. bei Kursen. Am 30. Januar ist Fest.\n\n- Kurse")
        assert document.sentences() == [
            "Wir helfen z. B. bei Kursen.",
            "Am 30. Januar ist Fest.",
            "Kurse",
        ]


class MetricsTests(SimpleTestCase):
    def test_words_and_reading_time_by_the_speed_of_each_language(self):
        assert metrics.word_count("Wir sind da, für alle 3 Menschen.") == 7
        assert metrics.reading_minutes(0, "de") == 0
        assert metrics.reading_minutes(179, "de") == 1
        assert metrics.reading_minutes(180, "de") == 2
        assert metrics.reading_minutes(228, "en") == 1
        assert metrics.reading_minutes(229, "en") == 2

    def test_german_gets_flesch_amstad_and_wiener_sachtextformel_with_verdicts(self):
        easy = metrics.readability(read_markdown("Wir sind da. Wir helfen dir. Das ist gut."), "de")
        assert [score.name for score in easy] == ["Flesch-Amstad", "Wiener Sachtextformel"]
        assert [score.verdict for score in easy] == ["easy", "easy"]
        assert easy[0].difficult_sentences == []
        hard_sentence = (
            "Die Weiterentwicklung integrationspolitischer Handlungskonzepte erfordert "
            "interkommunale Koordinationsstrukturen."
        )
        hard = metrics.readability(read_markdown(f"Wir sind da. {hard_sentence}"), "de")
        assert [score.verdict for score in hard] == ["hard", "hard"]
        assert hard[0].difficult_sentences == [hard_sentence]
        assert hard[1].difficult_sentences == [hard_sentence]

    def test_english_gets_flesch_reading_ease_and_names_the_sentence_that_lowers_it(self):
        easy = metrics.readability(read_markdown("We are here. We help you. It is free."), "en")
        with translation.override("en"):
            assert [(str(s.name), s.verdict) for s in easy] == [("Flesch reading ease", "easy")]
        hard_sentence = (
            "Municipal administrative coordination necessitates comprehensive "
            "intercultural organisational responsibilities."
        )
        hard = metrics.readability(read_markdown(f"We are here. {hard_sentence}"), "en")
        assert hard[0].verdict == "hard"
        assert hard[0].difficult_sentences == [hard_sentence]

    def test_no_score_for_a_language_the_formulas_were_not_made_for(self):
        assert metrics.readability(read_markdown("نحن هنا. نحن نساعد."), "ar") == []

    def test_verdicts_in_plain_german_words(self):
        with translation.override("de"):
            labels = [str(metrics.Verdict.LABELS[v]) for v in ("easy", "medium", "hard")]
        assert labels == ["leicht", "mittel", "schwer"]
        assert metrics.flesch_verdict(60) == "easy"
        assert metrics.flesch_verdict(45) == "medium"
        assert metrics.flesch_verdict(20) == "hard"
        assert metrics.wiener_verdict(7) == "easy"
        assert metrics.wiener_verdict(10) == "medium"
        assert metrics.wiener_verdict(14) == "hard"

    def test_english_syllables_come_from_the_shipped_dictionary_without_any_download(self):
        # A fresh interpreter with no network and an empty home (no nltk_data anywhere).
        script = textwrap.dedent(
            """
            import socket
            def refuse(*args, **kwargs):
                raise OSError("no network in this test")
            socket.socket = refuse
            socket.create_connection = refuse
            from textstat.textstat import textstatistics
            stats = textstatistics()
            stats.set_lang("en")
            print(stats.syllable_count("readability"), stats.syllable_count("integration"))
            print(sorted(m for m in __import__("sys").modules if m.startswith("nltk")))
            """
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            env={"HOME": "/nonexistent", "PATH": "/usr/bin:/bin"},
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split("\n")[:2] == ["5 4", "[]"]


class LanguageHintTests(SimpleTestCase):
    LONG = " ".join(["Wort"] * 21) + "."

    def test_a_sentence_over_20_words_in_either_language(self):
        assert language(self.LONG) == ["long-sentence"]
        assert language(" ".join(["Wort"] * 20) + ".") == []
        assert language(" ".join(["word"] * 21) + ".", "en") == ["long-sentence"]
        assert language(" ".join(["word"] * 20) + ".", "en") == []

    def test_a_german_compound_over_20_letters_without_hyphen_or_mediopunkt(self):
        assert language("Die Migrantenselbstorganisationen helfen.") == ["long-word"]
        assert language("Die Migranten-Selbst·organisationen helfen.") == []
        assert language("Die Migrantenselbstorganisationen helfen.", "en") == []

    def test_passive_voice_in_english(self):
        assert language("The plan was adopted by the council.", "en") == ["passive"]
        assert language("The plan is written for everyone.", "en") == ["passive"]
        assert language("The council adopted the plan.", "en") == []
        assert language("Der Plan wurde beschlossen.") == []

    def test_easy_read_allows_12_words_per_sentence(self):
        thirteen = " ".join(["Wort"] * 13) + "."
        twelve = " ".join(["Wort"] * 12) + "."
        assert language(thirteen, easy_read=True) == ["long-sentence"]
        assert language(twelve, easy_read=True) == []
        assert language(thirteen) == []

    def test_easy_read_one_statement_per_sentence(self):
        assert language("Wir helfen, weil es wichtig ist.", easy_read=True) == ["two-statements"]
        assert language("Wir helfen. Das ist wichtig.", easy_read=True) == []
        assert language("We help, because it matters.", "en", easy_read=True) == ["two-statements"]
        assert language("We help. It matters.", "en", easy_read=True) == []

    def test_easy_read_long_words_split_with_a_mediopunkt(self):
        assert language("Das Integrationszentrum hilft.", easy_read=True) == ["easy-read-long-word"]
        assert language("Das Integrations·zentrum hilft.", easy_read=True) == []
        assert language("Das Integrationszentrum hilft.") == []


class AccessibilityHintTests(SimpleTestCase):
    def test_link_texts_that_say_nothing(self):
        for text in ["hier", "Mehr", "click here", "Read more"]:
            assert accessibility(f"Infos [{text}](https://example.org/a)") == ["vague-link"], text
        assert accessibility("Infos zum [Masterplan](https://example.org/a)") == []

    def test_a_bare_web_address_as_link_text(self):
        assert accessibility("<https://www.dortmund.de/>") == ["url-link"]
        assert accessibility("[www.dortmund.de](https://www.dortmund.de/)") == ["url-link"]
        assert accessibility("[Stadt Dortmund](https://www.dortmund.de/)") == []

    def test_headings_that_skip_a_level(self):
        assert accessibility("## Unterpunkt\n\nText") == ["skipped-heading"]
        assert accessibility("# Teil\n\n### Unterpunkt") == ["skipped-heading"]
        assert accessibility("# Teil\n\n## Unterpunkt\n\n# Nächster Teil") == []

    def test_alt_text_that_repeats_the_file_name(self):
        found = codes(hints.alt_text_hints("IMG_2041.jpg", ["photos/IMG_2041.jpg"]))
        assert found == ["alt-file-name"]
        assert codes(hints.alt_text_hints("friedensplatz", ["photos/friedensplatz.jpg"])) == [
            "alt-file-name"
        ]
        assert codes(hints.alt_text_hints("Der Friedensplatz im Sommer", ["photos/f.jpg"])) == []

    def test_alt_text_that_starts_with_bild_von_or_foto_von(self):
        assert codes(hints.alt_text_hints("Bild von einem Haus")) == ["alt-image-of"]
        assert codes(hints.alt_text_hints("Foto vom Rathaus")) == ["alt-image-of"]
        assert codes(hints.alt_text_hints("Picture of a house")) == ["alt-image-of"]
        assert codes(hints.alt_text_hints("Ein Haus mit Bildern von Kindern")) == []

    def test_alt_text_longer_than_about_150_characters(self):
        assert codes(hints.alt_text_hints("Ein Haus " * 17)) == ["alt-long"]
        assert codes(hints.alt_text_hints("Ein Haus " * 16)) == []

    def test_text_in_capitals(self):
        assert accessibility("BITTE BEACHTEN SIE DIE NEUEN ZEITEN.") == ["capitals"]
        assert accessibility("Die BITV 2.0 und die DSGVO gelten.") == []
        assert accessibility(titles=["WILLKOMMEN BEI UNS HEUTE"]) == ["capitals"]

    def test_an_emoji_as_the_only_content_of_a_heading_or_link(self):
        assert accessibility("# 📞\n\nText") == ["emoji-heading"]
        assert accessibility("Rufen Sie an: [☎️](tel:+49231)") == ["emoji-link"]
        assert accessibility(titles=["🎉"]) == ["emoji-heading"]
        assert accessibility("# 📞 Kontakt\n\nText [☎️ Anrufen](tel:+49231)") == []


class TranslationHintTests(SimpleTestCase):
    GERMAN = (
        "Das Zentrum berät Menschen aus vielen Ländern zu Arbeit, Wohnen und Sprache. "
        "Es arbeitet mit Vereinen, Projekten und Initiativen in der ganzen Stadt zusammen. "
        "Die Beratung ist kostenlos und vertraulich, auf Wunsch auch mit Dolmetschung."
    )
    ENGLISH = (
        "The centre advises people from many countries on work, housing and language. "
        "It works with associations, projects and initiatives across the whole city. "
        "Advice is free and confidential, with an interpreter if you wish."
    )

    def test_a_translation_much_shorter_or_longer_than_the_german(self):
        assert translation_codes(self.GERMAN, self.ENGLISH) == []
        assert translation_codes(self.GERMAN, self.ENGLISH.split(". ")[0] + ".") == ["length-ratio"]
        assert translation_codes(self.GERMAN, self.ENGLISH * 2) == ["length-ratio"]

    def test_numbers_and_dates_of_the_german_missing_in_the_english(self):
        german = "Am 30. Januar 2026 um 14 Uhr, Raum 3. Frist: 01.12.2026."
        assert translation_codes(german, "On 30 January 2026 at 2 pm, room 3.") == [
            "missing-numbers",
            "missing-months",
        ]
        assert (
            translation_codes(
                german, "On 30 January 2026 at 14:00, room 3. Deadline: 1 December 2026."
            )
            == []
        )

    def test_e_mail_addresses_and_links_of_the_german_missing_in_the_english(self):
        german = (
            "Schreiben Sie an mia@dortmund.de oder lesen Sie [mehr dazu](https://example.org/plan)."
        )
        assert translation_codes(german, "Write to us or read about it.") == [
            "missing-emails",
            "missing-links",
        ]
        assert (
            translation_codes(
                german, "Write to mia@dortmund.de or read [the plan](https://example.org/plan)."
            )
            == []
        )


class ObjectReportTests(SimpleTestCase):
    def test_each_language_is_checked_and_a_missing_translation_says_so(self):
        de, en = language_reports(Notice, {"title_de": "Fest", "text_de": "Wir feiern."})
        assert (de.language, de.has_text, de.words) == ("de", True, 3)
        assert (en.language, en.has_text) == ("en", False)

    def test_the_easy_read_model_gets_the_stricter_rules_by_its_own_attribute(self):
        text = "Wir helfen, weil es wichtig ist."
        easy = language_reports(EasyReadPage, {"title_de": "Leicht", "body_de": text})[0]
        notice = language_reports(Notice, {"title_de": "Leicht", "text_de": text})[0]
        assert codes(easy.hints) == ["two-statements"]
        assert codes(notice.hints) == []

    def test_alt_texts_are_checked_as_descriptions_of_the_picture(self):
        de, en = language_reports(
            Photo,
            {
                "alt_text_de": "rathaus",
                "caption_de": "Rathaus",
                "alt_text_en": "Town hall",
            },
            ["photos/rathaus.jpg"],
        )
        assert codes(de.hints) == ["alt-file-name"]
        assert codes(en.hints) == []

    @override_settings(LANGUAGE_CODE="de")
    def test_the_source_language_is_the_one_translations_are_compared_with(self):
        assert settings.LANGUAGE_CODE == "de"
        _de, en = language_reports(
            Notice,
            {
                "title_de": "Fest",
                "text_de": "Am 3. Mai.",
                "title_en": "Party",
                "text_en": "In May.",
            },
        )
        assert codes(en.hints) == ["missing-numbers"]
