"""The lab's address as students' devices reach it, for the pushed link and its QR code.

A teacher often opens the lab on the server itself (``http://localhost:8501``); that address means
"this machine" on every student's device, so a link built from it opens nothing. The address is, in
order: the ``public_url`` setting (``SIGMOID_LAB_PUBLIC_URL`` or ``public_url`` in secrets.toml, e.g.
behind a proxy); the address the teacher's browser used, when it is not a local one; else the
server's network address (the interface with the default route, found with a UDP socket that
sends nothing) with the page's port. Only when none is known is the local address kept, and then
:attr:`Address.warning` says so. Standard library only: the functions are tested without a server.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

PUBLIC_URL_ENV = "SIGMOID_LAB_PUBLIC_URL"
PUBLIC_URL_SECRET = "public_url"
_PROBE = ("8.8.8.8", 80)  # any routed address: connect() on UDP only picks the outgoing interface, no packet is sent
LOCAL_WARNING = (
    "Only a local address of the lab is known ({address}): students' devices cannot open it. Type the address "
    "students reach the lab at above (e.g. http://192.168.1.20:8501), or set SIGMOID_LAB_PUBLIC_URL (or public_url "
    "in secrets.toml) before starting the lab."
)


@dataclass(frozen=True)
class Address:
    """The lab's address for students, and why it may not work.

    Attributes:
        url: ``scheme://host[:port]`` (a path prefix kept for a proxy), without a trailing slash.
        source: ``setting``, ``browser``, ``network`` or ``local``.
        warning: A sentence for the teacher when students cannot reach ``url``; empty otherwise.
    """

    url: str
    source: str
    warning: str = ""


def is_local(host: str | None) -> bool:
    """True for an address only this machine means: ``localhost``, ``127.x``, ``::1``, ``0.0.0.0`` (or none)."""
    if not host:
        return True
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name such as lab.school.org
    return address.is_loopback or address.is_unspecified


def network_ip() -> str | None:
    """This server's address on its network (the interface with the default route), or None without a network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_PROBE)
            ip = probe.getsockname()[0]
        except OSError:
            return None
    return None if is_local(ip) else ip


def _base(url: str) -> str | None:
    """``scheme://netloc/path`` of an http(s) address without query or trailing slash; None if it is not one."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def students_address(
    browser_url: str | None, public_url: str | None = None, find_ip: Callable[[], str | None] | None = None
) -> Address:
    """The address a pushed link should carry.

    Args:
        browser_url: The address the teacher's browser used (``st.context.url``), e.g. ``http://localhost:8501/class``.
        public_url: The ``public_url`` setting, if any.
        find_ip: Finds the server's network address (default :func:`network_ip`; a stand-in in tests).

    Returns:
        The address, with a warning when only a local one is known or the setting is unusable.
    """
    note = ""
    if public_url and public_url.strip():
        base = _base(public_url)
        if base and not is_local(urlsplit(base).hostname):
            return Address(base, "setting")
        note = (
            f"The public_url setting ({public_url.strip()}) is not an address students can open "
            "(it must start with http:// or https:// and name this server on the network). "
        )
    parts = urlsplit(browser_url or "http://localhost:8501")
    scheme = parts.scheme if parts.scheme in ("http", "https") else "http"
    if parts.hostname and not is_local(parts.hostname):
        return Address(f"{scheme}://{parts.netloc}", "browser", note.strip())
    port = f":{parts.port}" if parts.port else ""
    ip = (find_ip or network_ip)()
    if ip:
        return Address(f"{scheme}://{ip}{port}", "network", note.strip())
    local = f"{scheme}://{parts.hostname or 'localhost'}{port}"
    return Address(local, "local", note + LOCAL_WARNING.format(address=local))


def typed_warning(base: str) -> str:
    """A sentence when an address the teacher typed cannot work on a student's device; empty when it can."""
    if _base(base) is None:
        return "The lab's address must start with http:// or https://, e.g. http://192.168.1.20:8501."
    if is_local(urlsplit(base.strip()).hostname):
        return LOCAL_WARNING.format(address=base.strip())
    return ""


def configured_public_url(secret_value: object = None) -> str | None:
    """The ``public_url`` setting: the environment's ``SIGMOID_LAB_PUBLIC_URL`` first, then the secret."""
    value = os.environ.get(PUBLIC_URL_ENV) or (str(secret_value) if secret_value else "")
    return value.strip() or None
