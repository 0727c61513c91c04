"""The Django project of the VVG site.

It lives in ``site/vvgsite`` because ``site`` is a standard-library module name:
``manage.py``, ``wsgi.py`` and the test configuration put ``site/`` on ``sys.path``.
"""
