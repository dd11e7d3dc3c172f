from django.apps import AppConfig


class SubscribersConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.subscribers"
    verbose_name = "Subscribers"
