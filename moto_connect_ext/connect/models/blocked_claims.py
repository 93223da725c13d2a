"""The plugin's choice of the error a claim blocked by churn meets (the ``blocked_claim_error``
setting): AWS documents the block, not its answer, so a suite may pick the answer its code
expects. moto's backend answers LimitExceededException."""

from __future__ import annotations

from ..exceptions import error_for
from .release_rules import ReleaseRulesMixin


class BlockedClaimErrorMixin(ReleaseRulesMixin):
    """A blocked claim meets the error the account and Region's settings name."""

    def _blocked_claim(self, message: str) -> Exception:
        return error_for(self._settings.blocked_claim_error, message)
