"""Routes of connect: moto's own and those of the plugin's operations, all to one response class.

moto finds this module from the backend class's module (``...connect.models`` -> ``...connect.urls``).
Only the service's path prefixes are listed; the response class finds the operation from the method
and path in the botocore model, and answers the operations it does not implement itself. ``.+``
admits ARNs, whose ``/`` werkzeug decodes in server mode.
"""

from moto.connect.urls import url_paths as moto_url_paths

from .responses import ConnectResponse

url_bases = [
    r"https?://connect\.(.+)\.amazonaws\.com",
]

#: Every other connect path, so that each operation of the model and a path with its label left
#: empty get a JSON answer from the response class. It must stay the last route: in-process moto
#: tries routes in order (werkzeug, on a server, tries a bare path rule last anyway).
FALLBACK = "{0}/.*$"

url_paths = {
    **dict.fromkeys(moto_url_paths, ConnectResponse.dispatch),
    "{0}/phone-number/(?P<PhoneNumberId>[^/].*)$": ConnectResponse.dispatch,
    "{0}/phone-numbers-summary/(?P<InstanceId>.+)$": ConnectResponse.dispatch,
    "{0}/instance/(?P<InstanceId>.+)/replicate$": ConnectResponse.dispatch,
    "{0}/instance/(?P<InstanceId>[^/]+)/attribute/(?P<AttributeType>[^/]+)$": (
        ConnectResponse.dispatch
    ),
    "{0}/instance/(?P<InstanceId>[^/]+)/attributes$": ConnectResponse.dispatch,
    "{0}/traffic-distribution-group$": ConnectResponse.dispatch,
    "{0}/traffic-distribution-group/(?P<TrafficDistributionGroupId>.+)$": ConnectResponse.dispatch,
    "{0}/traffic-distribution-groups$": ConnectResponse.dispatch,
    "{0}/traffic-distribution/(?P<Id>.+)$": ConnectResponse.dispatch,
    "{0}/contact-flows/(?P<InstanceId>[^/]+)$": ConnectResponse.dispatch,
    "{0}/contact-flows/(?P<InstanceId>[^/]+)/(?P<ContactFlowId>.+)$": ConnectResponse.dispatch,
    "{0}/contact-flows-summary/(?P<InstanceId>.+)$": ConnectResponse.dispatch,
    "{0}/search-contact-flows$": ConnectResponse.dispatch,
    "{0}/flow-associations-summary/(?P<InstanceId>.+)$": ConnectResponse.dispatch,
    "{0}/flow-associations-batch/(?P<InstanceId>.+)$": ConnectResponse.dispatch,
    FALLBACK: ConnectResponse.dispatch,
}
