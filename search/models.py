from django.db import models


class Entry(models.Model):
    """What the search reads of one object in one language: its title and body as a visitor
    of that language sees them (German where a translation is empty), folded (search/text.py).

    Derived from the content, kept in step by search/index.py. On SQLite a full-text index
    (FTS5, trigram) over these columns is what a search asks; on PostgreSQL `document` holds
    the stemmed words behind a GIN index (both made in the migration)."""

    model = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    language = models.CharField(max_length=15)
    title = models.TextField()
    body = models.TextField()

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(
                fields=["model", "object_id", "language"], name="search_entry_unique"
            )
        ]

    def __str__(self):
        return f"{self.model} {self.object_id} [{self.language}]"
