"""WSGI entry point: production settings unless ``DJANGO_SETTINGS_MODULE`` names others (it
never falls back to a development configuration). Before the first request, whatever an
interrupted request left behind is removed (:func:`pinspect.web.startup.clean_up_interrupted`).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinspect.web.settings.production")
application = get_wsgi_application()

from pinspect.web.startup import clean_up_interrupted  # noqa: E402  (needs Django set up)

clean_up_interrupted()
