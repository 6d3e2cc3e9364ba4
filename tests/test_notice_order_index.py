"""The newest notices (home, list, feed) are read from an index in their order, so their
cost does not grow with the number of notices (the feed at 5,000 notices, `make bench`)."""

from django.db import connection
from django.test import TestCase

from pages.models import Notice


class NewestNoticesTests(TestCase):
    def test_the_newest_notices_are_read_in_index_order(self):
        sql, params = Notice.objects.published()[:20].query.sql_with_params()
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
                plan = " ".join(str(row) for row in cursor.fetchall())
                assert "USING INDEX notice_newest_first" in plan, plan
                assert "TEMP B-TREE" not in plan, plan
            else:
                cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'pages_notice'")
                assert "notice_newest_first" in {row[0] for row in cursor.fetchall()}
