"""
Files written by commit 904a818 (see make_fixtures.py), the last version in which Photo,
TranslationState, SeedRecord and AccessibilityFeedback belong to the `pages` app, and
where those models went when it was split.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
ARCHIVE = FOLDER / "backup-904a818.tar.gz"
PO_FILE = FOLDER / "content-en-904a818.po"
EXPECTED_FILE = FOLDER / "expected-904a818.json"

# Old label -> new label. The tables keep their names; the content types are renamed.
MOVED = {
    "pages.Photo": "photos.Photo",
    "pages.HistoricalPhoto": "photos.HistoricalPhoto",
    "pages.TranslationState": "editorial.TranslationState",
    "pages.SeedRecord": "editorial.SeedRecord",
    "pages.AccessibilityFeedback": "feedback.AccessibilityFeedback",
}


def new_label(label):
    """A model label of 904a818 as it is after the split."""
    return MOVED.get(label, label)


def new_natural_key(app_label, model):
    """A content type's (app label, model) of 904a818 as it is after the split."""
    for old, new in MOVED.items():
        if old.lower() == f"{app_label}.{model}":
            return tuple(new.lower().split("."))
    return (app_label, model)
