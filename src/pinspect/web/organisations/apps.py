from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "pinspect.web.organisations"
    label = "organisations"
