# Django's own English formats, except the date: the day first, as in British English.
DATE_FORMAT = "j F Y"
