"""SearchContactFlows: an instance's flows by name, type, state and status criteria and by tag
filter (:mod:`..flow_search` holds the criteria), answered with their latest content."""

from __future__ import annotations

from typing import Any

from .. import bounds, flow_search, pagination
from ..exceptions import InvalidParameterException
from .base import locked
from .contact_flows import ContactFlow, ContactFlowsMixin, FlowView, flow_key

_SEARCH_PAGE_DEFAULT = 100


class ContactFlowSearchMixin(ContactFlowsMixin):
    """Searching one account's contact flows in one Region."""

    @locked
    def search_contact_flows(
        self,
        instance_id: str,
        next_token: str | None = None,
        max_results: int | None = None,
        search_filter: dict[str, Any] | None = None,
        search_criteria: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        query = {"InstanceId": instance_id, "Filter": search_filter, "Criteria": search_criteria}
        bounds.check("SearchContactFlows", MaxResults=max_results)
        after = pagination.decode(next_token, query, InvalidParameterException)
        flow_search.check_criteria(search_criteria)
        flows = self._instance_flows(self._instance(instance_id))

        def wanted(flow: ContactFlow) -> bool:
            return flow_search.matches_criteria(flow, search_criteria) and (
                flow_search.matches_filter(flow, self._flow_tags(flow), search_filter)
            )

        total = sum(1 for f in flows.flows.values() if wanted(f))
        page, token = pagination.page(
            (f for f in flows.after(after) if wanted(f)),
            max_results or _SEARCH_PAGE_DEFAULT,
            flow_key,
            query,
        )
        # The latest content, as DescribeContactFlow with ``:$SAVED`` shows it.
        views = [FlowView.of(f, True, self._flow_tags(f)) for f in page]
        return {"ContactFlows": views, "NextToken": token, "ApproximateTotalCount": total}
