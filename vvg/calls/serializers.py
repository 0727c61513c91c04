"""How the API (wagtail.api APIField) shows a call's documents."""

from rest_framework import serializers


class CallDocumentSerializer(serializers.Serializer):
    title = serializers.CharField(source="display_title")
    document_type = serializers.CharField()
    file_extension = serializers.CharField(source="document.file_extension")
    url = serializers.SerializerMethodField()

    def get_url(self, item):
        request = self.context.get("request")
        url = item.document.url
        return request.build_absolute_uri(url) if request else url
