from django.apps import AppConfig


class PanelConfig(AppConfig):
    name = "pinspect.web.panel"
    label = "panel"
