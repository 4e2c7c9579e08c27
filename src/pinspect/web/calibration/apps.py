from django.apps import AppConfig


class CalibrationConfig(AppConfig):
    name = "pinspect.web.calibration"
    label = "calibration"
