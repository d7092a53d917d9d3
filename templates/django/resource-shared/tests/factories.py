"""Rows for tests: `make(Model)` saves one row with a value for every required field, and
makes the rows its foreign keys need, so that every row has related rows of its own.

Written by `bulwark resource`; pass a field's value to `make()` to choose it.
"""

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.db import models

_numbers = itertools.count(1)


def make(model: type[models.Model], **values: Any) -> Any:
    """A new saved row of `model`; fields not given take a value unique to the row."""
    number = next(_numbers)
    for field in model._meta.concrete_fields:
        given = field.name in values or field.attname in values
        if given or field.primary_key or field.null or field.has_default():
            continue
        values[field.name] = _value(field, number)
    return model.objects.create(**values)


def _value(field: models.Field, number: int) -> Any:
    if isinstance(field, models.ForeignKey):
        return make(field.related_model)
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
        return start + datetime.timedelta(minutes=number)
    if isinstance(field, models.DateField):
        return datetime.date(2024, 1, 1) + datetime.timedelta(days=number % 3650)
    if isinstance(field, models.DecimalField):
        return Decimal(number % 1000)
    if isinstance(field, models.IntegerField):
        return number % 1000
    if isinstance(field, models.CharField | models.TextField):
        text = f"{field.name} {number}"
        return text[: field.max_length] if field.max_length else text
    raise TypeError(f"make() has no value for {field!r}: pass {field.name}= to make()")
