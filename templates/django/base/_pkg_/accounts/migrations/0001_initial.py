from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ApiAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "permissions": [
                    ("api_read", "Can read through the API"),
                    ("api_write", "Can create and change through the API"),
                    ("api_delete", "Can delete through the API"),
                ],
                "managed": False,
                "default_permissions": (),
            },
        ),
    ]
