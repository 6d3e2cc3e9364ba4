"""A goal's photo is now `photos.Photo`: the same table, so nothing changes in the database."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('goals', '0002_revision_history'),
        ('photos', '0001_initial'),
    ]

    operations = [
        # The tables stay where they are (Meta.db_table): only Django's idea of which app
        # a model belongs to changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='goal',
                    name='photo',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='photos.photo', verbose_name='photo'),
                ),
                migrations.AlterField(
                    model_name='historicalgoal',
                    name='photo',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='photos.photo', verbose_name='photo'),
                ),
    
            ],
        ),
    ]
