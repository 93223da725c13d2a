"""The export of the plugin into moto: ``python -m moto_connect_ext.upstream DIR``.

It writes the change into the moto source tree at DIR (a git checkout or an unpacked sdist) and
the same change, one part per patch, as a ``git format-patch`` series beside it. The parts:

1. moto core: IAM emulation for rest-json services (:mod:`.core`);
2. one per connect resource family the plugin has (phone numbers, traffic distribution and
   replication, flows once they exist), each with its tests and regenerated coverage docs.

Nothing here is imported by the plugin itself.
"""

from __future__ import annotations

from pathlib import Path

from . import connect, core, series, tree


def _core(moto: Path) -> None:
    for edit in core.EDITS:
        edit.apply(moto)
    tree.copy_files(moto, core.TESTS)


CORE = series.Part(
    subject="Core: IAM emulation for rest-json services",
    body=series.CoverLetter(
        adds=(
            "- IAMRequest signs a body-less GET, DELETE or HEAD over an empty "
            "payload. moto signed its query parameters as a form body, so with "
            "INITIAL_NO_AUTH_ACTION_COUNT set every such request of a rest-json "
            "service failed the signature check.",
            "- A rest-json service's denials are JSON (AccessDeniedException, "
            "InvalidSignatureException, UnrecognizedClientException, status "
            "403), which botocore reads; the XML moto sent reached clients as "
            "code '403'. Other protocols, S3 and EC2 answer as before.",
        ),
        follows=(
            "Signature Version 4: a request without a body is signed over the "
            "hash of the empty string (IAM User Guide, 'Create a signed AWS API "
            "request'). rest-json errors: the x-amzn-ErrorType header and "
            "__type, as botocore's RestJSONParser reads them.",
        ),
        decided=(
            "The protocol is the botocore model's of the service named in the "
            "credential scope. A service that signs with another name (EFS signs "
            "as elasticfilesystem) has no model of that name and keeps XML "
            "denials; its signatures are fixed all the same.",
        ),
        tested=(
            "tests/test_core/test_auth_rest_json.py: Connect (GET with a query "
            "string and with a path label, DELETE, each denial), EFS (GET and "
            "DELETE), EKS (a JSON denial). The EFS and EKS tests fail on moto "
            "5.2.6 without this change. tests/test_core/test_auth.py and "
            "tests/test_s3/test_s3_auth.py pass unchanged.",
        ),
        verify=(
            "Nothing: moto's IAM emulation has no AWS counterpart to run "
            "against. The error codes and statuses are those botocore's models "
            "list for these services.",
        ),
    ).text(),
    change=_core,
)


def parts() -> list[series.Part]:
    """The patch series, in the order moto applies it."""
    return [CORE, *connect.parts()]


def export(moto: Path, patches: Path, author: series.Author) -> list[Path]:
    """Write the change into the moto tree and its patch series into ``patches`` (a new or empty
    directory), committed as ``author``."""
    return series.write(moto, parts(), patches, author)
