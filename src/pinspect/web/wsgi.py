"""WSGI entry point: production settings unless ``DJANGO_SETTINGS_MODULE`` names others (it
never falls back to a development configuration). Before the first request, whatever an
interrupted request left behind is removed (:func:`pinspect.web.startup.clean_up_interrupted`)
and the framework catalogue is read, so that gunicorn, which loads this module once before it
forks its workers (``preload_app``), starts every worker warm; the database connection used
meanwhile is closed, so no two workers ever share it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinspect.web.settings.production")
application = get_wsgi_application()

from django.db import connections  # noqa: E402  (needs Django set up)

from pinspect.web.frameworks import catalogue  # noqa: E402
from pinspect.web.startup import clean_up_interrupted  # noqa: E402

clean_up_interrupted()
catalogue()
connections.close_all()
