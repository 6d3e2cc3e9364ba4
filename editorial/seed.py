"""
Seed content kept as data: one Markdown file per record and language.

A record `<name>` in a seed folder is the files `<name>.<language>.md`, e.g. `impressum.de.md`
and `impressum.en.md`. Each file's YAML front matter holds the short fields and its Markdown
body the one long text the caller names. A field the model translates is written in every
language's file and read as `title_de`, `title_en`, …; any other field (slug, order, file
names) is written once, in the file of the source language, and read as it is. A body is
read without the blank lines around it.
"""

from pathlib import Path

import frontmatter
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from .models import SeedRecord


def read_record(path: Path, model, body: str | None = None) -> dict:
    """
    The field values of the record whose files start with `path` (`…/legal/impressum`),
    for `model`; `body` names the field that the files' Markdown body holds.
    """
    translated = set(translator.get_options_for_model(model).fields)
    values = {}
    files = sorted(path.parent.glob(f"{path.name}.*.md"))
    if not files:
        raise FileNotFoundError(f"{path}.{DEFAULT_LANGUAGE}.md")
    for file in files:
        language = file.name.removesuffix(".md").rpartition(".")[2]
        post = frontmatter.load(file)
        for field, value in post.metadata.items():
            if field in translated:
                values[build_localized_fieldname(field, language)] = value
            elif language == DEFAULT_LANGUAGE:
                values[field] = value
            else:
                raise ValueError(
                    f"{file}: {field} is the same in every language; it belongs in "
                    f"the {DEFAULT_LANGUAGE} file"
                )
        if body:
            values[build_localized_fieldname(body, language)] = post.content
        elif post.content:
            raise ValueError(f"{file}: this record has no long text, but the file has a body")
    return values


def read_records(folder: Path, model, body: str | None = None) -> list[dict]:
    """Every record in `folder` (see `read_record`), in the order of their names."""
    names = sorted({file.name.split(".", 1)[0] for file in folder.glob("*.*.md")})
    return [read_record(folder / name, model, body) for name in names]


def seed_once(key, create):
    """Create a seed item unless it was created before, even if an editor has since deleted it."""
    if SeedRecord.objects.filter(key=key).exists():
        return False
    create()
    SeedRecord.objects.create(key=key)
    return True
