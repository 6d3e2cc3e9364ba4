"""
Content translations to and from gettext PO files, the format every CAT tool reads.

Each entry is one field of one object: msgctxt is its stable id (`pages.notice:12:title`;
ids written before a model moved app, such as `pages.photo:…`, still resolve),
msgid the German text, msgstr the translation. Outdated translations are exported as
fuzzy, which CAT tools show as "needs review".

An import applies all or nothing: a PO file is one delivery from an agency, and half a
delivery on the site leaves a mix nobody asked for and nobody can tell apart. The file
is fixed and imported again instead; entries already applied change nothing the second time.
"""

import re
import tempfile
from dataclasses import dataclass

import polib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.utils import build_localized_fieldname

from .links import problems_in
from .registry import model_by_label
from .translation_status import (
    admin_url,
    earlier_source,
    mark_current,
    message_id,
    source_text,
    statuses,
    target_languages,
    translated_fields,
    translated_models,
    translated_text,
)

MAX_FILE_SIZE = 10 * 1024 * 1024
# Also what the admin answers before it reads an upload of that size at all.
FILE_TOO_LARGE = gettext_lazy("The file is larger than 10 MB.")


def export_po(language, base_url=""):
    """
    A PO file with every translatable text of the site, for one target language.
    `base_url` (https://host) makes the admin links in the comments absolute.
    """
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "MIA-DO website content",
        "PO-Revision-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": DEFAULT_LANGUAGE,
    }
    for model in translated_models():
        objects = list(model._default_manager.order_by("pk"))
        status_of = statuses(objects, [language])
        for obj in objects:
            status = status_of[(obj.pk, language)]
            for field_name in translated_fields(model):
                source = source_text(obj, field_name)
                if not source:
                    continue
                label = model._meta.get_field(field_name).verbose_name
                outdated = field_name in status.outdated
                po.append(
                    polib.POEntry(
                        msgctxt=message_id(obj, field_name),
                        msgid=source,
                        msgstr=translated_text(obj, field_name, language),
                        comment=f"{model._meta.verbose_name} „{obj}“, {label}\n"
                        f"{base_url}{admin_url(obj)}",
                        flags=["fuzzy"] if outdated else [],
                        # "#| msgid": the German the translation was made from, so that
                        # Poedit, Weblate or Lokalize show what changed.
                        previous_msgid=earlier_source(
                            obj, field_name, status.translated_from[field_name]
                        )
                        if outdated
                        else None,
                    )
                )
    return po


@dataclass
class ImportResult:
    errors: list
    applied: int = 0
    skipped: int = 0

    @property
    def ok(self):
        return not self.errors


def parse(content):
    """A POFile from uploaded bytes, or a list of error messages."""
    if len(content) > MAX_FILE_SIZE:
        return None, [FILE_TOO_LARGE]
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None, [_("The file is not a UTF-8 encoded PO file.")]
    # Through a file, so polib can never mistake content for a path to read.
    with tempfile.NamedTemporaryFile(suffix=".po") as handle:
        handle.write(content)
        handle.flush()
        try:
            return polib.pofile(handle.name, encoding="utf-8", wrapwidth=0), []
        except (OSError, ValueError) as error:
            line = re.search(r"\(line (\d+)\)", str(error))
            if line is None:
                return None, [_("The file is not a valid PO file.")]
            return None, [
                _("Line %(line)s: syntax error, the file is not a valid PO file.")
                % {"line": line.group(1)}
            ]


def _resolve(entry):
    """The object and field an entry's id names, or None."""
    try:
        label, pk, field_name = (entry.msgctxt or "").split(":")
        model = model_by_label(label)
    except (ValueError, LookupError):
        return None, None
    if model not in translated_models() or field_name not in translated_fields(model):
        return None, None
    obj = model._default_manager.filter(pk=pk).first() if pk.isdigit() else None
    return obj, field_name


def import_po(content, language=None, change_reason="PO-Import"):
    """
    Check every entry of a PO file and, if all are valid, apply them in one transaction.

    Without a language, the file's Language header decides. Entries with an empty or fuzzy
    translation are skipped: they are work the translator has not finished.
    """
    po, errors = parse(content)
    if po is None:
        return ImportResult(errors)
    header_language = (po.metadata.get("Language") or "").strip().replace("_", "-").lower()
    primary = header_language.split("-")[0]
    if header_language not in target_languages() and primary in target_languages():
        # A CAT tool may write a regional variant ("en_GB") for the language it was given.
        header_language = primary
    language = language or header_language
    if language not in target_languages():
        return ImportResult(
            [
                _("“%(language)s” is not a language content is translated into.")
                % {"language": language}
            ]
        )
    if header_language != language:
        return ImportResult(
            [
                _("The file is for the language “%(found)s”, not “%(expected)s”.")
                % {"found": header_language or "?", "expected": language}
            ]
        )
    changes = {}
    seen = set()
    result = ImportResult([])
    for entry in po:
        if entry.obsolete:
            continue
        line = entry.linenum
        if entry.msgctxt in seen:
            result.errors.append(
                _("Line %(line)s: the id “%(id)s” appears twice.")
                % {"line": line, "id": entry.msgctxt}
            )
            continue
        seen.add(entry.msgctxt)
        obj, field_name = _resolve(entry)
        if obj is None:
            result.errors.append(
                _("Line %(line)s: unknown id “%(id)s”.") % {"line": line, "id": entry.msgctxt or ""}
            )
            continue
        if entry.msgid != source_text(obj, field_name):
            result.errors.append(
                _(
                    "Line %(line)s: the German text of “%(id)s” has changed since the export; "
                    "please export again and translate the new text."
                )
                % {"line": line, "id": entry.msgctxt}
            )
            continue
        if not entry.msgstr or entry.fuzzy:
            result.skipped += 1
            continue
        model_field = obj._meta.get_field(build_localized_fieldname(field_name, language))
        try:
            model_field.clean(entry.msgstr, obj)
        except ValidationError as error:
            result.errors.append(
                _("Line %(line)s: %(error)s") % {"line": line, "error": " ".join(error.messages)}
            )
            continue
        broken = problems_in(entry.msgstr)
        if broken:
            result.errors.extend(
                _("Line %(line)s: %(error)s") % {"line": line, "error": problem}
                for problem in broken
            )
            continue
        changes.setdefault(obj, {})[field_name] = entry.msgstr
    if result.errors:
        return result
    with transaction.atomic():
        for obj, fields in changes.items():
            changed = 0
            for field_name, text in fields.items():
                name = build_localized_fieldname(field_name, language)
                if getattr(obj, name) != text:
                    setattr(obj, name, text)
                    changed += 1
            if changed:
                # Read by django-simple-history, where installed, as the revision's reason.
                obj._change_reason = change_reason
                obj.save()
                result.applied += changed
            # A reviewed entry counts as current even where its text stayed the same.
            mark_current(obj, [language], list(fields))
    return result
