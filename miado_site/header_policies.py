"""What browsers may do on the site's pages: the Content-Security- and Permissions-Policy."""

from csp.constants import NONE, SELF


def content_security_policies(media_origins):
    """
    The public pages' policy and the admin's (django-csp). Public pages have no script and
    no inline style at all, so they need neither 'unsafe-inline' nor nonces (a nonce would
    also break the cached whole pages). `media_origins`: the object store's hosts, where
    photos, videos and captions may come from.
    """
    public = {
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [NONE],
            "style-src": [SELF],
            "img-src": [SELF, *media_origins],
            # The sign language videos and their captions, from wherever uploads are stored.
            "media-src": [SELF, *media_origins],
            "font-src": [SELF],
            # Lighthouse and similar tools fetch /robots.txt from inside the page.
            "connect-src": [SELF],
            "object-src": [NONE],
            "base-uri": [SELF],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
        }
    }
    # The admin's own policy (miado_site/middleware.py): its scripts, from our own static
    # files only; still no inline code (a browser test walks the tabbed admin under it).
    admin = {"DIRECTIVES": {**public["DIRECTIVES"], "script-src": [SELF]}}
    return public, admin


# Every browser feature the site never uses, switched off (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in """
        accelerometer autoplay camera display-capture encrypted-media geolocation gyroscope
        magnetometer microphone midi payment picture-in-picture publickey-credentials-get
        screen-wake-lock usb xr-spatial-tracking
    """.split()
}
# Sign language videos need full screen: hands and faces are hard to read small.
PERMISSIONS_POLICY["fullscreen"] = ["self"]
