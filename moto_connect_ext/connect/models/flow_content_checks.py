"""The Flow language's structural checks of published content (:mod:`..flow_language`): a flow
published by CreateContactFlow or UpdateContactFlowContent must pass them, saved content waits
until it is published."""

from __future__ import annotations

from .. import flow_language
from ..exceptions import InvalidContactFlowException
from .contact_flows import ContactFlowsMixin


class FlowContentChecksMixin(ContactFlowsMixin):
    """Published content of one account's flows in one Region is checked before it is taken."""

    def _checked_content(self, content: str, publish: bool) -> None:
        super()._checked_content(content, publish)
        if publish:
            found = flow_language.problems(content)
            if found:
                raise InvalidContactFlowException(found)
