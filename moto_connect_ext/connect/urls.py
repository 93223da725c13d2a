"""Routes of the phone-number operations (moto's connect routes stay as moto defines them).

Only the service's path prefixes are listed; the response class finds the operation from the method
and path in the botocore model. ``.+`` admits ARNs, whose ``/`` werkzeug decodes in server mode.
"""

from .responses import ConnectResponse

url_bases = [
    r"https?://connect\.(.+)\.amazonaws\.com",
]

url_paths = {
    "{0}/phone-number/(?P<PhoneNumberId>[^/].*)$": ConnectResponse.dispatch,
    "{0}/phone-numbers-summary/(?P<InstanceId>.+)$": ConnectResponse.dispatch,
    "{0}/instance/(?P<InstanceId>.+)/replicate$": ConnectResponse.dispatch,
    "{0}/traffic-distribution-group$": ConnectResponse.dispatch,
    "{0}/traffic-distribution-group/(?P<TrafficDistributionGroupId>.+)$": ConnectResponse.dispatch,
    "{0}/traffic-distribution-groups$": ConnectResponse.dispatch,
    "{0}/traffic-distribution/(?P<Id>.+)$": ConnectResponse.dispatch,
    # The same paths with their label empty, which no operation of the model matches.
    "{0}/phone-number/$": ConnectResponse.dispatch_without_label,
    # UpdatePhoneNumberMetadata's path with its label empty; moto before 5.2.5 matches no
    # operation for it, so it is routed here rather than left to moto's operation matching.
    "{0}/phone-number/(?P<PhoneNumberId>/metadata)$": ConnectResponse.dispatch_without_label,
    "{0}/phone-numbers-summary/$": ConnectResponse.dispatch_without_label,
    "{0}/traffic-distribution-group/$": ConnectResponse.dispatch_without_label,
    "{0}/traffic-distribution/$": ConnectResponse.dispatch_without_label,
}
