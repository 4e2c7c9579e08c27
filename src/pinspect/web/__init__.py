"""The web application: a Django project whose apps load data and hand it to the core.

Rules live in the core (:mod:`pinspect.frameworks`, :mod:`pinspect.ratings`,
:mod:`pinspect.sampling`); the apps here store answers, check permissions, audit every change
and render pages with their JSON twins. See docs/web.md.
"""
