"""Barrier reports move here from `pages`, keeping their table."""

from django.db import migrations, models

from editorial.migrations._content_type_moves import move_content_types


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pages', '0010_easy_read_and_sign_language_pages'),
    ]

    operations = [
        # The tables stay where they are (Meta.db_table): only Django's idea of which app
        # a model belongs to changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AccessibilityFeedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                        ('email', models.EmailField(max_length=254, verbose_name='e-mail')),
                        ('message', models.TextField(max_length=5000, verbose_name='message')),
                        ('page', models.CharField(blank=True, max_length=500, verbose_name='page concerned')),
                        ('language', models.CharField(max_length=15, verbose_name='language')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='received')),
                    ],
                    options={
                        'verbose_name': 'accessibility feedback',
                        'verbose_name_plural': 'accessibility feedback',
                        'db_table': 'pages_accessibilityfeedback',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
    
            ],
        ),
        move_content_types('pages', 'feedback', ['accessibilityfeedback']),
    ]
