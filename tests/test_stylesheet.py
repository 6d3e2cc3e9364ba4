"""
The public stylesheet's promises that a reviewer would otherwise check by eye: logical
properties only (so a right-to-left language mirrors by itself), dark mode, reduced motion,
print, and no web fonts or other hosts.
"""

import re
from pathlib import Path

from django.test import SimpleTestCase

SITE_CSS = Path(__file__).resolve().parent.parent / "static" / "css" / "site.css"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Properties and values tied to the left or right edge, whatever the writing direction.
PHYSICAL = re.compile(
    r"(?<![\w-])(?:"
    r"(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)[\w-]*\s*:"
    r"|(?:left|right)\s*:"
    r"|(?:text-align|float|clear)\s*:\s*(?:left|right)\b"
    r"|border-(?:top|bottom)-(?:left|right)-radius\s*:"
    r")",
    re.IGNORECASE,
)


def physical_declarations(css):
    css = COMMENT.sub("", css)
    return [
        f"line {css.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
        for match in PHYSICAL.finditer(css)
    ]


class StylesheetTests(SimpleTestCase):
    def setUp(self):
        self.css = SITE_CSS.read_text()

    def test_the_site_uses_logical_properties_only(self):
        assert physical_declarations(self.css) == []

    def test_physical_properties_are_found(self):
        found = physical_declarations(
            ".a { margin-left: 1px; padding-right:0; left: 0 } .b{text-align: right}"
            ".c { border-left: 3px solid; border-right-color: red; float: left }"
            "/* margin-left: in a comment is fine */ .d { margin-inline-start: 1px; inset: 0 }"
        )
        assert [line.split(": ", 1)[1] for line in found] == [
            "margin-left:",
            "padding-right:",
            "left:",
            "text-align: right",
            "border-left:",
            "border-right-color:",
            "float: left",
        ]

    def test_dark_mode_reduced_motion_and_print_have_their_own_rules(self):
        for media in ["prefers-color-scheme: dark", "prefers-reduced-motion: reduce", "print"]:
            assert f"@media ({media})" in self.css or f"@media {media}" in self.css, media

    def test_no_web_font_and_nothing_from_another_host(self):
        assert "@font-face" not in self.css
        assert "@import" not in self.css
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", self.css)
