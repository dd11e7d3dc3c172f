from django.core.validators import MaxValueValidator
from django.db import models


class Subscriber(models.Model):
    """Someone who subscribed: the API's sample resource."""

    name = models.CharField(max_length=100)
    age = models.PositiveSmallIntegerField(validators=[MaxValueValidator(150)])
    email = models.EmailField(unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
