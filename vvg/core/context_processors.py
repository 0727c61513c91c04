from .conf import vvg_setting


def vvg(request):
    """The template the plugin's vvg/base.html extends, so its pages sit inside the host's own layout."""
    return {"vvg_base_template": vvg_setting("BASE_TEMPLATE")}
