"""Routes of End User Messaging SMS: one path, the operation is in ``X-Amz-Target``.

moto finds this module from the backend class's module (``...pinpointsmsvoicev2.models``
-> ``...pinpointsmsvoicev2.urls``).
"""

from .responses import SmsVoiceResponse

url_bases = [
    r"https?://sms-voice\.(.+)\.amazonaws\.com",
]

url_paths = {
    "{0}/$": SmsVoiceResponse.dispatch,
}
