"""
The full-text index over search_entry, made and dropped by the migration: SQL of the
database in use, since neither index is something Django's models can say.

- SQLite: an FTS5 table over the entries' folded title and body with the trigram
  tokenizer, so a word is found inside compounds ("integration" in
  "integrationsrates"), as a reader expects of a site search; triggers keep it in step.
- PostgreSQL: a tsvector column `document` per entry, stemmed in the language each text
  is written in (search/postgresql.py fills it), behind a GIN index.
"""

SQLITE_CREATE = [
    # IF NOT EXISTS: a tool that drops the models' tables (django-test-migrations does, to
    # rebuild an old state) leaves this one behind; the 'rebuild' below refills it anyway.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_entry_fts USING fts5("
    "title, body, content='search_entry', content_rowid='id', "
    "tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_entry_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    # Entries written before the index (none on a new database) are indexed too.
    "INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_fts_insert",
    "DROP TRIGGER IF EXISTS search_entry_fts_delete",
    "DROP TRIGGER IF EXISTS search_entry_fts_update",
    "DROP TABLE IF EXISTS search_entry_fts",
]
POSTGRESQL_CREATE = [
    "ALTER TABLE search_entry ADD COLUMN document tsvector NOT NULL DEFAULT ''::tsvector",
    # fastupdate off: new entries go straight into the index, not a pending list that every
    # search would read until the next vacuum (the site is read far more than written).
    "CREATE INDEX search_entry_document ON search_entry USING GIN (document) "
    "WITH (fastupdate = off)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS search_entry_document",
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS document",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_CREATE)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRESQL_DROP)


def fill(apps, schema_editor):
    # The live models, not the migration's: the index is derived from the content as this
    # code reads it (search/index.py), and has no history of its own.
    from . import index

    index.rebuild_if_possible()
