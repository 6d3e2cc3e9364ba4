"""The seed machinery: content apps load their seed items through `seed_once`."""

from .models import SeedRecord


def seed_once(key, create):
    """Create a seed item unless it was created before, even if an editor has since deleted it."""
    if SeedRecord.objects.filter(key=key).exists():
        return False
    create()
    SeedRecord.objects.create(key=key)
    return True
