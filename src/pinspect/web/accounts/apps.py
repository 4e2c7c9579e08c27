from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pinspect.web.accounts"
    label = "accounts"
