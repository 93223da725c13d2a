"""A minimal AWS End User Messaging SMS (``pinpoint-sms-voice-v2``): the phone numbers a test
requests there, to import into Amazon Connect. Laid out as a moto service package, and named as
moto names one (the service's name without hyphens).
"""

#: The service's botocore name.
SERVICE = "pinpoint-sms-voice-v2"
