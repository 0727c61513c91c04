"""The VVG plugin: the parts of the product any Local Action Group's Wagtail site can install."""
