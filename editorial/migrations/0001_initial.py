"""Seed records and translation states move here from `pages`, keeping their tables."""

import django.db.models.deletion
from django.db import migrations, models

from editorial.migrations._content_type_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pages', '0010_easy_read_and_sign_language_pages'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        # The tables stay where they are (Meta.db_table): only Django's idea of which app
        # a model belongs to changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SeedRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.CharField(max_length=100, unique=True)),
                        ('loaded_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'pages_seedrecord',
                    },
                ),
                migrations.CreateModel(
                    name='TranslationState',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('object_id', models.PositiveIntegerField()),
                        ('language', models.CharField(max_length=15)),
                        ('field', models.CharField(max_length=100)),
                        ('source_digest', models.CharField(max_length=64)),
                        ('translated_at', models.DateTimeField(auto_now=True)),
                        ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'translation work',
                        'verbose_name_plural': 'translation work',
                        'db_table': 'pages_translationstate',
                        'constraints': [models.UniqueConstraint(fields=('content_type', 'object_id', 'language', 'field'), name='one_translation_state_per_field')],
                    },
                ),
    
            ],
        ),
        move_content_types('pages', 'editorial', ['seedrecord', 'translationstate']),
    ]
