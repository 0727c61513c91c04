"""How the API (wagtail.api APIField) shows the shared snippets of vvg.core."""

from rest_framework import serializers


class MeasureSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
