"""Photos, barrier reports, seed records and translation states have moved to apps of their
own; their tables stay, so `pages` lets go of them in its state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0001_initial'),
        ('editorial', '0001_initial'),
        ('goals', '0003_photo_moved_to_photos'),
        ('pages', '0010_easy_read_and_sign_language_pages'),
        ('photos', '0001_initial'),
    ]

    operations = [
        # The tables stay where they are (Meta.db_table): only Django's idea of which app
        # a model belongs to changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='AccessibilityFeedback',
                ),
                migrations.RemoveField(
                    model_name='historicalphoto',
                    name='history_user',
                ),
                migrations.AlterField(
                    model_name='agencyprofile',
                    name='hero_photo',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='photos.photo', verbose_name='hero photo'),
                ),
                migrations.AlterField(
                    model_name='historicalagencyprofile',
                    name='hero_photo',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='photos.photo', verbose_name='hero photo'),
                ),
                migrations.DeleteModel(
                    name='SeedRecord',
                ),
                migrations.RemoveField(
                    model_name='translationstate',
                    name='content_type',
                ),
                migrations.DeleteModel(
                    name='HistoricalPhoto',
                ),
                migrations.DeleteModel(
                    name='Photo',
                ),
                migrations.DeleteModel(
                    name='TranslationState',
                ),
    
            ],
        ),
    ]
