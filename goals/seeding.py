"""The Masterplan and the four goals from the agency's original page (German verbatim)."""

from pathlib import Path

from editorial.seed import read_record, read_records, seed_once

from .models import Goal, Masterplan

SEED = Path(__file__).resolve().parent / "seed"


def create_goal(values):
    masterplan = Masterplan.one()
    if masterplan is not None:
        Goal.objects.create(masterplan=masterplan, **values)


def load():
    """Load this app's seed items; returns the keys loaded now."""
    masterplan = read_record(SEED / "masterplan", Masterplan, body="description")
    steps = [("masterplan", lambda: Masterplan.objects.create(**masterplan))]
    steps += [
        (f"goal:{values['order']}", lambda values=values: create_goal(values))
        for values in read_records(SEED / "goals", Goal, body="text")
    ]
    return [key for key, create in steps if seed_once(key, create)]
