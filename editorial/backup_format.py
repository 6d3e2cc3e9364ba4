"""
Django's JSON serialisation, with times to the microsecond.

DjangoJSONEncoder cuts times to milliseconds (as JavaScript's Date does); a backup
must give back exactly what it took. Reading needs nothing special: Django's JSON
deserialiser parses the longer form as it is.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder

FORMAT = "json-exact"


class ExactTimeEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactTimeEncoder


Deserializer = json.Deserializer
