"""
German ordering of titles (DIN 5007: Apfel < Ärger < Bär < Öl < Ost < Straße < Zebra)
on both database engines, under one collation name.

On PostgreSQL it is ICU's German collation, created by migration pages 0008 (Debian's
and the official images' PostgreSQL are built with ICU). SQLite only knows byte order
(which puts Ä, Ö, Ü after Z), so every SQLite connection gets a collation of the same
name, backed by pyuca's Unicode Collation Algorithm, whose default order is the same as
German's. The name is a bare word because SQLite's schema editor does not quote it.
"""

import functools

import pyuca

GERMAN = "german"


@functools.cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()


@functools.lru_cache(maxsize=4096)
def _sort_key(text: str) -> tuple:
    # The text itself breaks ties, so that distinct strings never compare equal.
    return (_collator().sort_key(text), text)


def compare(a: str, b: str) -> int:
    key_a, key_b = _sort_key(a), _sort_key(b)
    return (key_a > key_b) - (key_a < key_b)


def register_on_sqlite(sender, connection, **kwargs):
    """connection_created receiver: teach each new SQLite connection the German order."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(GERMAN, compare)
