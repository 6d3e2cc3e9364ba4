from django import template

from feedback.forms import AccessibilityFeedbackForm

register = template.Library()


@register.simple_tag
def feedback_form():
    """An empty barrier form, for a page that shows it below its text (the accessibility
    statement); it posts to the form's own address."""
    return AccessibilityFeedbackForm()
