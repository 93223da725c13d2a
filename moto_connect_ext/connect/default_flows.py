"""The flows every new Amazon Connect instance comes with.

The Admin Guide lists the eight published "Default ..." flows and their types, and the sample inbound
flow that onboarding points the first claimed number at; their real content is not published, so
each gets a small valid Flow-language flow of its type (our choice: AWS publishes no content).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .flow_content import VERSION


@dataclass(frozen=True)
class DefaultFlow:
    name: str
    type: str
    content: str


def _content(prompt: str, end: str) -> str:
    """A two-action flow: play ``prompt``, then ``end`` (its last action, with no transitions)."""
    actions = [
        {
            "Identifier": "play-prompt",
            "Type": "MessageParticipant",
            "Parameters": {"Text": prompt},
            "Transitions": {
                "NextAction": "end",
                "Errors": [{"NextAction": "end", "ErrorType": "NoMatchingError"}],
                "Conditions": [],
            },
        },
        {"Identifier": "end", "Type": end, "Parameters": {}, "Transitions": {}},
    ]
    flow = {"Version": VERSION, "StartAction": "play-prompt", "Metadata": {}, "Actions": actions}
    return json.dumps(flow, separators=(",", ":"))


def _default(name: str, flow_type: str, prompt: str) -> DefaultFlow:
    end = "DisconnectParticipant" if flow_type == "CONTACT_FLOW" else "EndFlowExecution"
    return DefaultFlow(name, flow_type, _content(prompt, end))


#: In the order the Admin Guide lists them; names exactly as a new instance shows them.
DEFAULT_FLOWS: tuple[DefaultFlow, ...] = (
    _default("Default agent hold", "AGENT_HOLD", "The customer is on hold."),
    _default("Default agent transfer", "AGENT_TRANSFER", "Transferring your call to an agent."),
    _default("Default agent whisper", "AGENT_WHISPER", "Incoming contact."),
    _default("Default customer hold", "CUSTOMER_HOLD", "Please hold."),
    _default("Default customer queue", "CUSTOMER_QUEUE", "Thank you for waiting."),
    _default("Default customer whisper", "CUSTOMER_WHISPER", "You are now connected."),
    _default("Default outbound", "OUTBOUND_WHISPER", "Connecting your outbound call."),
    _default("Default queue transfer", "QUEUE_TRANSFER", "Transferring your call to a queue."),
    _default(
        "Sample inbound flow (first contact experience)",
        "CONTACT_FLOW",
        "Thank you for calling. This is the sample inbound flow.",
    ),
)
