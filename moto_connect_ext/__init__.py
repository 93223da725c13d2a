"""Amazon Connect phone numbers for moto.

Importing the package installs the plugin into moto (idempotently), so ``moto.mock_aws`` and moto's
server serve the phone-number operations from then on.
"""

from moto import mock_aws

from .wiring import install

__version__ = "0.2.0"
__all__ = ["__version__", "install", "mock_aws"]

install()
