"""Photos and their history move here from `pages`, keeping their tables."""

import django.db.models.deletion
import photos.validators
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from editorial.migrations._content_type_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pages', '0010_easy_read_and_sign_language_pages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # The tables stay where they are (Meta.db_table): only Django's idea of which app
        # a model belongs to changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Photo',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('image', models.ImageField(height_field='height', upload_to='photos/', validators=[photos.validators.validate_photo_upload], verbose_name='image', width_field='width')),
                        ('width', models.PositiveIntegerField(editable=False, null=True, verbose_name='width')),
                        ('height', models.PositiveIntegerField(editable=False, null=True, verbose_name='height')),
                        ('alt_text', models.CharField(help_text='Describes the picture for people who cannot see it.', max_length=250, verbose_name='alternative text')),
                        ('alt_text_de', models.CharField(help_text='Describes the picture for people who cannot see it.', max_length=250, null=True, verbose_name='alternative text')),
                        ('alt_text_en', models.CharField(help_text='Describes the picture for people who cannot see it.', max_length=250, null=True, verbose_name='alternative text')),
                        ('caption', models.CharField(blank=True, max_length=250, verbose_name='caption')),
                        ('caption_de', models.CharField(blank=True, max_length=250, null=True, verbose_name='caption')),
                        ('caption_en', models.CharField(blank=True, max_length=250, null=True, verbose_name='caption')),
                        ('credit_name', models.CharField(help_text='Name of the photographer, graphic artist or licence holder.', max_length=200, verbose_name='credit')),
                        ('credit_role', models.CharField(blank=True, choices=[('photographer', 'Photographer'), ('graphic_artist', 'Graphic artist'), ('licence_holder', 'Licence holder')], max_length=20, verbose_name='credit role')),
                        ('licence', models.CharField(blank=True, max_length=200, verbose_name='licence')),
                        ('source_url', models.URLField(blank=True, verbose_name='source link')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                        ('renditions', models.JSONField(default=dict, editable=False)),
                    ],
                    options={
                        'verbose_name': 'photo',
                        'verbose_name_plural': 'photos',
                        'db_table': 'pages_photo',
                        'ordering': ['pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalPhoto',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('image', models.TextField(max_length=100, validators=[photos.validators.validate_photo_upload], verbose_name='image')),
                        ('width', models.PositiveIntegerField(editable=False, null=True, verbose_name='width')),
                        ('height', models.PositiveIntegerField(editable=False, null=True, verbose_name='height')),
                        ('alt_text', models.CharField(help_text='Describes the picture for people who cannot see it.', max_length=250, verbose_name='alternative text')),
                        ('alt_text_de', models.CharField(help_text='Describes the picture for people who cannot see it.', max_length=250, null=True, verbose_name='alternative text')),
                        ('alt_text_en', models.CharField(help_text='Describes the picture for people who cannot see it.', max_length=250, null=True, verbose_name='alternative text')),
                        ('caption', models.CharField(blank=True, max_length=250, verbose_name='caption')),
                        ('caption_de', models.CharField(blank=True, max_length=250, null=True, verbose_name='caption')),
                        ('caption_en', models.CharField(blank=True, max_length=250, null=True, verbose_name='caption')),
                        ('credit_name', models.CharField(help_text='Name of the photographer, graphic artist or licence holder.', max_length=200, verbose_name='credit')),
                        ('credit_role', models.CharField(blank=True, choices=[('photographer', 'Photographer'), ('graphic_artist', 'Graphic artist'), ('licence_holder', 'Licence holder')], max_length=20, verbose_name='credit role')),
                        ('licence', models.CharField(blank=True, max_length=200, verbose_name='licence')),
                        ('source_url', models.URLField(blank=True, verbose_name='source link')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='last changed')),
                        ('renditions', models.JSONField(default=dict, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical photo',
                        'verbose_name_plural': 'historical photos',
                        'db_table': 'pages_historicalphoto',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
    
            ],
        ),
        move_content_types('pages', 'photos', ['photo', 'historicalphoto']),
    ]
