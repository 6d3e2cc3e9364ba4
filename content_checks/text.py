"""
A text as visitors read it: the editor's Markdown rendered by the site's own renderer,
then read back as blocks (paragraphs, list items, headings), sentences, links and
headings. The checks work on this, never on the Markdown source.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from editorial.rich_text import render_markdown

BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "h5", "h6"}
# Words with a full stop that does not end a sentence.
ABBREVIATIONS = {
    "a", "b", "bzw", "ca", "d", "dr", "e", "etc", "evtl", "ggf", "h", "i", "inkl", "mr",
    "mrs", "ms", "nr", "o", "s", "st", "str", "u", "usw", "v", "vgl", "z", "zb",
}  # fmt: skip
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”“'’)]*\s+")
WORD = re.compile(r"[\w·’'-]+", re.UNICODE)


@dataclass
class Block:
    """A paragraph, list item or heading (`level` 2–6) as it appears on the page."""

    kind: str
    text: str
    level: int = 0


@dataclass
class Link:
    text: str
    href: str


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def headings(self):
        return [block for block in self.blocks if block.kind == "heading"]

    @property
    def text(self):
        return "\n".join(block.text for block in self.blocks)

    def sentences(self):
        """Every sentence; a list item or heading counts as one sentence of its own."""
        return [sentence for block in self.blocks for sentence in split_sentences(block.text)]

    def prose(self):
        """The sentences as one text in which each ends with its mark, for the formulas."""
        return " ".join(
            sentence if sentence[-1] in ".!?…:" else f"{sentence}." for sentence in self.sentences()
        )


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.document = Document()
        self.block = None
        self.link = None
        self.hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if self.hidden_depth or (
            tag == "span" and "visually-hidden" in (values.get("class") or "")
        ):
            # Our own "(external link)" marker: screen readers hear it, nobody wrote it.
            self.hidden_depth += 1
        elif tag in BLOCK_TAGS:
            self.end_block()
            kind = "heading" if tag.startswith("h") else ("item" if tag == "li" else "paragraph")
            self.block = Block(kind, "", int(tag[1]) if kind == "heading" else 0)
        elif tag == "a":
            self.link = Link("", values.get("href") or "")
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag):
        if self.hidden_depth:
            self.hidden_depth -= tag == "span"
        elif tag in BLOCK_TAGS:
            self.end_block()
        elif tag == "a" and self.link is not None:
            self.link.text = " ".join(self.link.text.split())
            self.document.links.append(self.link)
            self.link = None

    def handle_data(self, data):
        if self.hidden_depth:
            return
        if self.block is None:
            self.block = Block("paragraph", "")
        self.block.text += data
        if self.link is not None:
            self.link.text += data

    def end_block(self):
        if self.block is not None:
            self.block.text = " ".join(self.block.text.split())
            if self.block.text:
                self.document.blocks.append(self.block)
        self.block = None


def read_html(html):
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.end_block()
    return reader.document


def read_markdown(markdown_text):
    """The document a visitor sees for an editor's Markdown (`#` is an h2 under the title)."""
    return read_html(str(render_markdown(markdown_text or "", heading_level=2)))


def split_sentences(text):
    sentences, current = [], ""
    for part in SENTENCE_END.split(text.strip()):
        current = f"{current} {part}".strip()
        last_word = current.rstrip(".").rsplit(" ", 1)[-1].lower()
        if current.endswith(".") and (
            last_word in ABBREVIATIONS or (last_word.isdigit() and len(last_word) <= 2)
        ):
            # "z. B." or "26. November": the full stop belongs to a word.
            continue
        if current:
            sentences.append(current)
        current = ""
    if current:
        sentences.append(current)
    return sentences


def words(text):
    """The words of a text (numbers count, punctuation does not)."""
    return [word.strip("'’-·") for word in WORD.findall(text) if word.strip("'’-·_")]
