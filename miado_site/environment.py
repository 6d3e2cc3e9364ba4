"""Small helpers the settings read the environment with."""

import os
from urllib.parse import urlsplit


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


def object_store_origins(s3):
    """The addresses photos and videos come from in an S3-compatible object store, for
    the Content-Security-Policy: its public domain, or the bucket's host names."""
    if s3["custom_domain"]:
        return [f"https://{s3['custom_domain']}"]
    if s3["endpoint_url"]:
        endpoint = urlsplit(s3["endpoint_url"])
        return [
            f"{endpoint.scheme}://{endpoint.netloc}",  # path-style addressing
            f"{endpoint.scheme}://{s3['bucket_name']}.{endpoint.netloc}",
        ]
    region = f".{s3['region_name']}" if s3["region_name"] else ""
    return [f"https://{s3['bucket_name']}.s3{region}.amazonaws.com"]
