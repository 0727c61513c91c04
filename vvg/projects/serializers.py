"""How the API shows a funded project's organisations and call (public data only)."""

from rest_framework import serializers


class OrganisationSerializer(serializers.Serializer):
    name = serializers.CharField()
    legal_code = serializers.CharField()
    sector = serializers.CharField()


class CallSerializer(serializers.Serializer):
    """The call a project came from; given the project's `public_call`, so an unpublished call is null."""

    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
