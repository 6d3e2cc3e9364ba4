"""
What content apps tell the foundations about themselves. An app's AppConfig says
`editorial_content = True` to be content (editors get every permission on its models, and
where `on_public_pages` is not False its saves invalidate the page cache); a model lists
the labels it had before it moved app in `former_labels`.
"""

import functools

from django.apps import apps


def content_app_configs(on_public_pages=None):
    """The apps whose models are the site's content, optionally only those shown, or not
    shown, on public pages."""
    return [
        config
        for config in apps.get_app_configs()
        if getattr(config, "editorial_content", False)
        and (on_public_pages is None or getattr(config, "on_public_pages", True) == on_public_pages)
    ]


def content_models():
    return [model for config in content_app_configs() for model in config.get_models()]


@functools.cache
def former_labels():
    """{old label: model} for models that moved between apps (their `former_labels`), and
    for their revision history's models, which moved with them."""
    found = {}
    for model in apps.get_models():
        for label in getattr(model, "former_labels", ()):
            found[label] = model
            history = getattr(model, "history", None)
            if history is not None:
                app_label, name = label.split(".")
                found[f"{app_label}.historical{name}"] = history.model
    return found


def model_by_label(label):
    """
    The model for "app_label.model_name", also under a label it had before the apps were
    split, so archives and PO files written by earlier versions still resolve. Raises
    LookupError for an unknown label.
    """
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        model = former_labels().get(label.lower())
        if model is None:
            raise LookupError(f"No model {label!r}.") from None
        return model
